import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelTicket } from "../../core/tickets/cancel-ticket.js";
import { grantKansentarief } from "../../core/tickets/grant-kansentarief.js";
import { databaseKinds, freshDatabase, type TestDatabase } from "../helpers/databases.js";
import { createEvent, createPassholder, createWorld, time, type World } from "../helpers/fixtures.js";
import { expectRefusal, refusalCodes } from "../helpers/refusal.js";

describe.each(databaseKinds)("kansentarief on %s", (kind) => {
  let db: TestDatabase;
  let world: World;
  beforeAll(async () => {
    db = await freshDatabase(kind);
    world = await createWorld(db.prisma);
  });
  afterAll(() => db.dispose());

  const day = (offsetDays: number) => new Date(new Date(world.now.getTime() + offsetDays * time.DAY).toISOString().slice(0, 10));
  const mia = () => createPassholder(db.prisma, world, { kansenstatuutStart: day(-100), kansenstatuutEnd: day(30) });

  it("grants the tariff to a MIA passholder with the organiser's distribution key", async () => {
    await db.prisma.counter.update({ where: { id: world.checkinCounter }, data: { keyParticipantPct: 20, keyOrganiserPct: 40, keyMunicipalityPct: 40 } });
    const passholder = await mia();
    const event = await createEvent(db.prisma, world, { priceCents: 1500, kansentariefCents: 300 });
    const ticket = await grantKansentarief(db.prisma, { cardNumber: passholder.cardNumber, eventId: event.id, counterId: world.authorisedCounter, actor: "balie", at: world.now });
    expect(ticket).toMatchObject({ regularPriceCents: 1500, tariffCents: 300, keyParticipantPct: 20, keyOrganiserPct: 40, keyMunicipalityPct: 40, status: "ACTIVE", counterId: world.authorisedCounter });
  });

  it("needs a kansenstatuut valid on the event date, not only today", async () => {
    const expiring = await createPassholder(db.prisma, world, { kansenstatuutStart: day(-100), kansenstatuutEnd: day(5) });
    const laterEvent = await createEvent(db.prisma, world, { startsAt: new Date(world.now.getTime() + 10 * time.DAY), endsAt: new Date(world.now.getTime() + 10 * time.DAY + time.HOUR) });
    await expectRefusal(grantKansentarief(db.prisma, { cardNumber: expiring.cardNumber, eventId: laterEvent.id, counterId: world.checkinCounter, actor: "balie", at: world.now }), "NO_KANSENSTATUUT");
    const soonEvent = await createEvent(db.prisma, world);
    await grantKansentarief(db.prisma, { cardNumber: expiring.cardNumber, eventId: soonEvent.id, counterId: world.checkinCounter, actor: "balie", at: world.now });
    const none = await createPassholder(db.prisma, world);
    await expectRefusal(grantKansentarief(db.prisma, { cardNumber: none.cardNumber, eventId: soonEvent.id, counterId: world.checkinCounter, actor: "balie", at: world.now }), "NO_KANSENSTATUUT");
    const future = await createPassholder(db.prisma, world, { kansenstatuutStart: day(20), kansenstatuutEnd: day(300) });
    await expectRefusal(grantKansentarief(db.prisma, { cardNumber: future.cardNumber, eventId: soonEvent.id, counterId: world.checkinCounter, actor: "balie", at: world.now }), "NO_KANSENSTATUUT");
  });

  it("refuses counters without the check-in & ticket permission, events without a tariff, blocked cards", async () => {
    const passholder = await mia();
    const event = await createEvent(db.prisma, world);
    const input = { cardNumber: passholder.cardNumber, eventId: event.id, actor: "balie", at: world.now };
    await expectRefusal(grantKansentarief(db.prisma, { ...input, counterId: world.registrationCounter }), "COUNTER_MAY_NOT_CHECKIN");
    const free = await createEvent(db.prisma, world, { kansentariefCents: null });
    await expectRefusal(grantKansentarief(db.prisma, { ...input, eventId: free.id, counterId: world.checkinCounter }), "NO_TARIFF");
    await expectRefusal(grantKansentarief(db.prisma, { ...input, eventId: "00000000-0000-4000-8000-000000000000", counterId: world.checkinCounter }), "EVENT_NOT_FOUND");
    const cancelled = await createEvent(db.prisma, world, { cancelled: true });
    await expectRefusal(grantKansentarief(db.prisma, { ...input, eventId: cancelled.id, counterId: world.checkinCounter }), "EVENT_CANCELLED");
    await db.prisma.card.update({ where: { number: passholder.cardNumber }, data: { status: "BLOCKED" } });
    await expectRefusal(grantKansentarief(db.prisma, { ...input, counterId: world.checkinCounter }), "CARD_BLOCKED");
    expect(await db.prisma.ticketSale.count({ where: { passholderId: passholder.id } })).toBe(0);
  });

  it("holds the organiser's MIA ticket constraint per period, and a cancelled ticket frees its place", async () => {
    const organiser = await db.prisma.counter.create({
      data: { name: "CC Het Leietheater", cardSystemId: world.cardSystemId, municipalityId: world.eeklo, consumerKey: "cc-mia", permissionGroups: ["CHECKIN_TICKET"], miaTicketLimit: 2, miaTicketLimitPeriod: "YEAR" },
    });
    const passholder = await mia();
    const events = await Promise.all([1, 2, 3].map(() => createEvent(db.prisma, world, { organiserCounterId: organiser.id, municipalityId: world.eeklo })));
    const grant = (eventId: string) => grantKansentarief(db.prisma, { cardNumber: passholder.cardNumber, eventId, counterId: organiser.id, actor: "balie", at: world.now });
    const first = await grant(events[0]!.id);
    await grant(events[1]!.id);
    const refusal = await expectRefusal(grant(events[2]!.id), "MIA_TICKET_LIMIT_REACHED");
    expect(refusal.details).toMatchObject({ limit: 2, period: "YEAR", counter: "CC Het Leietheater" });
    const otherOrganiser = await createEvent(db.prisma, world);
    await grant(otherOrganiser.id);

    await expectRefusal(cancelTicket(db.prisma, { ticketId: first.id, reason: "", actor: "ksb" }), "VALIDATION");
    const cancelled = await cancelTicket(db.prisma, { ticketId: first.id, reason: "Verkeerd evenement", actor: "ksb" });
    expect(cancelled).toMatchObject({ status: "CANCELLED", cancelReason: "Verkeerd evenement", cancelledBy: "ksb" });
    await expectRefusal(cancelTicket(db.prisma, { ticketId: first.id, reason: "Nog eens", actor: "ksb" }), "TICKET_ALREADY_CANCELLED");
    await expectRefusal(cancelTicket(db.prisma, { ticketId: "bad", reason: "Onbekend", actor: "ksb" }), "TICKET_NOT_FOUND");
    await grant(events[2]!.id);
    expect(await db.prisma.ticketSale.count({ where: { passholderId: passholder.id } })).toBe(4);
  });

  it("never exceeds the MIA constraint when tickets are granted in parallel", async () => {
    const organiser = await db.prisma.counter.create({
      data: { name: "Zwembad Eeklo", cardSystemId: world.cardSystemId, municipalityId: world.eeklo, consumerKey: "zwembad-mia", permissionGroups: ["CHECKIN_TICKET"], miaTicketLimit: 3, miaTicketLimitPeriod: "MONTH" },
    });
    const passholder = await mia();
    const events = await Promise.all(Array.from({ length: 12 }, () => createEvent(db.prisma, world, { organiserCounterId: organiser.id, municipalityId: world.eeklo })));
    const results = await Promise.allSettled(
      events.map((event) => grantKansentarief(db.prisma, { cardNumber: passholder.cardNumber, eventId: event.id, counterId: organiser.id, actor: "balie", at: world.now })),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(3);
    expect(new Set(refusalCodes(results))).toEqual(new Set(["MIA_TICKET_LIMIT_REACHED"]));
  });
});
