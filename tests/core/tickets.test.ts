import { describe, expect, it } from "vitest";
import { systemActor } from "../../core/access/actor.js";
import { cancelTicket } from "../../core/tickets/cancel-ticket.js";
import { grantKansentarief } from "../../core/tickets/grant-kansentarief.js";
import { databaseKinds } from "../helpers/databases.js";
import { createEvent, createPassholder, time, worldOn } from "../helpers/fixtures.js";
import { expectRefusal, refusalCodes } from "../helpers/refusal.js";
import { createCoupon } from "./coupons/builders.js";

describe.each(databaseKinds)("kansentarief on %s", (kind) => {
  const t = worldOn(kind);

  const day = (offsetDays: number) => new Date(new Date(t.world.now.getTime() + offsetDays * time.DAY).toISOString().slice(0, 10));
  const mia = () => createPassholder(t.db.prisma, t.world, { kansenstatuutStart: day(-100), kansenstatuutEnd: day(30) });

  it("grants the tariff to a MIA passholder with the organiser's distribution key", async () => {
    await t.db.prisma.counter.update({ where: { id: t.world.checkinCounter }, data: { keyParticipantPct: 20, keyOrganiserPct: 40, keyMunicipalityPct: 40 } });
    const passholder = await mia();
    const event = await createEvent(t.db.prisma, t.world, { priceCents: 1500, kansentariefCents: 300 });
    const ticket = await grantKansentarief(t.db.prisma, { cardNumber: passholder.cardNumber, eventId: event.id, counterId: t.world.checkinCounter, actor: systemActor("balie"), at: t.world.now });
    expect(ticket).toMatchObject({ regularPriceCents: 1500, tariffCents: 300, keyParticipantPct: 20, keyOrganiserPct: 40, keyMunicipalityPct: 40, status: "ACTIVE", counterId: t.world.checkinCounter });
  });

  it("is granted at a counter only for that counter's own activities", async () => {
    const passholder = await mia();
    const event = await createEvent(t.db.prisma, t.world);
    const refusal = await expectRefusal(
      grantKansentarief(t.db.prisma, { cardNumber: passholder.cardNumber, eventId: event.id, counterId: t.world.authorisedCounter, actor: systemActor("balie"), at: t.world.now }),
      "EVENT_NOT_OF_COUNTER",
    );
    expect(refusal).toMatchObject({ field: "eventId", message: "Dit evenement is geen activiteit van deze balie." });
    expect(await t.db.prisma.ticketSale.count({ where: { passholderId: passholder.id } })).toBe(0);
  });

  it("for an activity running over several days, needs the kansenstatuut on the day of the sale once it has begun", async () => {
    const ongoing = await createEvent(t.db.prisma, t.world, { startsAt: new Date(t.world.now.getTime() - 20 * time.DAY), endsAt: new Date(t.world.now.getTime() + 60 * time.DAY) });
    const grant = (cardNumber: string, at = t.world.now) =>
      grantKansentarief(t.db.prisma, { cardNumber, eventId: ongoing.id, counterId: t.world.checkinCounter, actor: systemActor("balie"), at });
    const since = await createPassholder(t.db.prisma, t.world, { kansenstatuutStart: day(-3), kansenstatuutEnd: day(300) });
    await grant(since.cardNumber);
    await expectRefusal(grant(since.cardNumber, new Date(t.world.now.getTime() - 5 * time.DAY)), "NO_KANSENSTATUUT");
    const ended = await createPassholder(t.db.prisma, t.world, { kansenstatuutStart: day(-100), kansenstatuutEnd: day(-1) });
    await expectRefusal(grant(ended.cardNumber), "NO_KANSENSTATUUT");
    const upcoming = await createEvent(t.db.prisma, t.world, { startsAt: new Date(t.world.now.getTime() + 10 * time.DAY), endsAt: new Date(t.world.now.getTime() + 40 * time.DAY) });
    const fromNextWeek = await createPassholder(t.db.prisma, t.world, { kansenstatuutStart: day(7), kansenstatuutEnd: day(300) });
    await grantKansentarief(t.db.prisma, { cardNumber: fromNextWeek.cardNumber, eventId: upcoming.id, counterId: t.world.checkinCounter, actor: systemActor("balie"), at: t.world.now });
  });

  it("uses a coupon in the same transaction: the sale and the coupon use succeed or fail together", async () => {
    const passholder = await mia();
    const event = await createEvent(t.db.prisma, t.world);
    const coupon = await createCoupon(t.db.prisma, t.world, { usageLimit: 1 });
    await t.db.prisma.couponGrant.create({ data: { couponId: coupon.id, passholderId: passholder.id } });
    const input = { cardNumber: passholder.cardNumber, eventId: event.id, counterId: t.world.checkinCounter, couponId: coupon.id, actor: systemActor("balie"), at: t.world.now };
    const ticket = await grantKansentarief(t.db.prisma, input);
    expect(ticket.coupon).toMatchObject({ usedCount: 1, remainingUses: 0, coupon: { id: coupon.id }, use: { eventId: event.id, counterId: t.world.checkinCounter } });

    await expectRefusal(grantKansentarief(t.db.prisma, input), "COUPON_USED_UP");
    await expectRefusal(grantKansentarief(t.db.prisma, { ...input, couponId: 999_999 }), "COUPON_NOT_FOUND");
    expect(await t.db.prisma.ticketSale.count({ where: { passholderId: passholder.id } })).toBe(1);

    const other = await createPassholder(t.db.prisma, t.world);
    const spare = await createCoupon(t.db.prisma, t.world);
    await t.db.prisma.couponGrant.create({ data: { couponId: spare.id, passholderId: other.id } });
    await expectRefusal(grantKansentarief(t.db.prisma, { ...input, cardNumber: other.cardNumber, couponId: spare.id }), "NO_KANSENSTATUUT");
    expect(await t.db.prisma.couponGrant.findFirstOrThrow({ where: { couponId: spare.id } })).toMatchObject({ usedCount: 0 });
    expect(await t.db.prisma.couponUse.count({ where: { grant: { couponId: spare.id } } })).toBe(0);
  });

  it("needs a kansenstatuut valid on the event date, not only today", async () => {
    const expiring = await createPassholder(t.db.prisma, t.world, { kansenstatuutStart: day(-100), kansenstatuutEnd: day(5) });
    const laterEvent = await createEvent(t.db.prisma, t.world, { startsAt: new Date(t.world.now.getTime() + 10 * time.DAY), endsAt: new Date(t.world.now.getTime() + 10 * time.DAY + time.HOUR) });
    await expectRefusal(grantKansentarief(t.db.prisma, { cardNumber: expiring.cardNumber, eventId: laterEvent.id, counterId: t.world.checkinCounter, actor: systemActor("balie"), at: t.world.now }), "NO_KANSENSTATUUT");
    const soonEvent = await createEvent(t.db.prisma, t.world);
    await grantKansentarief(t.db.prisma, { cardNumber: expiring.cardNumber, eventId: soonEvent.id, counterId: t.world.checkinCounter, actor: systemActor("balie"), at: t.world.now });
    const none = await createPassholder(t.db.prisma, t.world);
    await expectRefusal(grantKansentarief(t.db.prisma, { cardNumber: none.cardNumber, eventId: soonEvent.id, counterId: t.world.checkinCounter, actor: systemActor("balie"), at: t.world.now }), "NO_KANSENSTATUUT");
    const future = await createPassholder(t.db.prisma, t.world, { kansenstatuutStart: day(20), kansenstatuutEnd: day(300) });
    await expectRefusal(grantKansentarief(t.db.prisma, { cardNumber: future.cardNumber, eventId: soonEvent.id, counterId: t.world.checkinCounter, actor: systemActor("balie"), at: t.world.now }), "NO_KANSENSTATUUT");
  });

  it("refuses counters without the check-in & ticket permission, events without a tariff, blocked cards", async () => {
    const passholder = await mia();
    const event = await createEvent(t.db.prisma, t.world);
    const input = { cardNumber: passholder.cardNumber, eventId: event.id, actor: systemActor("balie"), at: t.world.now };
    await expectRefusal(grantKansentarief(t.db.prisma, { ...input, counterId: t.world.registrationCounter }), "COUNTER_MAY_NOT_CHECKIN");
    const free = await createEvent(t.db.prisma, t.world, { kansentariefCents: null });
    await expectRefusal(grantKansentarief(t.db.prisma, { ...input, eventId: free.id, counterId: t.world.checkinCounter }), "NO_TARIFF");
    await expectRefusal(grantKansentarief(t.db.prisma, { ...input, eventId: "00000000-0000-4000-8000-000000000000", counterId: t.world.checkinCounter }), "EVENT_NOT_FOUND");
    const cancelled = await createEvent(t.db.prisma, t.world, { cancelled: true });
    await expectRefusal(grantKansentarief(t.db.prisma, { ...input, eventId: cancelled.id, counterId: t.world.checkinCounter }), "EVENT_CANCELLED");
    await t.db.prisma.card.update({ where: { number: passholder.cardNumber }, data: { status: "BLOCKED" } });
    await expectRefusal(grantKansentarief(t.db.prisma, { ...input, counterId: t.world.checkinCounter }), "CARD_BLOCKED");
    expect(await t.db.prisma.ticketSale.count({ where: { passholderId: passholder.id } })).toBe(0);
  });

  it("holds the organiser's MIA ticket constraint per period, and a cancelled ticket frees its place", async () => {
    const organiser = await t.db.prisma.counter.create({
      data: { name: "CC Het Leietheater", cardSystemId: t.world.cardSystemId, municipalityId: t.world.eeklo, consumerKey: "cc-mia", permissionGroups: ["CHECKIN_TICKET"], miaTicketLimit: 2, miaTicketLimitPeriod: "YEAR" },
    });
    const passholder = await mia();
    const events = await Promise.all([1, 2, 3].map(() => createEvent(t.db.prisma, t.world, { organiserCounterId: organiser.id, municipalityId: t.world.eeklo })));
    const grant = (eventId: string) => grantKansentarief(t.db.prisma, { cardNumber: passholder.cardNumber, eventId, counterId: organiser.id, actor: systemActor("balie"), at: t.world.now });
    const first = await grant(events[0]!.id);
    await grant(events[1]!.id);
    const refusal = await expectRefusal(grant(events[2]!.id), "MIA_TICKET_LIMIT_REACHED");
    expect(refusal.details).toMatchObject({ limit: 2, period: "YEAR", counter: "CC Het Leietheater" });
    const otherOrganiser = await createEvent(t.db.prisma, t.world);
    await grantKansentarief(t.db.prisma, { cardNumber: passholder.cardNumber, eventId: otherOrganiser.id, counterId: t.world.checkinCounter, actor: systemActor("balie"), at: t.world.now });

    await expectRefusal(cancelTicket(t.db.prisma, { ticketId: first.id, reason: "", actor: systemActor("ksb") }), "VALIDATION");
    const cancelled = await cancelTicket(t.db.prisma, { ticketId: first.id, reason: "Verkeerd evenement", actor: systemActor("ksb") });
    expect(cancelled).toMatchObject({ status: "CANCELLED", cancelReason: "Verkeerd evenement", cancelledBy: "ksb" });
    await expectRefusal(cancelTicket(t.db.prisma, { ticketId: first.id, reason: "Nog eens", actor: systemActor("ksb") }), "TICKET_ALREADY_CANCELLED");
    await expectRefusal(cancelTicket(t.db.prisma, { ticketId: "bad", reason: "Onbekend", actor: systemActor("ksb") }), "TICKET_NOT_FOUND");
    await grant(events[2]!.id);
    expect(await t.db.prisma.ticketSale.count({ where: { passholderId: passholder.id } })).toBe(4);
  });

  it("never exceeds the MIA constraint when tickets are granted in parallel", async () => {
    const organiser = await t.db.prisma.counter.create({
      data: { name: "Zwembad Eeklo", cardSystemId: t.world.cardSystemId, municipalityId: t.world.eeklo, consumerKey: "zwembad-mia", permissionGroups: ["CHECKIN_TICKET"], miaTicketLimit: 3, miaTicketLimitPeriod: "MONTH" },
    });
    const passholder = await mia();
    const events = await Promise.all(Array.from({ length: 12 }, () => createEvent(t.db.prisma, t.world, { organiserCounterId: organiser.id, municipalityId: t.world.eeklo })));
    const results = await Promise.allSettled(
      events.map((event) => grantKansentarief(t.db.prisma, { cardNumber: passholder.cardNumber, eventId: event.id, counterId: organiser.id, actor: systemActor("balie"), at: t.world.now })),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(3);
    expect(new Set(refusalCodes(results))).toEqual(new Set(["MIA_TICKET_LIMIT_REACHED"]));
  });
});
