import { describe, expect, it } from "vitest";
import { systemActor } from "../../core/access/actor.js";
import { checkIn } from "../../core/checkins/check-in.js";
import { correctCheckin } from "../../core/checkins/correct-checkin.js";
import { recordPoints } from "../../core/points/ledger.js";
import { databaseKinds } from "../helpers/databases.js";
import { createEvent, createPassholder, time, worldOn } from "../helpers/fixtures.js";
import { expectRefusal } from "../helpers/refusal.js";

describe.each(databaseKinds)("check-ins on %s", (kind) => {
  const t = worldOn(kind);

  let otherSystems = 0;
  const passholderOfAnotherCardSystem = async () => {
    const otherSystem = await t.db.prisma.cardSystem.create({ data: { name: `UiTPAS Elders ${++otherSystems}` } });
    const otherTown = await t.db.prisma.municipality.create({ data: { cardSystemId: otherSystem.id, name: "Elders", joinedAt: t.world.now } });
    return createPassholder(t.db.prisma, t.world, { cardSystemId: otherSystem.id, municipalityId: otherTown.id, registeredAtCounterId: null });
  };

  const ledgerSum = async (passholderId: string) =>
    (await t.db.prisma.pointsTransaction.aggregate({ where: { passholderId }, _sum: { amount: true } }))._sum.amount ?? 0;

  it("saves the event's points at a counter and writes them to the ledger", async () => {
    const passholder = await createPassholder(t.db.prisma, t.world);
    const event = await createEvent(t.db.prisma, t.world, { points: 2 });
    const result = await checkIn(t.db.prisma, {
      eventId: event.id,
      cardNumber: passholder.cardNumber,
      channel: "COUNTER",
      counterId: t.world.checkinCounter,
      at: t.world.now,
      actor: systemActor("balie"),
    });
    expect(result).toMatchObject({ points: 2, balance: 2, eventName: event.name });
    expect(await t.db.prisma.checkin.findUniqueOrThrow({ where: { id: result.checkinId } })).toMatchObject({ channel: "COUNTER", counterId: t.world.checkinCounter, slot: 1 });
    expect(await ledgerSum(passholder.id)).toBe(2);
  });

  it("allows one check-in per passholder per event per day by default, and again the next day", async () => {
    const passholder = await createPassholder(t.db.prisma, t.world);
    const event = await createEvent(t.db.prisma, t.world, { endsAt: new Date(t.world.now.getTime() + 3 * time.DAY) });
    const input = { eventId: event.id, passholderId: passholder.id, channel: "QR" as const, actor: systemActor("pashouder") };
    await checkIn(t.db.prisma, { ...input, at: t.world.now });
    const refusal = await expectRefusal(checkIn(t.db.prisma, { ...input, at: new Date(t.world.now.getTime() + 60_000) }), "CHECKIN_LIMIT_REACHED");
    expect(refusal.details).toMatchObject({ limit: 1, period: "DAY" });
    const nextDay = await checkIn(t.db.prisma, { ...input, at: new Date(t.world.now.getTime() + time.DAY) });
    expect(nextDay.balance).toBe(2);
  });

  it("follows the event's own limit per period", async () => {
    const passholder = await createPassholder(t.db.prisma, t.world);
    const event = await createEvent(t.db.prisma, t.world, { checkinLimit: 2, checkinLimitPeriod: "ABSOLUTE", endsAt: new Date(t.world.now.getTime() + 5 * time.DAY) });
    const input = { eventId: event.id, cardNumber: passholder.cardNumber, channel: "PILLAR" as const, actor: systemActor("zuil") };
    await checkIn(t.db.prisma, { ...input, at: t.world.now });
    await checkIn(t.db.prisma, { ...input, at: new Date(t.world.now.getTime() + time.DAY) });
    await expectRefusal(checkIn(t.db.prisma, { ...input, at: new Date(t.world.now.getTime() + 2 * time.DAY) }), "CHECKIN_LIMIT_REACHED");
  });

  it("is open from the margin before the start until the margin after the end", async () => {
    const passholder = await createPassholder(t.db.prisma, t.world);
    const startsAt = new Date(t.world.now.getTime() + 5 * time.HOUR);
    const endsAt = new Date(t.world.now.getTime() + 7 * time.HOUR);
    const event = await createEvent(t.db.prisma, t.world, { startsAt, endsAt, checkinMarginBeforeMinutes: 30, checkinMarginAfterMinutes: 15, checkinLimit: 5 });
    const at = (offsetMs: number, base: Date) => new Date(base.getTime() + offsetMs);
    const input = { eventId: event.id, cardNumber: passholder.cardNumber, channel: "PILLAR" as const, actor: systemActor("zuil") };
    await expectRefusal(checkIn(t.db.prisma, { ...input, at: at(-31 * 60_000, startsAt) }), "CHECKIN_NOT_OPEN");
    await checkIn(t.db.prisma, { ...input, at: at(-29 * 60_000, startsAt) });
    await checkIn(t.db.prisma, { ...input, at: at(14 * 60_000, endsAt) });
    await expectRefusal(checkIn(t.db.prisma, { ...input, at: at(16 * 60_000, endsAt) }), "CHECKIN_NOT_OPEN");
  });

  it("uses the card system's margin when the event has none", async () => {
    const passholder = await createPassholder(t.db.prisma, t.world);
    const startsAt = new Date(t.world.now.getTime() + 2 * time.HOUR);
    const event = await createEvent(t.db.prisma, t.world, { startsAt, endsAt: new Date(startsAt.getTime() + time.HOUR) });
    const input = { eventId: event.id, cardNumber: passholder.cardNumber, channel: "PILLAR" as const, actor: systemActor("zuil") };
    await expectRefusal(checkIn(t.db.prisma, { ...input, at: new Date(startsAt.getTime() - 61 * 60_000) }), "CHECKIN_NOT_OPEN");
    await checkIn(t.db.prisma, { ...input, at: new Date(startsAt.getTime() - 59 * 60_000) });
  });

  it("refuses blocked, replaced, unknown and malformed cards", async () => {
    const event = await createEvent(t.db.prisma, t.world);
    const blocked = await createPassholder(t.db.prisma, t.world);
    await t.db.prisma.card.update({ where: { number: blocked.cardNumber }, data: { status: "BLOCKED" } });
    const replaced = await createPassholder(t.db.prisma, t.world);
    await t.db.prisma.card.update({ where: { number: replaced.cardNumber }, data: { status: "REPLACED" } });
    const input = { eventId: event.id, channel: "PILLAR" as const, actor: systemActor("zuil"), at: t.world.now };
    await expectRefusal(checkIn(t.db.prisma, { ...input, cardNumber: blocked.cardNumber }), "CARD_BLOCKED");
    await expectRefusal(checkIn(t.db.prisma, { ...input, cardNumber: replaced.cardNumber }), "CARD_REPLACED");
    await expectRefusal(checkIn(t.db.prisma, { ...input, cardNumber: "0900000095902" }), "CARD_NOT_FOUND");
    const malformed = await expectRefusal(checkIn(t.db.prisma, { ...input, cardNumber: "12345" }), "CARD_NUMBER_INVALID");
    expect(malformed.field).toBe("cardNumber");
    await expectRefusal(checkIn(t.db.prisma, { ...input, passholderId: blocked.id }), "CARD_BLOCKED");
    expect((await t.db.prisma.passholder.findUniqueOrThrow({ where: { id: blocked.id } })).points).toBe(0);
  });

  it("refuses unknown and cancelled events", async () => {
    const passholder = await createPassholder(t.db.prisma, t.world);
    const input = { cardNumber: passholder.cardNumber, channel: "PILLAR" as const, actor: systemActor("zuil"), at: t.world.now };
    await expectRefusal(checkIn(t.db.prisma, { ...input, eventId: "not-a-uuid" }), "EVENT_NOT_FOUND");
    await expectRefusal(checkIn(t.db.prisma, { ...input, eventId: "00000000-0000-4000-8000-000000000000" }), "EVENT_NOT_FOUND");
    const cancelled = await createEvent(t.db.prisma, t.world, { cancelled: true });
    await expectRefusal(checkIn(t.db.prisma, { ...input, eventId: cancelled.id }), "EVENT_CANCELLED");
  });

  it("only lets check-in & ticket counters check in", async () => {
    const passholder = await createPassholder(t.db.prisma, t.world);
    const event = await createEvent(t.db.prisma, t.world);
    const input = { eventId: event.id, cardNumber: passholder.cardNumber, channel: "COUNTER" as const, actor: systemActor("balie"), at: t.world.now };
    await expectRefusal(checkIn(t.db.prisma, { ...input, counterId: t.world.registrationCounter }), "COUNTER_MAY_NOT_CHECKIN");
    await expectRefusal(checkIn(t.db.prisma, { ...input, counterId: 999_999 }), "COUNTER_NOT_FOUND");
    await expectRefusal(checkIn(t.db.prisma, { ...input }), "VALIDATION");
    expect(await t.db.prisma.checkin.count({ where: { passholderId: passholder.id } })).toBe(0);
  });

  it("at a counter saves only for that counter's own activities", async () => {
    const passholder = await createPassholder(t.db.prisma, t.world);
    const ofAnother = await createEvent(t.db.prisma, t.world, { organiserCounterId: t.world.checkinCounter });
    const input = { eventId: ofAnother.id, cardNumber: passholder.cardNumber, channel: "COUNTER" as const, actor: systemActor("balie"), at: t.world.now };
    const refusal = await expectRefusal(checkIn(t.db.prisma, { ...input, counterId: t.world.authorisedCounter }), "EVENT_NOT_OF_COUNTER");
    expect(refusal).toMatchObject({ field: "eventId", message: "Dit evenement is geen activiteit van deze balie." });
    const own = await createEvent(t.db.prisma, t.world, { organiserCounterId: t.world.authorisedCounter, municipalityId: t.world.eeklo });
    await checkIn(t.db.prisma, { ...input, eventId: own.id, counterId: t.world.authorisedCounter });
    expect(await t.db.prisma.checkin.count({ where: { passholderId: passholder.id } })).toBe(1);
  });

  it("at a pillar takes only cards of the pillar's card system", async () => {
    const stranger = await passholderOfAnotherCardSystem();
    const local = await createPassholder(t.db.prisma, t.world);
    const event = await createEvent(t.db.prisma, t.world);
    const pillar = await t.db.prisma.pillar.create({
      data: { cid: `CID-kaartsysteem-${t.world.cardSystemId}`, name: "Zuil Sporthal", municipalityId: t.world.assenede, counters: { create: [{ counterId: t.world.checkinCounter }] } },
    });
    const atPillar = (cardNumber: string) =>
      checkIn(t.db.prisma, { eventId: event.id, cardNumber, channel: "PILLAR", actor: { kind: "PILLAR", pillarId: pillar.id, cid: pillar.cid }, at: t.world.now });
    await expectRefusal(atPillar(stranger.cardNumber), "CARD_NOT_FOUND");
    await expectRefusal(checkIn(t.db.prisma, { eventId: event.id, passholderId: stranger.id, channel: "PILLAR", actor: systemActor("zuil"), at: t.world.now }), "CARD_NOT_FOUND");
    expect(await t.db.prisma.checkin.count({ where: { passholderId: stranger.id } })).toBe(0);
    await atPillar(local.cardNumber);
  });

  it("saves points only for events of the passholder's own card system, whoever scans", async () => {
    const stranger = await passholderOfAnotherCardSystem();
    const event = await createEvent(t.db.prisma, t.world);
    const byQr = (passholderId: string) =>
      checkIn(t.db.prisma, { eventId: event.id, channel: "QR", actor: { kind: "PASSHOLDER", passholderId }, at: t.world.now });
    await expectRefusal(byQr(stranger.id), "EVENT_OTHER_CARD_SYSTEM");
    await expectRefusal(checkIn(t.db.prisma, { eventId: event.id, passholderId: stranger.id, channel: "QR", actor: systemActor("import"), at: t.world.now }), "EVENT_OTHER_CARD_SYSTEM");
    expect(await t.db.prisma.checkin.count({ where: { passholderId: stranger.id } })).toBe(0);
    expect(await ledgerSum(stranger.id)).toBe(0);
    const local = await createPassholder(t.db.prisma, t.world);
    expect((await byQr(local.id)).balance).toBe(1);
  });

  it("corrects a check-in: the point and its correction both stay in the ledger, and the place is freed", async () => {
    const passholder = await createPassholder(t.db.prisma, t.world);
    const event = await createEvent(t.db.prisma, t.world);
    const input = { eventId: event.id, cardNumber: passholder.cardNumber, channel: "PILLAR" as const, actor: systemActor("zuil"), at: t.world.now };
    const { checkinId } = await checkIn(t.db.prisma, input);
    await expectRefusal(correctCheckin(t.db.prisma, { checkinId, reason: "", actor: systemActor("ksb") }), "VALIDATION");
    const { balance } = await correctCheckin(t.db.prisma, { checkinId, reason: "Verkeerde pashouder", actor: systemActor("ksb") });
    expect(balance).toBe(0);
    const ledger = await t.db.prisma.pointsTransaction.findMany({ where: { passholderId: passholder.id }, orderBy: { createdAt: "asc" } });
    expect(ledger.map((line) => [line.type, line.amount])).toEqual([["CHECKIN", 1], ["CHECKIN_CORRECTION", -1]]);
    expect(await t.db.prisma.checkin.findUniqueOrThrow({ where: { id: checkinId } })).toMatchObject({ corrected: true, correctedBy: "ksb", correctionReason: "Verkeerde pashouder" });
    await expectRefusal(correctCheckin(t.db.prisma, { checkinId, reason: "Nog eens", actor: systemActor("ksb") }), "CHECKIN_ALREADY_CORRECTED");
    await expectRefusal(correctCheckin(t.db.prisma, { checkinId: "00000000-0000-4000-8000-000000000000", reason: "Onbekend", actor: systemActor("ksb") }), "CHECKIN_NOT_FOUND");
    const again = await checkIn(t.db.prisma, { ...input, at: new Date(t.world.now.getTime() + 60_000) });
    expect(again.balance).toBe(1);
  });

  it("refuses to correct a point that was already exchanged", async () => {
    const passholder = await createPassholder(t.db.prisma, t.world);
    const event = await createEvent(t.db.prisma, t.world);
    const { checkinId } = await checkIn(t.db.prisma, { eventId: event.id, cardNumber: passholder.cardNumber, channel: "PILLAR", actor: systemActor("zuil"), at: t.world.now });
    await t.db.prisma.$transaction((tx) => recordPoints(tx, { passholderId: passholder.id, type: "REDEMPTION", amount: -1 }));
    await expectRefusal(correctCheckin(t.db.prisma, { checkinId, reason: "Fout", actor: systemActor("ksb") }), "CORRECTION_POINTS_SPENT");
    expect(await t.db.prisma.checkin.findUniqueOrThrow({ where: { id: checkinId } })).toMatchObject({ corrected: false });
  });

  it("50 identical check-ins fired at once give exactly one point", async () => {
    const passholder = await createPassholder(t.db.prisma, t.world);
    const event = await createEvent(t.db.prisma, t.world);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () =>
        checkIn(t.db.prisma, { eventId: event.id, cardNumber: passholder.cardNumber, channel: "PILLAR", actor: systemActor("zuil"), at: t.world.now }),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const codes = results.flatMap((result) => (result.status === "rejected" ? [(result.reason as { code?: string }).code] : []));
    expect(new Set(codes)).toEqual(new Set(["CHECKIN_LIMIT_REACHED"]));
    expect(await t.db.prisma.checkin.count({ where: { passholderId: passholder.id } })).toBe(1);
    const { points } = await t.db.prisma.passholder.findUniqueOrThrow({ where: { id: passholder.id } });
    expect(points).toBe(1);
    expect(await ledgerSum(passholder.id)).toBe(1);
  });
});
