import type { SqlRunner } from "../core/db/database.js";

/** What is counted, with the Dutch label the command line shows. */
const counted = {
  municipalities: ["gemeenten", `SELECT count(*) FROM "Municipality"`],
  subMunicipalities: ["deelgemeenten", `SELECT count(*) FROM "SubMunicipality"`],
  counters: ["balies", `SELECT count(*) FROM "Counter"`],
  users: ["gebruikers", `SELECT count(*) FROM "User"`],
  passholders: ["pashouders", `SELECT count(*) FROM "Passholder"`],
  passholdersWithKansenstatuut: ["pashouders met kansenstatuut", `SELECT count(*) FROM "Passholder" WHERE "kansenstatuutEnd" IS NOT NULL`],
  cards: ["kaarten", `SELECT count(*) FROM "Card"`],
  events: ["evenementen", `SELECT count(*) FROM "Event"`],
  runningEvents: ["evenementen die nu lopen", `SELECT count(*) FROM "Event" WHERE "startsAt" <= (SELECT now FROM at) AND "endsAt" >= (SELECT now FROM at)`],
  pillars: ["zuilen", `SELECT count(*) FROM "Pillar"`],
  checkins: ["check-ins", `SELECT count(*) FROM "Checkin"`],
  correctedCheckins: ["gecorrigeerde check-ins", `SELECT count(*) FROM "Checkin" WHERE "corrected"`],
  ticketSales: ["toegekende kansentarieven", `SELECT count(*) FROM "TicketSale"`],
  cancelledTicketSales: ["geannuleerde kansentarieven", `SELECT count(*) FROM "TicketSale" WHERE "status" = 'CANCELLED'`],
  advantages: ["voordelen", `SELECT count(*) FROM "Advantage"`],
  advantageCodes: ["kortingscodes", `SELECT count(*) FROM "AdvantageCode"`],
  redemptions: ["opgenomen voordelen", `SELECT count(*) FROM "Redemption"`],
  removedRedemptions: ["verwijderde opnames", `SELECT count(*) FROM "Redemption" WHERE "status" = 'REMOVED'`],
  pointsTransactions: ["puntentransacties", `SELECT count(*) FROM "PointsTransaction"`],
  coupons: ["coupons", `SELECT count(*) FROM "Coupon"`],
  couponGrants: ["toegekende coupons", `SELECT count(*) FROM "CouponGrant"`],
  couponUses: ["gebruikte coupons", `SELECT count(*) FROM "CouponUse"`],
  providers: ["aanbieders in onboarding", `SELECT count(*) FROM "Provider"`],
} as const;

type Counted = keyof typeof counted;
export type DemoSummary = Record<Counted, number>;

/** Row counts of what is in the database; `now` decides which events are running. */
export async function countRows(db: SqlRunner, now: Date): Promise<DemoSummary> {
  const entries = Object.entries(counted) as [Counted, readonly [string, string]][];
  const columns = entries.map(([name, [, query]]) => `(${query})::int AS "${name}"`).join(",\n  ");
  // Stored timestamps are UTC wall-clock values (timestamp without time zone).
  const [row] = await db.query<DemoSummary>(`WITH at AS (SELECT ($1::timestamptz AT TIME ZONE 'UTC') AS now) SELECT\n  ${columns}`, [now.toISOString()]);
  return row!;
}

/** Aligned "label  count" lines in Dutch. */
export function formatSummary(summary: Partial<DemoSummary>): string {
  const rows = (Object.entries(summary) as [Counted, number][]).map(([name, value]) => [counted[name][0], String(value)] as const);
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value.padStart(9)}`).join("\n");
}
