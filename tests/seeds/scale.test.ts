import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LimitPeriod } from "@prisma/client";
import { periodKey } from "../../core/time/periods.js";
import { isValidCardNumber } from "../../core/validation/card-number.js";
import { deskPassholders } from "../../seeds/demo-desk.js";
import { seedScale, type ScaleResult } from "../../seeds/scale.js";
import { SCALE_CARD_PREFIX, periodKeySql, scaleIds, scaleUuid } from "../../seeds/scale-sql.js";
import { databaseKinds, freshDatabase, type TestDatabase } from "../helpers/databases.js";

const now = new Date("2026-11-23T10:00:00Z");
const PASSHOLDERS = 2000;
/** The demo region the scale data is added to: 300 generated passholders and the desk's own. */
const DEMO_PASSHOLDERS = 300 + deskPassholders.length;

async function count(db: TestDatabase, sql: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(`SELECT (${sql})::int AS n`);
  return row!.n;
}

const scalePassholders = `"passholderId" BETWEEN '${scaleUuid(scaleIds.passholder, 0)}' AND '${scaleUuid(scaleIds.passholder, 0xffffffff)}'`;

describe.each(databaseKinds)("benchmark data on %s", (kind) => {
  let db: TestDatabase;
  let result: ScaleResult;
  beforeAll(async () => {
    db = await freshDatabase(kind);
    result = await seedScale(db, { passholders: PASSHOLDERS, batchSize: 800, now });
  }, 240_000);
  afterAll(() => db.dispose());

  it("adds the passholders on top of the demo region, each with a valid card and at least 10 check-ins", async () => {
    expect(result.added.passholders).toBe(PASSHOLDERS);
    expect(result.totals.passholders).toBe(DEMO_PASSHOLDERS + PASSHOLDERS);
    expect(result.added.checkins).toBeGreaterThanOrEqual(10 * PASSHOLDERS);
    const perPassholder = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Checkin" WHERE ${scalePassholders} GROUP BY "passholderId"`);
    expect(perPassholder).toHaveLength(PASSHOLDERS);
    expect(Math.min(...perPassholder.map((row) => row.n))).toBeGreaterThanOrEqual(10);
    const cards = await db.query<{ number: string }>(`SELECT number FROM "Card" WHERE number LIKE '${SCALE_CARD_PREFIX}%'`);
    expect(cards).toHaveLength(PASSHOLDERS);
    expect(cards.every((card) => isValidCardNumber(card.number))).toBe(true);
  });

  it("keeps balances equal to the ledger and never negative, with a ledger line per check-in", async () => {
    expect(result.added.ledger).toBe(result.added.checkins + result.added.redemptions);
    expect(
      await count(db, `SELECT count(*) FROM "Passholder" p
        WHERE p.points <> coalesce((SELECT sum(t.amount) FROM "PointsTransaction" t WHERE t."passholderId" = p.id), 0)`),
    ).toBe(0);
    expect(
      await count(db, `SELECT count(*) FROM (SELECT sum(amount) OVER (PARTITION BY "passholderId" ORDER BY "createdAt", id) AS balance
        FROM "PointsTransaction" WHERE ${scalePassholders}) AS history WHERE balance < 0`),
    ).toBe(0);
    expect(await count(db, `SELECT count(*) FROM "Advantage" a WHERE "redeemedCount" <> (SELECT count(*) FROM "Redemption" r WHERE r."advantageId" = a.id AND r.status = 'ACTIVE')`)).toBe(0);
    expect(result.added.redemptions).toBeGreaterThan(0);
  });

  it("checks in after registration, within past events, with the period key of the core rules", async () => {
    const rows = await db.query<{ checkedInAt: Date; periodKey: string; checkinLimitPeriod: LimitPeriod; ok: boolean }>(`
      SELECT c."checkedInAt", c."periodKey", e."checkinLimitPeriod",
             c."checkedInAt" BETWEEN e."startsAt" AND e."endsAt" AND c."checkedInAt" >= p."registeredAt" AND e."endsAt" <= ($1::timestamptz AT TIME ZONE 'UTC') AS ok
      FROM "Checkin" c JOIN "Event" e ON e.id = c."eventId" JOIN "Passholder" p ON p.id = c."passholderId" WHERE c.${scalePassholders}`, [now.toISOString()]);
    expect(rows.filter((row) => !row.ok)).toEqual([]);
    expect(rows.filter((row) => row.periodKey !== periodKey(row.checkinLimitPeriod, new Date(row.checkedInAt)))).toEqual([]);
  });

  it("sells tickets for about 5% of the check-ins, only to kansenstatuut passholders", async () => {
    expect(result.added.tickets / result.added.checkins).toBeGreaterThan(0.03);
    expect(result.added.tickets / result.added.checkins).toBeLessThan(0.07);
    expect(await count(db, `SELECT count(*) FROM "TicketSale" t JOIN "Passholder" p ON p.id = t."passholderId" WHERE p."kansenstatuutEnd" IS NULL`)).toBe(0);
  });

  it("continues the numbering when run again", async () => {
    const again = await seedScale(db, { passholders: 50, now });
    expect(again.added.passholders).toBe(50);
    expect(again.totals.passholders).toBe(DEMO_PASSHOLDERS + PASSHOLDERS + 50);
    expect(again.totals.events).toBe(result.totals.events);
  });
});

describe.each(databaseKinds)("period keys in SQL on %s", (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await freshDatabase(kind);
  });
  afterAll(() => db.dispose());

  it("match periodKey() for every period, across midnight, weeks, quarters and summer time", async () => {
    const instants = [
      "2026-03-28T23:30:00Z", "2026-03-29T00:30:00Z", "2026-03-29T22:30:00Z", "2026-10-24T22:30:00Z", "2026-10-25T23:30:00Z",
      "2026-12-31T22:59:00Z", "2026-12-31T23:01:00Z", "2027-01-03T23:30:00Z", "2026-06-30T22:30:00Z", "2026-09-30T21:59:59Z",
    ].map((text) => new Date(text));
    const periods: LimitPeriod[] = ["ABSOLUTE", "DAY", "WEEK", "MONTH", "QUARTER", "YEAR"];
    for (const period of periods) {
      const rows = await db.query<{ key: string }>(
        `SELECT ${periodKeySql(`$1::"LimitPeriod"`, "(at::timestamptz AT TIME ZONE 'UTC')")} AS key FROM unnest($2::text[]) WITH ORDINALITY AS t(at, n) ORDER BY n`,
        [period, instants.map((at) => at.toISOString())],
      );
      expect(rows.map((row) => row.key)).toEqual(instants.map((at) => periodKey(period, at)));
    }
  });
});
