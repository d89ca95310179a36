import { describe, expect, it } from "vitest";
import { systemActor } from "../../../core/access/actor.js";
import { importAdvantageCodes } from "../../../core/advantages/import-codes.js";
import { redeemAdvantage, type RedeemAdvantageInput } from "../../../core/advantages/redeem-advantage.js";
import type { ErrorCode } from "../../../core/errors.js";
import { databaseKinds } from "../../helpers/databases.js";
import { createAdvantage, createPassholder, time, worldOn, middayYesterday } from "../../helpers/fixtures.js";
import { expectRefusal } from "../../helpers/refusal.js";
import { createOtherCardSystem, createWelcomeAdvantage, passholderWithPoints, snapshot } from "./builders.js";

describe.each(databaseKinds)("redeeming advantages on %s", (kind) => {
  const now = middayYesterday();
  const shift = (ms: number) => new Date(now.getTime() + ms);
  const t = worldOn(kind, now);

  const atCounter = (advantageId: number, cardNumber: string): RedeemAdvantageInput => ({
    advantageId,
    cardNumber,
    channel: "COUNTER",
    counterId: t.world.checkinCounter,
    at: t.world.now,
    actor: systemActor("balie:an"),
  });

  it("exchanges points for an advantage at a counter and writes a REDEMPTION line to the ledger", async () => {
    const passholder = await passholderWithPoints(t.db.prisma, t.world, 12);
    const advantage = await createAdvantage(t.db.prisma, t.world, { points: 5 });
    const result = await redeemAdvantage(t.db.prisma, atCounter(advantage.id, passholder.cardNumber));

    expect(result.balance).toBe(7);
    expect(result.code).toBeUndefined();
    expect(result.redemption).toMatchObject({
      advantageId: advantage.id,
      kind: "EXCHANGE",
      passholderId: passholder.id,
      channel: "COUNTER",
      counterId: t.world.checkinCounter,
      points: 5,
      status: "ACTIVE",
      periodKey: "all",
    });
    const line = await t.db.prisma.pointsTransaction.findFirstOrThrow({ where: { redemptionId: result.redemption.id } });
    expect(line).toMatchObject({ type: "REDEMPTION", amount: -5, passholderId: passholder.id, createdBy: "balie:an" });
    expect(await snapshot(t.db.prisma, advantage.id, passholder.id)).toMatchObject({ points: 7, ledgerSum: 7, redeemedCount: 1, redemptions: 1 });
  });

  it("gives a welcome advantage without points, once", async () => {
    const passholder = await createPassholder(t.db.prisma, t.world);
    const advantage = await createWelcomeAdvantage(t.db.prisma, t.world);
    const result = await redeemAdvantage(t.db.prisma, atCounter(advantage.id, passholder.cardNumber));

    expect(result.balance).toBe(0);
    expect(result.redemption).toMatchObject({ kind: "WELCOME", points: 0 });
    expect(await t.db.prisma.pointsTransaction.count({ where: { passholderId: passholder.id } })).toBe(0);
    await expectRefusal(redeemAdvantage(t.db.prisma, atCounter(advantage.id, passholder.cardNumber)), "ADVANTAGE_ALREADY_REDEEMED");
  });

  it("exchanges online from the portal and returns the link and a unique code", async () => {
    const passholder = await passholderWithPoints(t.db.prisma, t.world, 10);
    const advantage = await createAdvantage(t.db.prisma, t.world, { points: 4, onlineExchange: true, onlineUrl: "https://www.cc-eeklo.be/korting" });
    await importAdvantageCodes(t.db.prisma, { advantageId: advantage.id, codes: ["EEK-001", "EEK-002"], actor: systemActor("ksb") });

    const result = await redeemAdvantage(t.db.prisma, { advantageId: advantage.id, passholderId: passholder.id, channel: "ONLINE", at: t.world.now, actor: systemActor("portaal") });

    expect(result).toMatchObject({ code: "EEK-001", onlineUrl: "https://www.cc-eeklo.be/korting", balance: 6 });
    expect(result.redemption).toMatchObject({ channel: "ONLINE", counterId: null });
    const code = await t.db.prisma.advantageCode.findFirstOrThrow({ where: { advantageId: advantage.id, code: "EEK-001" } });
    expect(code.redemptionId).toBe(result.redemption.id);
  });

  it("counts the per-user limit per period: once a day means again tomorrow", async () => {
    const passholder = await passholderWithPoints(t.db.prisma, t.world, 20);
    const advantage = await createAdvantage(t.db.prisma, t.world, { points: 2, perUserLimit: 1, perUserLimitPeriod: "DAY", exchangeEnd: shift(5 * time.DAY) });
    await redeemAdvantage(t.db.prisma, atCounter(advantage.id, passholder.cardNumber));
    const refusal = await expectRefusal(
      redeemAdvantage(t.db.prisma, { ...atCounter(advantage.id, passholder.cardNumber), at: shift(time.HOUR) }),
      "ADVANTAGE_USER_LIMIT_REACHED",
    );
    expect(refusal.details).toMatchObject({ limit: 1, period: "DAY" });
    const tomorrow = await redeemAdvantage(t.db.prisma, { ...atCounter(advantage.id, passholder.cardNumber), at: shift(time.DAY) });
    expect(tomorrow.balance).toBe(16);
  });

  it("can be redeemed at any counter of the card system with check-in permission when it names no counters", async () => {
    const passholder = await passholderWithPoints(t.db.prisma, t.world, 5);
    const advantage = await createAdvantage(t.db.prisma, t.world, { points: 5 }, []);
    const result = await redeemAdvantage(t.db.prisma, { ...atCounter(advantage.id, passholder.cardNumber), counterId: t.world.authorisedCounter });
    expect(result.redemption.counterId).toBe(t.world.authorisedCounter);

    const elsewhere = await createOtherCardSystem(t.db.prisma, now);
    const other = await passholderWithPoints(t.db.prisma, t.world, 5);
    // A counter of another card system does not even serve this card system's passholders.
    await expectRefusal(
      redeemAdvantage(t.db.prisma, { ...atCounter(advantage.id, other.cardNumber), counterId: elsewhere.counterId }),
      "CARD_NOT_FOUND",
    );
  });

  it("welcomes residents of a municipality that joined before they registered, within the granting period", async () => {
    const advantage = await createWelcomeAdvantage(t.db.prisma, t.world, { grantStart: shift(-60 * time.DAY), grantEnd: shift(-1 * time.DAY) });
    const passholder = await createPassholder(t.db.prisma, t.world, { municipalityId: t.world.assenede, postalCode: "9960", city: "Assenede" });
    const result = await redeemAdvantage(t.db.prisma, atCounter(advantage.id, passholder.cardNumber));
    expect(result.redemption.kind).toBe("WELCOME");
  });

  interface Arranged {
    advantageId: number;
    passholderId: string;
    input: RedeemAdvantageInput;
  }
  interface RefusalCase {
    code: ErrorCode;
    why: string;
    field?: string;
    details?: Record<string, unknown>;
    arrange: () => Promise<Arranged>;
  }

  const exchange = async (points: number, overrides: Parameters<typeof createAdvantage>[2] = {}, counters?: number[]) => {
    const passholder = await passholderWithPoints(t.db.prisma, t.world, points);
    const advantage = await createAdvantage(t.db.prisma, t.world, { points: 5, ...overrides }, counters);
    return { advantageId: advantage.id, passholderId: passholder.id, input: atCounter(advantage.id, passholder.cardNumber) };
  };
  const welcome = async (overrides: Parameters<typeof createAdvantage>[2] = {}, passholderOverrides = {}) => {
    const passholder = await createPassholder(t.db.prisma, t.world, passholderOverrides);
    const advantage = await createWelcomeAdvantage(t.db.prisma, t.world, overrides);
    return { advantageId: advantage.id, passholderId: passholder.id, input: atCounter(advantage.id, passholder.cardNumber) };
  };

  const cases: RefusalCase[] = [
    {
      code: "ADVANTAGE_NOT_FOUND",
      why: "the advantage does not exist",
      field: "advantageId",
      arrange: async () => {
        const arranged = await exchange(10);
        return { ...arranged, input: { ...arranged.input, advantageId: 987_654 } };
      },
    },
    {
      code: "ADVANTAGE_WRONG_CARD_SYSTEM",
      why: "the advantage belongs to another card system",
      arrange: async () => {
        const elsewhere = await createOtherCardSystem(t.db.prisma, now);
        const advantage = await createAdvantage(t.db.prisma, t.world, { points: 1, cardSystemId: elsewhere.cardSystemId }, []);
        const passholder = await passholderWithPoints(t.db.prisma, t.world, 10);
        return { advantageId: advantage.id, passholderId: passholder.id, input: atCounter(advantage.id, passholder.cardNumber) };
      },
    },
    { code: "ADVANTAGE_NOT_PUBLISHED", why: "its publication starts tomorrow", arrange: () => exchange(10, { publicationStart: shift(time.DAY) }) },
    {
      code: "ADVANTAGE_OUTSIDE_EXCHANGE_PERIOD",
      why: "its exchange period ended yesterday",
      arrange: () => exchange(10, { exchangeEnd: shift(-time.DAY) }),
    },
    {
      code: "ADVANTAGE_OUTSIDE_EXCHANGE_PERIOD",
      why: "its exchange period starts tomorrow",
      arrange: () => exchange(10, { exchangeStart: shift(time.DAY) }),
    },
    {
      code: "COUNTER_MAY_NOT_CHECKIN",
      why: "the counter lacks the check-in & ticket permission",
      field: "counterId",
      arrange: async () => {
        const arranged = await exchange(10, {}, []);
        return { ...arranged, input: { ...arranged.input, counterId: t.world.registrationCounter } };
      },
    },
    {
      code: "ADVANTAGE_WRONG_COUNTER",
      why: "the counter is not one of the advantage's counters",
      field: "counterId",
      arrange: async () => {
        const arranged = await exchange(10);
        return { ...arranged, input: { ...arranged.input, counterId: t.world.authorisedCounter } };
      },
    },
    {
      code: "VALIDATION",
      why: "a counter redemption names no counter",
      field: "counterId",
      arrange: async () => {
        const arranged = await exchange(10);
        return { ...arranged, input: { ...arranged.input, counterId: undefined } };
      },
    },
    {
      code: "ADVANTAGE_NOT_ONLINE",
      why: "it cannot be exchanged online",
      arrange: async () => {
        const arranged = await exchange(10);
        return { ...arranged, input: { advantageId: arranged.advantageId, passholderId: arranged.passholderId, channel: "ONLINE", at: t.world.now, actor: systemActor("portaal") } };
      },
    },
    {
      code: "ADVANTAGE_WRONG_MUNICIPALITY",
      why: "it is only for residents of Assenede",
      arrange: () => exchange(10, { municipalities: { create: [{ municipalityId: t.world.assenede }] } }),
    },
    {
      code: "ADVANTAGE_NOT_ENTITLED",
      why: "the passholder registered before the granting period",
      details: { grantStart: shift(-10 * time.DAY) },
      arrange: () => welcome({ grantStart: shift(-10 * time.DAY) }),
    },
    {
      code: "ADVANTAGE_NOT_ENTITLED",
      why: "the passholder bought the card before the municipality joined",
      arrange: () =>
        welcome({ grantStart: null }, { municipalityId: t.world.assenede, postalCode: "9960", city: "Assenede", registeredAt: shift(-400 * time.DAY) }),
    },
    {
      code: "ADVANTAGE_ALREADY_REDEEMED",
      why: "the welcome advantage was redeemed before",
      arrange: async () => {
        const arranged = await welcome();
        await redeemAdvantage(t.db.prisma, arranged.input);
        return arranged;
      },
    },
    {
      code: "ADVANTAGE_USER_LIMIT_REACHED",
      why: "the passholder used the once-only exchange",
      details: { limit: 1, period: "ABSOLUTE" },
      arrange: async () => {
        const arranged = await exchange(20, { perUserLimit: 1 });
        await redeemAdvantage(t.db.prisma, arranged.input);
        return arranged;
      },
    },
    { code: "NOT_ENOUGH_POINTS", why: "3 points do not buy a 5-point advantage", details: { balance: 3, needed: 5 }, arrange: () => exchange(3) },
    { code: "ADVANTAGE_SOLD_OUT", why: "all units are gone", arrange: () => exchange(10, { unitsAvailable: 2, redeemedCount: 2 }) },
    { code: "ADVANTAGE_SOLD_OUT", why: "the total maximum is reached", arrange: () => exchange(10, { maxTotal: 1, redeemedCount: 1 }) },
    {
      code: "ADVANTAGE_SOLD_OUT",
      why: "every unique code was handed out",
      arrange: async () => {
        const arranged = await exchange(10);
        await importAdvantageCodes(t.db.prisma, { advantageId: arranged.advantageId, codes: ["ONLY-ONE"], actor: systemActor("ksb") });
        const first = await passholderWithPoints(t.db.prisma, t.world, 5);
        await redeemAdvantage(t.db.prisma, atCounter(arranged.advantageId, first.cardNumber));
        return arranged;
      },
    },
    {
      code: "CARD_BLOCKED",
      why: "the scanned card is blocked",
      arrange: async () => {
        const arranged = await exchange(10);
        await t.db.prisma.card.updateMany({ where: { passholderId: arranged.passholderId }, data: { status: "BLOCKED" } });
        return arranged;
      },
    },
    {
      code: "CARD_BLOCKED",
      why: "the portal passholder's only card is blocked",
      arrange: async () => {
        const arranged = await exchange(10, { onlineExchange: true });
        await t.db.prisma.card.updateMany({ where: { passholderId: arranged.passholderId }, data: { status: "BLOCKED" } });
        return { ...arranged, input: { advantageId: arranged.advantageId, passholderId: arranged.passholderId, channel: "ONLINE", at: t.world.now, actor: systemActor("portaal") } };
      },
    },
  ];

  it.each(cases)("refuses with $code when $why, and changes nothing", async ({ code, field, details, arrange }) => {
    const { advantageId, passholderId, input } = await arrange();
    const before = await snapshot(t.db.prisma, advantageId, passholderId);
    const refusal = await expectRefusal(redeemAdvantage(t.db.prisma, input), code);
    if (field) expect(refusal.field).toBe(field);
    if (details) expect(refusal.details).toMatchObject(details);
    expect(await snapshot(t.db.prisma, advantageId, passholderId)).toEqual(before);
  });
});
