import type { Database } from "../core/db/database.js";
import type { Pair } from "./storm.js";

export interface Verification {
  /** Check-ins in the database (not corrected). */
  present: number;
  /** Every broken promise or invariant, in words; empty when all holds. */
  violations: string[];
}

const pairKey = (pair: { passholderId: string; eventId: string }) => `${pair.passholderId}/${pair.eventId}`;

async function count(db: Database, sql: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(sql);
  return row?.n ?? 0;
}

/**
 * Reads the database after the crash and restart: every acknowledged point is there, at most one check-in per
 * passholder and event (the events' limit), every check-in has exactly its ledger line and the other way
 * round, and every cached balance equals the sum of its ledger. With `complete`, every pair has its point.
 */
export async function verifyAfterCrash(db: Database, acknowledged: readonly Pair[], complete?: readonly Pair[]): Promise<Verification> {
  const rows = await db.query<{ passholderId: string; eventId: string; n: number }>(
    `SELECT "passholderId", "eventId", count(*)::int AS n FROM "Checkin" WHERE NOT "corrected" GROUP BY 1, 2`,
  );
  const present = new Map(rows.map((row) => [pairKey(row), row.n]));
  const violations: string[] = [];
  const report = (n: number, what: string) => void (n > 0 && violations.push(`${n} ${what}`));

  report(acknowledged.filter((pair) => !present.has(pairKey(pair))).length, "bevestigde check-ins ontbreken / acknowledged check-ins missing");
  report(rows.filter((row) => row.n > 1).length, "paren met meer dan één check-in / pairs checked in more than once");
  if (complete) report(complete.filter((pair) => !present.has(pairKey(pair))).length, "paren zonder punt na de herstart / pairs without their point after the restart");
  report(
    await count(db, `SELECT count(*)::int AS n FROM "Checkin" c WHERE 1 <> (SELECT count(*) FROM "PointsTransaction" t
       WHERE t."checkinId" = c."id" AND t."type" = 'CHECKIN' AND t."amount" = c."points" AND t."passholderId" = c."passholderId")`),
    "check-ins zonder (juist één) grootboeklijn / check-ins without exactly one ledger line",
  );
  report(
    await count(db, `SELECT count(*)::int AS n FROM "PointsTransaction" t WHERE t."type" = 'CHECKIN'
       AND NOT EXISTS (SELECT 1 FROM "Checkin" c WHERE c."id" = t."checkinId")`),
    "grootboeklijnen zonder check-in / ledger lines without a check-in",
  );
  report(
    await count(db, `SELECT count(*)::int AS n FROM "Passholder" p
       WHERE p."points" <> COALESCE((SELECT sum(t."amount") FROM "PointsTransaction" t WHERE t."passholderId" = p."id"), 0)`),
    "pashouders met een saldo verschillend van hun grootboek / passholders whose balance differs from their ledger",
  );
  return { present: rows.reduce((sum, row) => sum + row.n, 0), violations };
}
