import { describe, expect, it } from "vitest";
import { systemActor } from "../../../core/access/actor.js";
import { importAdvantageCodes } from "../../../core/advantages/import-codes.js";
import { redeemAdvantage, type RedeemAdvantageResult } from "../../../core/advantages/redeem-advantage.js";
import { removeRedemption } from "../../../core/advantages/remove-redemption.js";
import { databaseKinds } from "../../helpers/databases.js";
import { createAdvantage, createPassholder, worldOn } from "../../helpers/fixtures.js";
import { refusalCodes } from "../../helpers/refusal.js";
import { createWelcomeAdvantage, passholderWithPoints, snapshot } from "./builders.js";

// These races only bite on PostgreSQL (PGlite has one connection); they run on both so the outcome is the same.
describe.each(databaseKinds)("parallel redemptions on %s", (kind) => {
  const t = worldOn(kind);

  const redeem = (advantageId: number, cardNumber: string) =>
    redeemAdvantage(t.db.prisma, { advantageId, cardNumber, channel: "COUNTER", counterId: t.world.checkinCounter, at: t.world.now, actor: systemActor("balie") });
  const fulfilled = (results: PromiseSettledResult<RedeemAdvantageResult>[]) =>
    results.filter((result): result is PromiseFulfilledResult<RedeemAdvantageResult> => result.status === "fulfilled").map((result) => result.value);
  const manyPassholders = (count: number, points: number) =>
    Promise.all(Array.from({ length: count }, () => passholderWithPoints(t.db.prisma, t.world, points)));

  it("hands the last unit to exactly one of 20 passholders", async () => {
    const advantage = await createAdvantage(t.db.prisma, t.world, { points: 1, unitsAvailable: 5, redeemedCount: 4 });
    const passholders = await manyPassholders(20, 3);
    const results = await Promise.allSettled(passholders.map((passholder) => redeem(advantage.id, passholder.cardNumber)));

    expect(fulfilled(results)).toHaveLength(1);
    expect(refusalCodes(results)).toEqual(Array(19).fill("ADVANTAGE_SOLD_OUT"));
    expect((await t.db.prisma.advantage.findUniqueOrThrow({ where: { id: advantage.id } })).redeemedCount).toBe(5);
    expect(await t.db.prisma.redemption.count({ where: { advantageId: advantage.id } })).toBe(1);
  });

  it("stops one passholder at 2 per day, however many requests arrive at once", async () => {
    const advantage = await createAdvantage(t.db.prisma, t.world, { points: 1, perUserLimit: 2, perUserLimitPeriod: "DAY" });
    const passholder = await passholderWithPoints(t.db.prisma, t.world, 100);
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => redeem(advantage.id, passholder.cardNumber)));

    expect(fulfilled(results)).toHaveLength(2);
    expect(refusalCodes(results)).toEqual(Array(8).fill("ADVANTAGE_USER_LIMIT_REACHED"));
    expect(await snapshot(t.db.prisma, advantage.id, passholder.id)).toMatchObject({ points: 98, ledgerSum: 98, redeemedCount: 2, redemptions: 2 });
  });

  it("never spends more points than the passholder has", async () => {
    const advantage = await createAdvantage(t.db.prisma, t.world, { points: 5 });
    const passholder = await passholderWithPoints(t.db.prisma, t.world, 17);
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => redeem(advantage.id, passholder.cardNumber)));

    expect(fulfilled(results)).toHaveLength(3);
    expect(refusalCodes(results)).toEqual(Array(7).fill("NOT_ENOUGH_POINTS"));
    expect(fulfilled(results).map((result) => result.balance).sort((a, b) => a - b)).toEqual([2, 7, 12]);
    expect(await snapshot(t.db.prisma, advantage.id, passholder.id)).toMatchObject({ points: 2, ledgerSum: 2, redeemedCount: 3 });
  });

  it("hands each of 5 unique codes out once among 10 parallel redemptions", async () => {
    const advantage = await createAdvantage(t.db.prisma, t.world, { points: 1, onlineExchange: true });
    await importAdvantageCodes(t.db.prisma, { advantageId: advantage.id, codes: ["C1", "C2", "C3", "C4", "C5"], actor: systemActor("ksb") });
    const passholders = await manyPassholders(10, 1);
    const results = await Promise.allSettled(passholders.map((passholder) => redeem(advantage.id, passholder.cardNumber)));

    const codes = fulfilled(results).map((result) => result.code);
    expect([...codes].sort()).toEqual(["C1", "C2", "C3", "C4", "C5"]);
    expect(refusalCodes(results)).toEqual(Array(5).fill("ADVANTAGE_SOLD_OUT"));
    expect(await t.db.prisma.advantageCode.count({ where: { advantageId: advantage.id, redemptionId: null } })).toBe(0);
    expect((await t.db.prisma.advantage.findUniqueOrThrow({ where: { id: advantage.id } })).redeemedCount).toBe(5);
  });

  it("welcomes a passholder once when the counter and the portal redeem at the same moment", async () => {
    const advantage = await createWelcomeAdvantage(t.db.prisma, t.world, {}, []);
    const passholder = await createPassholder(t.db.prisma, t.world);
    const results = await Promise.allSettled([
      ...Array.from({ length: 3 }, () => redeem(advantage.id, passholder.cardNumber)),
      ...Array.from({ length: 3 }, () => redeemAdvantage(t.db.prisma, { advantageId: advantage.id, passholderId: passholder.id, channel: "COUNTER", counterId: t.world.authorisedCounter, at: t.world.now, actor: systemActor("balie") })),
    ]);
    expect(fulfilled(results)).toHaveLength(1);
    expect(refusalCodes(results)).toEqual(Array(5).fill("ADVANTAGE_ALREADY_REDEEMED"));
  });

  it("returns the points of a redemption once when it is removed twice at the same moment", async () => {
    const advantage = await createAdvantage(t.db.prisma, t.world, { points: 4 });
    const passholder = await passholderWithPoints(t.db.prisma, t.world, 4);
    const { redemption } = await redeem(advantage.id, passholder.cardNumber);
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => removeRedemption(t.db.prisma, { redemptionId: redemption.id, reason: "Fout gescand", actor: systemActor("ksb") })),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(refusalCodes(results)).toEqual(Array(4).fill("REDEMPTION_ALREADY_REMOVED"));
    expect(await snapshot(t.db.prisma, advantage.id, passholder.id)).toMatchObject({ points: 4, ledgerSum: 4, redeemedCount: 0 });
  });
});
