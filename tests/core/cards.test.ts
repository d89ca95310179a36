import { describe, expect, it } from "vitest";
import { systemActor } from "../../core/access/actor.js";
import { blockCard } from "../../core/cards/block-card.js";
import { cardHistory } from "../../core/cards/card-history.js";
import { giveNewCard } from "../../core/cards/give-new-card.js";
import { checkIn } from "../../core/checkins/check-in.js";
import { databaseKinds } from "../helpers/databases.js";
import { createEvent, createPassholder, nextCardNumber, time, worldOn } from "../helpers/fixtures.js";
import { expectRefusal } from "../helpers/refusal.js";

describe.each(databaseKinds)("cards on %s", (kind) => {
  const t = worldOn(kind);

  it("blocks a card with a reason; the card can no longer save points", async () => {
    const passholder = await createPassholder(t.db.prisma, t.world);
    await expectRefusal(blockCard(t.db.prisma, { cardNumber: passholder.cardNumber, reason: " ", actor: systemActor("ksb") }), "VALIDATION");
    const card = await blockCard(t.db.prisma, { cardNumber: passholder.cardNumber, reason: "Verloren", actor: systemActor("ksb"), at: t.world.now });
    expect(card).toMatchObject({ status: "BLOCKED", blockReason: "Verloren" });
    await expectRefusal(blockCard(t.db.prisma, { cardNumber: passholder.cardNumber, reason: "Nog eens", actor: systemActor("ksb") }), "CARD_ALREADY_BLOCKED");
    const event = await createEvent(t.db.prisma, t.world);
    await expectRefusal(checkIn(t.db.prisma, { eventId: event.id, cardNumber: passholder.cardNumber, channel: "PILLAR", actor: systemActor("zuil"), at: t.world.now }), "CARD_BLOCKED");
    await expectRefusal(blockCard(t.db.prisma, { cardNumber: "0900000095902", reason: "Onbekend", actor: systemActor("ksb") }), "CARD_NOT_FOUND");
  });

  it("at a counter only registration counters may block", async () => {
    const passholder = await createPassholder(t.db.prisma, t.world);
    await expectRefusal(blockCard(t.db.prisma, { cardNumber: passholder.cardNumber, reason: "Diefstal", counterId: t.world.checkinCounter, actor: systemActor("balie") }), "COUNTER_MAY_NOT_REGISTER");
    await blockCard(t.db.prisma, { cardNumber: passholder.cardNumber, reason: "Diefstal", counterId: t.world.registrationCounter, actor: systemActor("balie") });
  });

  it("gives a new card: the old one goes out of use, the points stay with the passholder", async () => {
    const passholder = await createPassholder(t.db.prisma, t.world);
    const event = await createEvent(t.db.prisma, t.world, { endsAt: new Date(t.world.now.getTime() + 3 * time.DAY) });
    await checkIn(t.db.prisma, { eventId: event.id, cardNumber: passholder.cardNumber, channel: "PILLAR", actor: systemActor("zuil"), at: t.world.now });
    const newNumber = nextCardNumber();
    const { card, previous } = await giveNewCard(t.db.prisma, { passholderId: passholder.id, newCardNumber: newNumber, reason: "DEFECT", actor: systemActor("ksb") });
    expect(card).toMatchObject({ number: newNumber, status: "ACTIVE", issueReason: "DEFECT" });
    expect(previous).toMatchObject({ number: passholder.cardNumber, status: "REPLACED", replacedByCardId: card.id });
    await expectRefusal(checkIn(t.db.prisma, { eventId: event.id, cardNumber: passholder.cardNumber, channel: "PILLAR", actor: systemActor("zuil"), at: new Date(t.world.now.getTime() + time.DAY) }), "CARD_REPLACED");
    const next = await checkIn(t.db.prisma, { eventId: event.id, cardNumber: newNumber, channel: "PILLAR", actor: systemActor("zuil"), at: new Date(t.world.now.getTime() + time.DAY) });
    expect(next.balance).toBe(2);
    const history = await cardHistory(t.db.prisma, passholder.id);
    expect(history.map((entry) => [entry.number, entry.status])).toEqual([[newNumber, "ACTIVE"], [passholder.cardNumber, "REPLACED"]]);
  });

  it("after theft the blocked card is linked to its replacement and stays blocked", async () => {
    const passholder = await createPassholder(t.db.prisma, t.world);
    await blockCard(t.db.prisma, { cardNumber: passholder.cardNumber, reason: "Gestolen", actor: systemActor("ksb") });
    const { previous } = await giveNewCard(t.db.prisma, { passholderId: passholder.id, newCardNumber: nextCardNumber(), reason: "THEFT_LOSS", actor: systemActor("ksb") });
    expect(previous).toMatchObject({ status: "BLOCKED", blockReason: "Gestolen" });
    expect(previous?.replacedByCardId).not.toBeNull();
  });

  it("refuses a taken or invalid number, an unknown reason or passholder, and counters without registration rights", async () => {
    const passholder = await createPassholder(t.db.prisma, t.world);
    const other = await createPassholder(t.db.prisma, t.world);
    const base = { passholderId: passholder.id, reason: "DEFECT" as const, actor: systemActor("ksb") };
    const taken = await expectRefusal(giveNewCard(t.db.prisma, { ...base, newCardNumber: other.cardNumber }), "CARD_NUMBER_TAKEN");
    expect(taken.field).toBe("newCardNumber");
    await expectRefusal(giveNewCard(t.db.prisma, { ...base, newCardNumber: "0900000095903" }), "CARD_NUMBER_INVALID");
    await expectRefusal(giveNewCard(t.db.prisma, { ...base, reason: "FIRST_CARD", newCardNumber: nextCardNumber() }), "VALIDATION");
    await expectRefusal(giveNewCard(t.db.prisma, { ...base, passholderId: "00000000-0000-4000-8000-000000000000", newCardNumber: nextCardNumber() }), "PASSHOLDER_NOT_FOUND");
    await expectRefusal(giveNewCard(t.db.prisma, { ...base, counterId: t.world.bareCounter, newCardNumber: nextCardNumber() }), "COUNTER_MAY_NOT_REGISTER");
    const cards = await t.db.prisma.card.findMany({ where: { passholderId: passholder.id } });
    expect(cards.map((card) => card.status)).toEqual(["ACTIVE"]);
  });

  it("the database itself refuses a card number with a wrong check digit", async () => {
    const passholder = await createPassholder(t.db.prisma, t.world);
    await t.db.prisma.card.update({ where: { number: passholder.cardNumber }, data: { status: "BLOCKED" } });
    await expect(t.db.prisma.card.create({ data: { number: "0900000095903", passholderId: passholder.id } })).rejects.toThrow();
    await expect(t.db.prisma.card.create({ data: { number: "0900000095902", passholderId: passholder.id } })).resolves.toMatchObject({ status: "ACTIVE" });
  });

  it("the database itself refuses a second active card for one passholder", async () => {
    const passholder = await createPassholder(t.db.prisma, t.world);
    await expect(t.db.prisma.card.create({ data: { number: nextCardNumber(), passholderId: passholder.id } })).rejects.toThrow();
  });

  it("records who blocked and renewed a card, with the reason", async () => {
    const passholder = await createPassholder(t.db.prisma, t.world);
    const blocked = await blockCard(t.db.prisma, { cardNumber: passholder.cardNumber, reason: "Kaart gestolen", actor: systemActor("coordinator@example.org") });
    const { card } = await giveNewCard(t.db.prisma, { passholderId: passholder.id, newCardNumber: nextCardNumber(), reason: "THEFT_LOSS", actor: systemActor("balie@example.org") });
    const audit = await t.db.prisma.auditLog.findMany({ where: { resource: "Card", recordId: { in: [String(blocked.id), String(card.id)] } }, orderBy: { id: "asc" } });
    expect(audit.map((row) => [row.actor, row.action, row.recordId])).toEqual([
      ["coordinator@example.org", "card.block", String(blocked.id)],
      ["balie@example.org", "card.new", String(card.id)],
    ]);
    expect(audit[0]?.changes).toMatchObject({ blockReason: "Kaart gestolen" });
  });
});
