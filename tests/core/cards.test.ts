import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blockCard } from "../../core/cards/block-card.js";
import { cardHistory } from "../../core/cards/card-history.js";
import { giveNewCard } from "../../core/cards/give-new-card.js";
import { checkIn } from "../../core/checkins/check-in.js";
import { databaseKinds, freshDatabase, type TestDatabase } from "../helpers/databases.js";
import { createEvent, createPassholder, createWorld, nextCardNumber, time, type World } from "../helpers/fixtures.js";
import { expectRefusal } from "../helpers/refusal.js";

describe.each(databaseKinds)("cards on %s", (kind) => {
  let db: TestDatabase;
  let world: World;
  beforeAll(async () => {
    db = await freshDatabase(kind);
    world = await createWorld(db.prisma);
  });
  afterAll(() => db.dispose());

  it("blocks a card with a reason; the card can no longer save points", async () => {
    const passholder = await createPassholder(db.prisma, world);
    await expectRefusal(blockCard(db.prisma, { cardNumber: passholder.cardNumber, reason: " ", actor: "ksb" }), "VALIDATION");
    const card = await blockCard(db.prisma, { cardNumber: passholder.cardNumber, reason: "Verloren", actor: "ksb", at: world.now });
    expect(card).toMatchObject({ status: "BLOCKED", blockReason: "Verloren" });
    await expectRefusal(blockCard(db.prisma, { cardNumber: passholder.cardNumber, reason: "Nog eens", actor: "ksb" }), "CARD_ALREADY_BLOCKED");
    const event = await createEvent(db.prisma, world);
    await expectRefusal(checkIn(db.prisma, { eventId: event.id, cardNumber: passholder.cardNumber, channel: "PILLAR", actor: "zuil", at: world.now }), "CARD_BLOCKED");
    await expectRefusal(blockCard(db.prisma, { cardNumber: "0900000095902", reason: "Onbekend", actor: "ksb" }), "CARD_NOT_FOUND");
  });

  it("at a counter only registration counters may block", async () => {
    const passholder = await createPassholder(db.prisma, world);
    await expectRefusal(blockCard(db.prisma, { cardNumber: passholder.cardNumber, reason: "Diefstal", counterId: world.checkinCounter, actor: "balie" }), "COUNTER_MAY_NOT_REGISTER");
    await blockCard(db.prisma, { cardNumber: passholder.cardNumber, reason: "Diefstal", counterId: world.registrationCounter, actor: "balie" });
  });

  it("gives a new card: the old one goes out of use, the points stay with the passholder", async () => {
    const passholder = await createPassholder(db.prisma, world);
    const event = await createEvent(db.prisma, world, { endsAt: new Date(world.now.getTime() + 3 * time.DAY) });
    await checkIn(db.prisma, { eventId: event.id, cardNumber: passholder.cardNumber, channel: "PILLAR", actor: "zuil", at: world.now });
    const newNumber = nextCardNumber();
    const { card, previous } = await giveNewCard(db.prisma, { passholderId: passholder.id, newCardNumber: newNumber, reason: "DEFECT", actor: "ksb" });
    expect(card).toMatchObject({ number: newNumber, status: "ACTIVE", issueReason: "DEFECT" });
    expect(previous).toMatchObject({ number: passholder.cardNumber, status: "REPLACED", replacedByCardId: card.id });
    await expectRefusal(checkIn(db.prisma, { eventId: event.id, cardNumber: passholder.cardNumber, channel: "PILLAR", actor: "zuil", at: new Date(world.now.getTime() + time.DAY) }), "CARD_REPLACED");
    const next = await checkIn(db.prisma, { eventId: event.id, cardNumber: newNumber, channel: "PILLAR", actor: "zuil", at: new Date(world.now.getTime() + time.DAY) });
    expect(next.balance).toBe(2);
    const history = await cardHistory(db.prisma, passholder.id);
    expect(history.map((entry) => [entry.number, entry.status])).toEqual([[newNumber, "ACTIVE"], [passholder.cardNumber, "REPLACED"]]);
  });

  it("after theft the blocked card is linked to its replacement and stays blocked", async () => {
    const passholder = await createPassholder(db.prisma, world);
    await blockCard(db.prisma, { cardNumber: passholder.cardNumber, reason: "Gestolen", actor: "ksb" });
    const { previous } = await giveNewCard(db.prisma, { passholderId: passholder.id, newCardNumber: nextCardNumber(), reason: "THEFT_LOSS", actor: "ksb" });
    expect(previous).toMatchObject({ status: "BLOCKED", blockReason: "Gestolen" });
    expect(previous?.replacedByCardId).not.toBeNull();
  });

  it("refuses a taken or invalid number, an unknown reason or passholder, and counters without registration rights", async () => {
    const passholder = await createPassholder(db.prisma, world);
    const other = await createPassholder(db.prisma, world);
    const base = { passholderId: passholder.id, reason: "DEFECT" as const, actor: "ksb" };
    const taken = await expectRefusal(giveNewCard(db.prisma, { ...base, newCardNumber: other.cardNumber }), "CARD_NUMBER_TAKEN");
    expect(taken.field).toBe("newCardNumber");
    await expectRefusal(giveNewCard(db.prisma, { ...base, newCardNumber: "0900000095903" }), "CARD_NUMBER_INVALID");
    await expectRefusal(giveNewCard(db.prisma, { ...base, reason: "FIRST_CARD", newCardNumber: nextCardNumber() }), "VALIDATION");
    await expectRefusal(giveNewCard(db.prisma, { ...base, passholderId: "00000000-0000-4000-8000-000000000000", newCardNumber: nextCardNumber() }), "PASSHOLDER_NOT_FOUND");
    await expectRefusal(giveNewCard(db.prisma, { ...base, counterId: world.bareCounter, newCardNumber: nextCardNumber() }), "COUNTER_MAY_NOT_REGISTER");
    const cards = await db.prisma.card.findMany({ where: { passholderId: passholder.id } });
    expect(cards.map((card) => card.status)).toEqual(["ACTIVE"]);
  });

  it("the database itself refuses a second active card for one passholder", async () => {
    const passholder = await createPassholder(db.prisma, world);
    await expect(db.prisma.card.create({ data: { number: nextCardNumber(), passholderId: passholder.id } })).rejects.toThrow();
  });
});

describe.each(databaseKinds)("audit of card actions on %s", (kind) => {
  it("records who blocked and renewed a card, with the reason", async () => {
    const db = await freshDatabase(kind);
    try {
      const world = await createWorld(db.prisma);
      const passholder = await createPassholder(db.prisma, world);
      const blocked = await blockCard(db.prisma, { cardNumber: passholder.cardNumber, reason: "Kaart gestolen", actor: "coordinator@example.org" });
      const { card } = await giveNewCard(db.prisma, { passholderId: passholder.id, newCardNumber: nextCardNumber(), reason: "THEFT_LOSS", actor: "balie@example.org" });
      const audit = await db.prisma.auditLog.findMany({ orderBy: { id: "asc" } });
      expect(audit.map((row) => [row.actor, row.action, row.resource, row.recordId])).toEqual([
        ["coordinator@example.org", "card.block", "Card", String(blocked.id)],
        ["balie@example.org", "card.new", "Card", String(card.id)],
      ]);
      expect(audit[0]?.changes).toMatchObject({ blockReason: "Kaart gestolen" });
    } finally {
      await db.dispose();
    }
  });
});
