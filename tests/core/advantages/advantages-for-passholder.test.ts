import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../../../core/access/actor.js";
import { advantagesForPassholder } from "../../../core/advantages/advantages-for-passholder.js";
import { redeemAdvantage } from "../../../core/advantages/redeem-advantage.js";
import { welcomeAdvantagesFor } from "../../../core/advantages/welcome-advantages.js";
import { databaseKinds, freshDatabase, type TestDatabase } from "../../helpers/databases.js";
import { createAdvantage, createPassholder, createWorld, middayYesterday, nextCardNumber, time, type World } from "../../helpers/fixtures.js";
import { expectRefusal } from "../../helpers/refusal.js";
import { createOtherCardSystem, createWelcomeAdvantage, passholderWithPoints } from "./builders.js";

describe.each(databaseKinds)("which advantages a passholder can get on %s", (kind) => {
  const now = middayYesterday();
  const shift = (ms: number) => new Date(now.getTime() + ms);
  let db: TestDatabase;
  let world: World;
  beforeAll(async () => {
    db = await freshDatabase(kind);
    world = await createWorld(db.prisma, now);
  });
  afterAll(() => db.dispose());

  const byTitle = async (passholderId: string, options: { counterId?: number; counter?: { id: number; cardSystemId: number }; channel?: "COUNTER" | "ONLINE" } = {}) =>
    new Map((await advantagesForPassholder(db.prisma, { passholderId, at: now, ...options })).map((row) => [row.advantage.title, row]));

  it("lists only the published advantages of the passholder's own card system", async () => {
    const passholder = await passholderWithPoints(db.prisma, world, 50);
    await createAdvantage(db.prisma, world, { title: "Zichtbaar" });
    await createAdvantage(db.prisma, world, { title: "Nog niet gepubliceerd", publicationStart: shift(time.DAY) });
    await createAdvantage(db.prisma, world, { title: "Niet meer gepubliceerd", publicationEnd: shift(-time.DAY) });
    const elsewhere = await createOtherCardSystem(db.prisma, now);
    await createAdvantage(db.prisma, world, { title: "Ander kaartsysteem", cardSystemId: elsewhere.cardSystemId }, []);

    const ours = new Set(["Zichtbaar", "Nog niet gepubliceerd", "Niet meer gepubliceerd", "Ander kaartsysteem"]);
    const rows = (await advantagesForPassholder(db.prisma, { passholderId: passholder.id, at: now })).filter((row) => ours.has(row.advantage.title));
    expect(rows.map((row) => row.advantage.title)).toEqual(["Zichtbaar"]);
    expect(rows[0]).toMatchObject({ available: true, reasons: [], advantage: { kind: "EXCHANGE", points: 5 } });
    expect(rows[0]?.remainingForUser).toBeUndefined();
    expect(rows[0]?.remainingStock).toBeUndefined();
  });

  it("gives every reason why not, most important first", async () => {
    const passholder = await passholderWithPoints(db.prisma, world, 2);
    await createAdvantage(db.prisma, world, {
      title: "Alles mis",
      points: 5,
      exchangeEnd: shift(-time.HOUR),
      unitsAvailable: 3,
      redeemedCount: 3,
      municipalities: { create: [{ municipalityId: world.assenede }] },
    });
    await createAdvantage(db.prisma, world, { title: "Te duur", points: 3 });
    await createAdvantage(db.prisma, world, { title: "Betaalbaar", points: 2, unitsAvailable: 10, redeemedCount: 4, perUserLimit: 2, perUserLimitPeriod: "MONTH" });

    const rows = await byTitle(passholder.id);
    expect(rows.get("Alles mis")).toMatchObject({
      available: false,
      reasons: ["ADVANTAGE_OUTSIDE_EXCHANGE_PERIOD", "ADVANTAGE_WRONG_MUNICIPALITY", "ADVANTAGE_SOLD_OUT", "NOT_ENOUGH_POINTS"],
      remainingStock: 0,
    });
    expect(rows.get("Te duur")).toMatchObject({ available: false, reasons: ["NOT_ENOUGH_POINTS"] });
    expect(rows.get("Betaalbaar")).toMatchObject({ available: true, reasons: [], remainingForUser: 2, remainingStock: 6 });
  });

  it("counts the passholder's own redemptions in the current period for the per-user limit", async () => {
    const passholder = await passholderWithPoints(db.prisma, world, 50);
    const advantage = await createAdvantage(db.prisma, world, { title: "Twee per week", points: 1, perUserLimit: 2, perUserLimitPeriod: "WEEK" });
    const input = { advantageId: advantage.id, cardNumber: passholder.cardNumber, channel: "COUNTER" as const, counterId: world.checkinCounter, at: now, actor: systemActor("balie") };
    await redeemAdvantage(db.prisma, input);
    expect((await byTitle(passholder.id)).get("Twee per week")).toMatchObject({ available: true, remainingForUser: 1 });
    await redeemAdvantage(db.prisma, input);
    expect((await byTitle(passholder.id)).get("Twee per week")).toMatchObject({
      available: false,
      reasons: ["ADVANTAGE_USER_LIMIT_REACHED"],
      remainingForUser: 0,
    });
    const other = await passholderWithPoints(db.prisma, world, 50);
    expect((await byTitle(other.id)).get("Twee per week")).toMatchObject({ available: true, remainingForUser: 2 });
  });

  it("checks the counter and the online channel only when asked", async () => {
    const passholder = await passholderWithPoints(db.prisma, world, 50);
    await createAdvantage(db.prisma, world, { title: "Enkel sporthal" }, [world.checkinCounter]);
    await createAdvantage(db.prisma, world, { title: "Overal en online", onlineExchange: true }, []);

    const anywhere = await byTitle(passholder.id);
    expect([anywhere.get("Enkel sporthal")?.available, anywhere.get("Overal en online")?.available]).toEqual([true, true]);
    const atSocialHouse = await byTitle(passholder.id, { counterId: world.authorisedCounter });
    expect(atSocialHouse.get("Enkel sporthal")?.reasons).toEqual(["ADVANTAGE_WRONG_COUNTER"]);
    expect(atSocialHouse.get("Overal en online")?.available).toBe(true);
    // The desk hands over the counter it has read: the same answer.
    const socialHouse = await db.prisma.counter.findUniqueOrThrow({ where: { id: world.authorisedCounter } });
    const handedOver = await byTitle(passholder.id, { counter: socialHouse });
    expect(handedOver.get("Enkel sporthal")?.reasons).toEqual(["ADVANTAGE_WRONG_COUNTER"]);
    expect(handedOver.get("Overal en online")?.available).toBe(true);
    const online = await byTitle(passholder.id, { channel: "ONLINE" });
    expect(online.get("Enkel sporthal")?.reasons).toEqual(["ADVANTAGE_NOT_ONLINE"]);
    expect(online.get("Overal en online")?.available).toBe(true);
  });

  it("explains welcome advantages: not entitled, or already redeemed", async () => {
    const newcomer = await createPassholder(db.prisma, world, { registeredAt: shift(-2 * time.DAY) });
    const oldTimer = await createPassholder(db.prisma, world, { registeredAt: shift(-400 * time.DAY) });
    const advantage = await createWelcomeAdvantage(db.prisma, world, { title: "Welkom" });
    await redeemAdvantage(db.prisma, { advantageId: advantage.id, cardNumber: newcomer.cardNumber, channel: "COUNTER", counterId: world.checkinCounter, at: now, actor: systemActor("balie") });

    expect((await byTitle(newcomer.id)).get("Welkom")).toMatchObject({ available: false, reasons: ["ADVANTAGE_ALREADY_REDEEMED"], remainingForUser: 0 });
    expect((await byTitle(oldTimer.id)).get("Welkom")).toMatchObject({ available: false, reasons: ["ADVANTAGE_NOT_ENTITLED"], remainingForUser: 1 });
  });

  it("uses the same number of queries for 2 or 12 advantages", async () => {
    const passholder = await passholderWithPoints(db.prisma, world, 50);
    let operations = 0;
    const counting = db.prisma.$extends({
      query: {
        $allOperations({ args, query }) {
          operations++;
          return query(args);
        },
      },
    }) as unknown as PrismaClient;
    const count = async () => {
      operations = 0;
      await advantagesForPassholder(counting, { passholderId: passholder.id, at: now, counterId: world.checkinCounter });
      return operations;
    };
    const addAdvantages = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const advantage = await createAdvantage(db.prisma, world, { points: 1, usesUniqueCodes: true, municipalities: { create: [{ municipalityId: world.eeklo }] } });
        await db.prisma.advantageCode.create({ data: { advantageId: advantage.id, code: `C-${advantage.id}` } });
        await redeemAdvantage(db.prisma, { advantageId: advantage.id, cardNumber: passholder.cardNumber, channel: "COUNTER", counterId: world.checkinCounter, at: now, actor: systemActor("balie") });
      }
    };
    await addAdvantages(2);
    const few = await count();
    await addAdvantages(10);
    expect(await count()).toBe(few);
    expect((await advantagesForPassholder(db.prisma, { passholderId: passholder.id, at: now })).length).toBeGreaterThanOrEqual(12);
    expect(few).toBeLessThanOrEqual(5);
  });

  it("judges the passholder's card by their active one, whatever older or newer cards were replaced or blocked", async () => {
    await createAdvantage(db.prisma, world, { title: "Voor elke actieve kaart" });
    const withHistory = await passholderWithPoints(db.prisma, world, 50);
    await db.prisma.card.update({ where: { number: withHistory.cardNumber }, data: { issuedAt: shift(-time.DAY) } });
    await db.prisma.card.createMany({
      data: [
        { number: nextCardNumber(), passholderId: withHistory.id, status: "REPLACED", issuedAt: shift(-10 * time.DAY) },
        { number: nextCardNumber(), passholderId: withHistory.id, status: "BLOCKED", issuedAt: shift(-time.HOUR), issueReason: "EXTRA_CARD" },
      ],
    });
    expect((await byTitle(withHistory.id)).get("Voor elke actieve kaart")).toMatchObject({ available: true, reasons: [] });

    const blocked = await passholderWithPoints(db.prisma, world, 50);
    await db.prisma.card.update({ where: { number: blocked.cardNumber }, data: { status: "BLOCKED" } });
    await db.prisma.card.create({ data: { number: nextCardNumber(), passholderId: blocked.id, status: "REPLACED", issuedAt: shift(-10 * time.DAY) } });
    expect((await byTitle(blocked.id)).get("Voor elke actieve kaart")?.reasons).toEqual(["CARD_BLOCKED"]);
  });

  it("refuses an unknown passholder", async () => {
    await expectRefusal(advantagesForPassholder(db.prisma, { passholderId: "00000000-0000-4000-8000-000000000000" }), "PASSHOLDER_NOT_FOUND");
  });
});

describe.each(databaseKinds)("welcome advantages a passholder is entitled to on %s", (kind) => {
  const now = middayYesterday();
  const shift = (ms: number) => new Date(now.getTime() + ms);
  let db: TestDatabase;
  let world: World;
  beforeAll(async () => {
    db = await freshDatabase(kind);
    world = await createWorld(db.prisma, now);
  });
  afterAll(() => db.dispose());

  it("lists the entitled welcome advantages, also those that open for exchange later", async () => {
    await createWelcomeAdvantage(db.prisma, world, { title: "Welkom in de regio" });
    await createWelcomeAdvantage(db.prisma, world, { title: "Welkom later", exchangeStart: shift(7 * time.DAY) });
    await createWelcomeAdvantage(db.prisma, world, { title: "Enkel Assenede", municipalities: { create: [{ municipalityId: world.assenede }] } });
    await createWelcomeAdvantage(db.prisma, world, { title: "Oude toekenningsperiode", grantStart: shift(-900 * time.DAY), grantEnd: shift(-800 * time.DAY) });
    await createAdvantage(db.prisma, world, { title: "Omruilvoordeel" });
    const passholder = await createPassholder(db.prisma, world, { registeredAt: now });

    const rows = await welcomeAdvantagesFor(db.prisma, { passholderId: passholder.id, at: now });
    expect(rows.map((row) => [row.title, row.available, row.reasons])).toEqual([
      ["Welkom in de regio", true, []],
      ["Welkom later", false, ["ADVANTAGE_OUTSIDE_EXCHANGE_PERIOD"]],
    ]);
    expect(rows[0]).toMatchObject({ kind: "WELCOME", points: 0 });
    expect(rows[0]).not.toHaveProperty("counterIds");
  });

  it("gives nothing to someone who bought the card before the municipality joined", async () => {
    const passholder = await createPassholder(db.prisma, world, {
      municipalityId: world.assenede,
      postalCode: "9960",
      city: "Assenede",
      registeredAt: shift(-366 * time.DAY),
    });
    expect(await welcomeAdvantagesFor(db.prisma, { passholderId: passholder.id, at: now })).toEqual([]);
  });
});
