import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../../core/access/actor.js";
import { loadStaffActor } from "../../core/access/load-actor.js";
import { advantagesForPassholder } from "../../core/advantages/advantages-for-passholder.js";
import { redeemAdvantage } from "../../core/advantages/redeem-advantage.js";
import { verifyPassword } from "../../core/auth/password.js";
import { checkIn } from "../../core/checkins/check-in.js";
import { eventsOpenForCheckin } from "../../core/checkins/checkin-window.js";
import { municipalityForPostalCode } from "../../core/municipalities/municipality-for-postal-code.js";
import { grantKansentarief } from "../../core/tickets/grant-kansentarief.js";
import { periodKey } from "../../core/time/periods.js";
import { isValidCardNumber } from "../../core/validation/card-number.js";
import { isValidBelgianIban } from "../../core/validation/iban.js";
import { demoAccounts } from "../../seeds/demo-accounts.js";
import { DESK_ADVANTAGE, deskPassholders, freeCardNumbers } from "../../seeds/demo-desk.js";
import { DESK_COUNTER, DESK_TARIFF_EVENT, permanentEventName } from "../../seeds/demo-permanent-events.js";
import { DEMO_PASSHOLDERS } from "../../seeds/demo-passholders.js";
import { seedDemo, type DemoSummary } from "../../seeds/demo.js";
import { emptyAllTables } from "../../seeds/reset.js";
import { databaseKinds, freshDatabase, type TestDatabase } from "../helpers/databases.js";

const now = new Date("2026-11-23T10:00:00Z");

/** A fingerprint of the generated people, cards, history and ledger. */
async function fingerprint(db: TestDatabase): Promise<string> {
  const [row] = await db.query<{ hash: string }>(`
    SELECT md5(
      (SELECT string_agg(concat_ws('|', p.id, p."firstName", p."lastName", p."birthDate", p.email, p."postalCode", p.points), ',' ORDER BY p.id) FROM "Passholder" p) ||
      (SELECT string_agg(concat_ws('|', c.number, c.status, c."issuedAt"), ',' ORDER BY c.number) FROM "Card" c) ||
      (SELECT string_agg(concat_ws('|', c.id, c."eventId", c."checkedInAt", c.corrected), ',' ORDER BY c.id) FROM "Checkin" c) ||
      (SELECT string_agg(concat_ws('|', r.id, r."advantageId", r."redeemedAt", r.status), ',' ORDER BY r.id) FROM "Redemption" r) ||
      (SELECT string_agg(concat_ws('|', t.id, t.amount, t."createdAt"), ',' ORDER BY t.id) FROM "PointsTransaction" t)) AS hash`);
  return row!.hash;
}

async function count(db: TestDatabase, sql: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(`SELECT (${sql})::int AS n`);
  return row!.n;
}

describe.each(databaseKinds)("demo data on %s", (kind) => {
  let db: TestDatabase;
  let summary: DemoSummary;
  beforeAll(async () => {
    db = await freshDatabase(kind);
    summary = await seedDemo(db, { now });
  });
  afterAll(() => db.dispose());

  it("fills the region with the expected volumes", () => {
    expect(summary.municipalities).toBe(10);
    expect(summary.passholders).toBe(DEMO_PASSHOLDERS + deskPassholders.length);
    expect(summary.passholdersWithKansenstatuut / summary.passholders).toBeGreaterThan(0.15);
    expect(summary.passholdersWithKansenstatuut / summary.passholders).toBeLessThan(0.25);
    // ~40 dated events, and an open-ended one per counter.
    expect(summary.events).toBeGreaterThanOrEqual(38 + summary.counters);
    expect(summary.events).toBeLessThanOrEqual(42 + summary.counters + 1);
    expect(summary.runningEvents).toBeGreaterThanOrEqual(3);
    expect(summary.counters).toBeGreaterThanOrEqual(13);
    expect(summary.counters).toBeLessThanOrEqual(17);
    expect(summary.pillars).toBe(6);
    expect(summary.checkins).toBeGreaterThan(2000);
    expect(summary.correctedCheckins).toBeGreaterThan(0);
    expect(summary.ticketSales).toBeGreaterThan(100);
    expect(summary.cancelledTicketSales).toBeGreaterThan(0);
    expect(summary.redemptions).toBeGreaterThan(100);
    expect(summary.removedRedemptions).toBeGreaterThan(0);
    expect(summary.advantageCodes).toBe(20);
    expect(summary.couponUses).toBeGreaterThan(0);
    expect(summary.providers).toBe(3);
  });

  it("knows 9900 as Eeklo and gives every passholder a real sub-municipality of their municipality", async () => {
    const cardSystem = await db.prisma.cardSystem.findFirstOrThrow();
    expect(cardSystem).toMatchObject({ name: "UiTPAS Meetjesland", coordinatorEmail: "uitpasmeetjesland@comeet.be", keyParticipantPct: 25, keyOrganiserPct: 55, keyMunicipalityPct: 20 });
    expect((await municipalityForPostalCode(db.prisma, cardSystem.id, "9900")).municipality.name).toBe("Eeklo");
    const bassevelde = await municipalityForPostalCode(db.prisma, cardSystem.id, "9968");
    expect([bassevelde.municipality.name, bassevelde.places.map((place) => place.name)]).toEqual(["Assenede", ["Bassevelde", "Oosteeklo"]]);
    expect(
      await count(db, `SELECT count(*) FROM "Passholder" p WHERE NOT EXISTS (
        SELECT 1 FROM "SubMunicipality" s WHERE s."postalCode" = p."postalCode" AND s.name = p.city AND s."municipalityId" = p."municipalityId")`),
    ).toBe(0);
  });

  it("keeps every balance equal to its ledger, and never below zero at any moment", async () => {
    expect(
      await count(db, `SELECT count(*) FROM "Passholder" p
        WHERE p.points <> coalesce((SELECT sum(t.amount) FROM "PointsTransaction" t WHERE t."passholderId" = p.id), 0)`),
    ).toBe(0);
    expect(
      await count(db, `SELECT count(*) FROM (
        SELECT sum(amount) OVER (PARTITION BY "passholderId" ORDER BY "createdAt", id) AS balance FROM "PointsTransaction") AS history
        WHERE balance < 0`),
    ).toBe(0);
    expect(await count(db, `SELECT count(*) FROM "Checkin" c WHERE NOT EXISTS (SELECT 1 FROM "PointsTransaction" t WHERE t."checkinId" = c.id AND t.type = 'CHECKIN' AND t.amount = c.points)`)).toBe(0);
    expect(await count(db, `SELECT count(*) FROM "Checkin" c WHERE c.corrected AND NOT EXISTS (SELECT 1 FROM "PointsTransaction" t WHERE t."checkinId" = c.id AND t.type = 'CHECKIN_CORRECTION' AND t.amount = -c.points)`)).toBe(0);
  });

  it("gives every passholder exactly one active card, all with valid numbers", async () => {
    expect(await count(db, `SELECT count(*) FROM "Passholder" p WHERE (SELECT count(*) FROM "Card" c WHERE c."passholderId" = p.id AND c.status = 'ACTIVE') <> 1`)).toBe(0);
    const cards = await db.prisma.card.findMany();
    expect(cards.every((card) => isValidCardNumber(card.number))).toBe(true);
    expect(cards.filter((card) => card.status === "BLOCKED").every((card) => card.blockedAt && card.blockReason && card.replacedByCardId)).toBe(true);
    expect(cards.filter((card) => card.status === "REPLACED").every((card) => card.replacedAt && card.replacedByCardId)).toBe(true);
  });

  it("checks in within the event, on an active card, once per event and period", async () => {
    const rows = await db.query<{ checkedInAt: Date; periodKey: string; checkinLimitPeriod: string; inside: boolean; cardActive: boolean }>(`
      SELECT c."checkedInAt", c."periodKey", e."checkinLimitPeriod",
             c."checkedInAt" BETWEEN e."startsAt" AND e."endsAt" AND c."checkedInAt" <= ($1::timestamptz AT TIME ZONE 'UTC') AS inside,
             k."issuedAt" <= c."checkedInAt" AND coalesce(k."blockedAt", k."replacedAt", 'infinity') > c."checkedInAt" AS "cardActive"
      FROM "Checkin" c JOIN "Event" e ON e.id = c."eventId" JOIN "Card" k ON k.id = c."cardId"`, [now.toISOString()]);
    expect(rows.length).toBe(summary.checkins);
    expect(rows.filter((row) => !row.inside || !row.cardActive)).toEqual([]);
    const wrongKeys = rows.filter((row) => row.periodKey !== periodKey(row.checkinLimitPeriod as never, new Date(row.checkedInAt)));
    expect(wrongKeys).toEqual([]);
  });

  it("sells kansentarief only to passholders with kansenstatuut, within each organiser's MIA limit", async () => {
    expect(
      await count(db, `SELECT count(*) FROM "TicketSale" t JOIN "Passholder" p ON p.id = t."passholderId" JOIN "Event" e ON e.id = t."eventId"
        WHERE p."kansenstatuutStart" IS NULL OR p."kansenstatuutEnd" < e."startsAt"::date OR t."tariffCents" <> e."kansentariefCents"`),
    ).toBe(0);
    expect(
      await count(db, `SELECT count(*) FROM (
        SELECT count(*) AS used, o."miaTicketLimit" FROM "TicketSale" t JOIN "Event" e ON e.id = t."eventId" JOIN "Counter" o ON o.id = e."organiserCounterId"
        WHERE t.status = 'ACTIVE' AND o."miaTicketLimit" IS NOT NULL
        GROUP BY t."passholderId", o.id, t."periodKey", o."miaTicketLimit") AS per_period WHERE used > "miaTicketLimit"`),
    ).toBe(0);
    expect(await count(db, `SELECT count(*) FROM "TicketSale" t JOIN "Counter" c ON c.id = t."counterId" WHERE NOT 'CHECKIN_TICKET' = ANY (c."permissionGroups")`)).toBe(0);
  });

  it("counts each advantage's active redemptions and never exceeds stock or a welcome once", async () => {
    const advantages = await db.prisma.advantage.findMany({ include: { redemptions: true, codes: true } });
    expect(advantages.filter((a) => a.kind === "WELCOME")).toHaveLength(4);
    expect(advantages.filter((a) => a.kind === "EXCHANGE").length).toBeGreaterThanOrEqual(7);
    for (const advantage of advantages) {
      const active = advantage.redemptions.filter((redemption) => redemption.status === "ACTIVE");
      expect(advantage.redeemedCount).toBe(active.length);
      expect(advantage.redemptions.length).toBeLessThanOrEqual(Math.min(advantage.unitsAvailable ?? Infinity, advantage.maxTotal ?? Infinity));
      if (advantage.usesUniqueCodes) expect(advantage.codes.filter((code) => code.redemptionId).length).toBe(advantage.redemptions.length);
    }
    expect(await count(db, `SELECT count(*) FROM (SELECT 1 FROM "Redemption" WHERE kind = 'WELCOME' GROUP BY "advantageId", "passholderId" HAVING count(*) > 1) AS twice`)).toBe(0);
    expect(
      await count(db, `SELECT count(*) FROM "Redemption" r WHERE r.points > 0 AND NOT EXISTS (
        SELECT 1 FROM "PointsTransaction" t WHERE t."redemptionId" = r.id AND t.type = 'REDEMPTION' AND t.amount = -r.points)`),
    ).toBe(0);
    expect(await count(db, `SELECT count(*) FROM "Redemption" r WHERE r.status = 'REMOVED' AND r.points > 0 AND NOT EXISTS (SELECT 1 FROM "PointsTransaction" t WHERE t."redemptionId" = r.id AND t.type = 'REDEMPTION_REMOVAL')`)).toBe(0);
  });

  it("gives counters valid IBANs and keys, and keeps coupon use counts consistent", async () => {
    const counters = await db.prisma.counter.findMany();
    expect(counters.filter((counter) => counter.iban).every((counter) => isValidBelgianIban(counter.iban!))).toBe(true);
    expect(counters.some((counter) => counter.keyOrganiserPct !== null)).toBe(true);
    expect(counters.some((counter) => counter.miaTicketLimit !== null)).toBe(true);
    expect(await count(db, `SELECT count(*) FROM "CouponGrant" g JOIN "Coupon" c ON c.id = g."couponId" WHERE g."usedCount" <> (SELECT count(*) FROM "CouponUse" u WHERE u."grantId" = g.id) OR g."usedCount" > c."usageLimit"`)).toBe(0);
  });

  it("creates one demo account per role that can sign in, the counter staff linked to a counter", async () => {
    for (const account of demoAccounts) {
      const user = await db.prisma.user.findUniqueOrThrow({ where: { email: account.email }, include: { counters: true, municipality: true } });
      expect(user.role).toBe(account.role);
      expect(await verifyPassword(account.password, user.passwordHash)).toBe(true);
      if (account.role === "MUNICIPAL_ADMIN") expect(user.municipality?.name).toBe("Eeklo");
      if (account.role === "COUNTER_STAFF") expect(user.counters).toHaveLength(1);
    }
    expect(new Set(demoAccounts.map((account) => account.role))).toEqual(new Set(["COORDINATOR", "MUNICIPAL_ADMIN", "COUNTER_STAFF"]));
  });

  it("works with the card rules: a demo card checks in on an event running now", async () => {
    const event = await db.prisma.event.findFirstOrThrow({ where: { name: "Seniorennamiddag: dansen in het dienstencentrum" } });
    expect(event.startsAt <= now && event.endsAt >= now).toBe(true);
    const card = await db.prisma.card.findFirstOrThrow({
      where: { status: "ACTIVE", passholder: { checkins: { none: { eventId: event.id } } } },
      orderBy: { number: "asc" },
    });
    const result = await checkIn(db.prisma, { eventId: event.id, cardNumber: card.number, channel: "COUNTER", counterId: event.organiserCounterId, actor: systemActor("test"), at: now });
    expect(result.points).toBe(event.points);
  });

  it("has what the desk walk-through needs at Sociaal Huis Eeklo, and a second counter staff member elsewhere", async () => {
    const staffOf = async (email: string) => (await loadStaffActor(db.prisma, (await db.prisma.user.findUniqueOrThrow({ where: { email } })).id))!;
    const staff = await staffOf("balie.sociaalhuis.eeklo@uitpas-meetjesland.test");
    const counter = await db.prisma.counter.findFirstOrThrow({ where: { name: DESK_COUNTER } });
    expect(staff.counterIds).toEqual([counter.id]);
    expect(counter.permissionGroups).toEqual(expect.arrayContaining(["AUTHORISED_REGISTRATION", "CHECKIN_TICKET"]));
    const open = await db.prisma.event.findMany({ where: { id: { in: await eventsOpenForCheckin(db.prisma, now) }, organiserCounterId: counter.id } });
    const inloop = open.find((event) => event.name === permanentEventName(counter))!;
    const tariff = open.find((event) => event.name === DESK_TARIFF_EVENT.name)!;
    expect(tariff).toMatchObject({ priceCents: DESK_TARIFF_EVENT.priceCents, kansentariefCents: DESK_TARIFF_EVENT.kansentariefCents });
    const [mia, jonas, karim] = deskPassholders.map((person) => person.cardNumber) as [string, string, string];
    const miaRow = (await db.prisma.card.findUniqueOrThrow({ where: { number: mia }, include: { passholder: true } })).passholder;
    expect(await db.prisma.card.count({ where: { number: { in: freeCardNumbers as string[] } } })).toBe(0);

    const saved = await checkIn(db.prisma, { eventId: inloop.id, cardNumber: mia, channel: "COUNTER", counterId: counter.id, actor: staff, at: now });
    expect(saved.balance).toBe(miaRow.points + inloop.points);
    await expect(checkIn(db.prisma, { eventId: inloop.id, cardNumber: mia, channel: "COUNTER", counterId: counter.id, actor: staff, at: now })).rejects.toMatchObject({ code: "CHECKIN_LIMIT_REACHED" });

    const ticket = await grantKansentarief(db.prisma, { cardNumber: mia, eventId: tariff.id, counterId: counter.id, actor: staff, at: now });
    expect(ticket).toMatchObject({ regularPriceCents: DESK_TARIFF_EVENT.priceCents, tariffCents: DESK_TARIFF_EVENT.kansentariefCents });
    for (const cardNumber of [jonas, karim]) {
      await expect(grantKansentarief(db.prisma, { cardNumber, eventId: tariff.id, counterId: counter.id, actor: staff, at: now })).rejects.toMatchObject({ code: "NO_KANSENSTATUUT" });
    }

    const here = await advantagesForPassholder(db.prisma, { passholderId: miaRow.id, counterId: counter.id, at: now });
    const availableHere = (kind: string) => here.filter((entry) => entry.available && entry.advantage.kind === kind).map((entry) => entry.advantage);
    expect(availableHere("WELCOME").length).toBeGreaterThan(0);
    const exchange = availableHere("EXCHANGE").find((advantage) => advantage.title === DESK_ADVANTAGE.title)!;
    const redeemed = await redeemAdvantage(db.prisma, { advantageId: exchange.id, cardNumber: mia, counterId: counter.id, channel: "COUNTER", actor: staff, at: now });
    expect(redeemed.balance).toBe(saved.balance - DESK_ADVANTAGE.points);

    const elsewhere = await staffOf("balie.bibliotheek.assenede@uitpas-meetjesland.test");
    expect(elsewhere.counterIds).not.toContain(counter.id);
    await expect(checkIn(db.prisma, { eventId: inloop.id, cardNumber: jonas, channel: "COUNTER", counterId: counter.id, actor: elsewhere, at: now })).rejects.toMatchObject({ code: "COUNTER_NOT_YOURS" });
  });

  it("still offers a welcome advantage at the desk counter to a passholder registered there years after the demo loaded", async () => {
    const counter = await db.prisma.counter.findFirstOrThrow({ where: { name: DESK_COUNTER } });
    const later = new Date(now.getTime() + 9 * 365 * 86_400_000);
    const newcomer = await db.prisma.passholder.create({
      data: {
        cardSystemId: counter.cardSystemId,
        firstName: "Nieuw",
        lastName: "Later",
        birthDate: new Date("2001-02-03"),
        postalCode: "9900",
        city: "Eeklo",
        municipalityId: counter.municipalityId,
        registeredAt: later,
        registeredAtCounterId: counter.id,
        cards: { create: { number: freeCardNumbers.at(-1)!, issuedAt: later, issuedAtCounterId: counter.id } },
      },
    });
    try {
      const here = await advantagesForPassholder(db.prisma, { passholderId: newcomer.id, counterId: counter.id, at: later });
      expect(here.filter((entry) => entry.available && entry.advantage.kind === "WELCOME").length).toBeGreaterThan(0);
    } finally {
      await db.prisma.card.deleteMany({ where: { passholderId: newcomer.id } });
      await db.prisma.passholder.delete({ where: { id: newcomer.id } });
    }
  });

  it("has an event open for check-in at every counter when the demo starts, and still two years later", async () => {
    const counters = await db.prisma.counter.findMany({ select: { id: true, name: true } });
    for (const at of [now, new Date(now.getTime() + 2 * 365 * 86_400_000)]) {
      const open = await db.prisma.event.findMany({ where: { id: { in: await eventsOpenForCheckin(db.prisma, at) } }, select: { organiserCounterId: true } });
      const withOpenEvent = new Set(open.map((event) => event.organiserCounterId));
      expect(counters.filter((counter) => !withOpenEvent.has(counter.id)).map((counter) => counter.name), at.toISOString()).toEqual([]);
    }
  });

  it("gives the same data for the same moment", { timeout: 180_000 }, async () => {
    const other = await freshDatabase(kind);
    try {
      await seedDemo(other, { now });
      const first = await freshDatabase(kind);
      try {
        await seedDemo(first, { now });
        expect(await fingerprint(other)).toBe(await fingerprint(first));
      } finally {
        await first.dispose();
      }
      await emptyAllTables(other);
      expect(await other.prisma.passholder.count()).toBe(0);
      await seedDemo(other, { now: new Date(now.getTime() + 86_400_000) });
      expect(await other.prisma.passholder.count()).toBe(DEMO_PASSHOLDERS + deskPassholders.length);
    } finally {
      await other.dispose();
    }
  });

  it("refuses a database that already has a card system, and refuses production", async () => {
    await expect(seedDemo(db, { now })).rejects.toThrow(/bevat al een kaartsysteem/);
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = "production";
    try {
      const empty = await freshDatabase(kind);
      try {
        await expect(seedDemo(empty, { now })).rejects.toThrow(/nooit aangemaakt in productie/);
        expect(await empty.prisma.user.count()).toBe(0);
      } finally {
        await empty.dispose();
      }
    } finally {
      process.env.NODE_ENV = previous;
    }
  });
});
