import type { PrismaClient } from "@prisma/client";
import { describe, expect, it } from "vitest";
import { passholderActor, systemActor } from "../../core/access/actor.js";
import { redeemAdvantage } from "../../core/advantages/redeem-advantage.js";
import { checkIn } from "../../core/checkins/check-in.js";
import { useCoupon } from "../../core/coupons/use-coupon.js";
import { checkInWithSaveCode } from "../../core/savecodes/check-in-with-save-code.js";
import { saveCodeUrl, signSaveCode } from "../../core/savecodes/save-code.js";
import { grantKansentarief } from "../../core/tickets/grant-kansentarief.js";
import { countAttempt, limits } from "../../portal/src/lib/attempts.js";
import { passholderWithPoints, snapshot } from "../core/advantages/builders.js";
import { createCoupon, grantToTarget } from "../core/coupons/builders.js";
import type { DatabaseKind } from "../../core/db/database.js";
import { databaseKinds } from "../helpers/databases.js";
import { createAdvantage, createEvent, createPassholder, time, worldOn } from "../helpers/fixtures.js";
import { refusalCodes } from "../helpers/refusal.js";

// The numbers, fired all at once. On PostgreSQL they race on a pool of 60 connections; on PGlite they
// queue on its one connection, and the outcome must be the same.
const secret = "een-geheim-van-minstens-tweeëndertig-tekens";
// Room for a loaded two-core machine; the outcome asserted does not depend on how long the storm takes.
const STORM_TIMEOUT_MS = 180_000;

/** How many calls succeeded, and how often each refusal code came back (anything else shows as UNEXPECTED). */
function tally(results: PromiseSettledResult<unknown>[]) {
  const refused: Record<string, number> = {};
  for (const code of refusalCodes(results)) refused[code] = (refused[code] ?? 0) + 1;
  return { succeeded: results.filter((result) => result.status === "fulfilled").length, refused };
}

/**
 * Starts `count` calls at once. PGlite runs each query on this very thread and one transaction at a time: 1,000
 * queued at once would hold the event loop (and vitest's messages) for the whole storm, so there the calls start
 * in waves with a turn of the loop in between; the database interleaves them the same either way.
 */
async function times<T>(kind: DatabaseKind, count: number, call: (i: number) => Promise<T>): Promise<PromiseSettledResult<T>[]> {
  const wave = kind === "pglite" ? 100 : count;
  const results: PromiseSettledResult<T>[] = [];
  for (let first = 0; first < count; first += wave) {
    results.push(...(await Promise.allSettled(Array.from({ length: Math.min(wave, count - first) }, (_, i) => call(first + i)))));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return results;
}

/** The cached balance next to what the ledger says it should be. */
async function ledgerOf(prisma: PrismaClient, passholderId: string) {
  const [{ points }, lines] = await Promise.all([
    prisma.passholder.findUniqueOrThrow({ where: { id: passholderId }, select: { points: true } }),
    prisma.pointsTransaction.findMany({ where: { passholderId }, select: { amount: true } }),
  ]);
  return { points, lines: lines.length, sum: lines.reduce((sum, line) => sum + line.amount, 0) };
}

describe.each(databaseKinds)("hostile concurrency on %s", (kind) => {
  const t = worldOn(kind);

  it("1,000 scans of one QR save-code by one passholder save exactly one point", async () => {
    const { prisma } = t.db;
    const passholder = await createPassholder(prisma, t.world);
    const event = await createEvent(prisma, t.world, { points: 2 });
    const code = signSaveCode(secret, { eventId: event.id, version: event.saveCodeVersion });
    // Phones send the whole address, scanners and typed input the bare code: both kinds arrive at once.
    const scanned = [code, saveCodeUrl("https://uitpas.example", code)];

    const results = await times(kind, 1000, (i) => checkInWithSaveCode(prisma, { secret, code: scanned[i % 2]!, actor: passholderActor(passholder.id), at: t.world.now }));

    expect(tally(results)).toEqual({ succeeded: 1, refused: { CHECKIN_LIMIT_REACHED: 999 } });
    expect(await prisma.checkin.count({ where: { passholderId: passholder.id } })).toBe(1);
    expect(await ledgerOf(prisma, passholder.id)).toEqual({ points: 2, lines: 1, sum: 2 });
  }, STORM_TIMEOUT_MS);

  it("200 scans counted at once: exactly the portal's 30 get past the scan limit, the rest are told to wait", async () => {
    const rule = { key: `portal-save:storm-${kind}`, limit: limits.savePerPassholder };

    const results = await times(kind, 200, () => countAttempt(t.db, [rule]));

    expect(tally(results)).toEqual({ succeeded: 30, refused: { TOO_MANY_ATTEMPTS: 170 } });
  });

  it("100 passholders racing for the last unit: one gets it, 99 hear it is sold out", async () => {
    const { prisma } = t.db;
    const advantage = await createAdvantage(prisma, t.world, { points: 3, unitsAvailable: 10, redeemedCount: 9 });
    const passholders = await Promise.all(Array.from({ length: 100 }, () => passholderWithPoints(prisma, t.world, 5)));

    const results = await times(kind, 100, (i) =>
      redeemAdvantage(prisma, { advantageId: advantage.id, cardNumber: passholders[i]!.cardNumber, channel: "COUNTER", counterId: t.world.checkinCounter, at: t.world.now, actor: systemActor("balie") }),
    );

    expect(tally(results)).toEqual({ succeeded: 1, refused: { ADVANTAGE_SOLD_OUT: 99 } });
    expect((await prisma.advantage.findUniqueOrThrow({ where: { id: advantage.id } })).redeemedCount).toBe(10);
    expect(await prisma.redemption.count({ where: { advantageId: advantage.id } })).toBe(1);
    const balances = await Promise.all(passholders.map((passholder) => ledgerOf(prisma, passholder.id)));
    expect(balances.filter((balance) => balance.points === 2)).toHaveLength(1);
    expect(balances.filter((balance) => balance.points === 5)).toHaveLength(99);
    expect(balances.every((balance) => balance.points === balance.sum)).toBe(true);
  });

  it("one passholder firing 100 redemptions of a 3-per-week advantage gets exactly 3", async () => {
    const { prisma } = t.db;
    const advantage = await createAdvantage(prisma, t.world, { points: 2, perUserLimit: 3, perUserLimitPeriod: "WEEK", onlineExchange: true });
    const passholder = await passholderWithPoints(prisma, t.world, 1000);

    // Counter and portal at the same moment: the limit is the passholder's, whatever the channel.
    const results = await times(kind, 100, (i) =>
      i % 2
        ? redeemAdvantage(prisma, { advantageId: advantage.id, cardNumber: passholder.cardNumber, channel: "COUNTER", counterId: t.world.checkinCounter, at: t.world.now, actor: systemActor("balie") })
        : redeemAdvantage(prisma, { advantageId: advantage.id, passholderId: passholder.id, channel: "ONLINE", at: t.world.now, actor: systemActor("pashouder") }),
    );

    expect(tally(results)).toEqual({ succeeded: 3, refused: { ADVANTAGE_USER_LIMIT_REACHED: 97 } });
    expect(await snapshot(prisma, advantage.id, passholder.id)).toMatchObject({ points: 994, ledgerSum: 994, ledgerLines: 4, redeemedCount: 3, redemptions: 3 });
  });

  it("300 check-ins at once at counter, pillar and QR code never pass an event's 3 per week", async () => {
    const { prisma } = t.db;
    const passholder = await createPassholder(prisma, t.world);
    const event = await createEvent(prisma, t.world, { checkinLimit: 3, checkinLimitPeriod: "WEEK" });
    const code = signSaveCode(secret, { eventId: event.id, version: event.saveCodeVersion });
    const channels = [
      () => checkIn(prisma, { eventId: event.id, cardNumber: passholder.cardNumber, channel: "COUNTER", counterId: t.world.checkinCounter, at: t.world.now, actor: systemActor("balie") }),
      () => checkIn(prisma, { eventId: event.id, cardNumber: passholder.cardNumber, channel: "PILLAR", at: t.world.now, actor: systemActor("zuil") }),
      () => checkInWithSaveCode(prisma, { secret, code, actor: passholderActor(passholder.id), at: t.world.now }),
    ];

    const results = await times(kind, 300, (i) => channels[i % channels.length]!());

    expect(tally(results)).toEqual({ succeeded: 3, refused: { CHECKIN_LIMIT_REACHED: 297 } });
    const slots = await prisma.checkin.findMany({ where: { eventId: event.id, passholderId: passholder.id }, select: { slot: true }, orderBy: { slot: "asc" } });
    expect(slots.map((row) => row.slot)).toEqual([1, 2, 3]);
    expect(await ledgerOf(prisma, passholder.id)).toEqual({ points: 3, lines: 3, sum: 3 });
  });

  it("100 kansentarieven granted at once never pass the organiser's MIA limit of 4 per month", async () => {
    const { prisma } = t.db;
    const organiser = await prisma.counter.create({
      data: { name: "CC Storm", cardSystemId: t.world.cardSystemId, municipalityId: t.world.eeklo, consumerKey: `cc-storm-${kind}`, permissionGroups: ["CHECKIN_TICKET"], miaTicketLimit: 4, miaTicketLimitPeriod: "MONTH" },
    });
    const day = (offset: number) => new Date(new Date(t.world.now.getTime() + offset * time.DAY).toISOString().slice(0, 10));
    const passholder = await createPassholder(prisma, t.world, { kansenstatuutStart: day(-100), kansenstatuutEnd: day(30) });
    const events = await Promise.all(Array.from({ length: 10 }, () => createEvent(prisma, t.world, { organiserCounterId: organiser.id, municipalityId: t.world.eeklo })));

    const results = await times(kind, 100, (i) =>
      grantKansentarief(prisma, { cardNumber: passholder.cardNumber, eventId: events[i % events.length]!.id, counterId: organiser.id, actor: systemActor("balie"), at: t.world.now }),
    );

    expect(tally(results)).toEqual({ succeeded: 4, refused: { MIA_TICKET_LIMIT_REACHED: 96 } });
    expect(await prisma.ticketSale.count({ where: { passholderId: passholder.id, status: "ACTIVE" } })).toBe(4);
  });

  it("100 uses of a coupon valid 3 times at once: 3 uses, 97 refused as used up", async () => {
    const { prisma } = t.db;
    const passholder = await createPassholder(prisma, t.world);
    const coupon = await createCoupon(prisma, t.world, { usageLimit: 3 });
    await grantToTarget(prisma, coupon.id, { at: t.world.now });

    const results = await times(kind, 100, () => useCoupon(prisma, { couponId: coupon.id, cardNumber: passholder.cardNumber, counterId: t.world.checkinCounter, at: t.world.now, actor: systemActor("balie") }));

    expect(tally(results)).toEqual({ succeeded: 3, refused: { COUPON_USED_UP: 97 } });
    const grant = await prisma.couponGrant.findUniqueOrThrow({ where: { couponId_passholderId: { couponId: coupon.id, passholderId: passholder.id } }, include: { _count: { select: { uses: true } } } });
    expect(grant.usedCount).toBe(3);
    expect(grant._count.uses).toBe(3);
  });
});
