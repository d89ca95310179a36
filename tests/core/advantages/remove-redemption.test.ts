import { describe, expect, it } from "vitest";
import { systemActor } from "../../../core/access/actor.js";
import { advantagesForPassholder } from "../../../core/advantages/advantages-for-passholder.js";
import { importAdvantageCodes } from "../../../core/advantages/import-codes.js";
import { redeemAdvantage, type RedeemAdvantageInput } from "../../../core/advantages/redeem-advantage.js";
import { removeRedemption } from "../../../core/advantages/remove-redemption.js";
import { databaseKinds } from "../../helpers/databases.js";
import { createAdvantage, createPassholder, time, worldOn, middayYesterday } from "../../helpers/fixtures.js";
import { expectRefusal } from "../../helpers/refusal.js";
import { createWelcomeAdvantage, passholderWithPoints, snapshot } from "./builders.js";

describe.each(databaseKinds)("removing a redeemed advantage on %s", (kind) => {
  const now = middayYesterday();
  const t = worldOn(kind, now);

  const atCounter = (advantageId: number, cardNumber: string): RedeemAdvantageInput => ({
    advantageId,
    cardNumber,
    channel: "COUNTER",
    counterId: t.world.checkinCounter,
    at: now,
    actor: systemActor("balie:an"),
  });
  const later = new Date(now.getTime() + time.HOUR);
  const rowFor = async (passholderId: string, advantageId: number) =>
    (await advantagesForPassholder(t.db.prisma, { passholderId, at: later })).find((row) => row.advantage.id === advantageId);

  it("gives the points and the unit back, keeps the record, and shows the advantage again", async () => {
    const passholder = await passholderWithPoints(t.db.prisma, t.world, 8);
    const advantage = await createAdvantage(t.db.prisma, t.world, { points: 5, perUserLimit: 1, unitsAvailable: 1 });
    const { redemption } = await redeemAdvantage(t.db.prisma, atCounter(advantage.id, passholder.cardNumber));
    expect((await rowFor(passholder.id, advantage.id))?.reasons).toEqual(["ADVANTAGE_SOLD_OUT", "ADVANTAGE_USER_LIMIT_REACHED", "NOT_ENOUGH_POINTS"]);

    const result = await removeRedemption(t.db.prisma, { redemptionId: redemption.id, reason: "Verkeerde pashouder gescand", actor: systemActor("ksb:eeklo"), at: later });

    expect(result).toMatchObject({ pointsReturned: 5, balance: 8 });
    expect(await snapshot(t.db.prisma, advantage.id, passholder.id)).toMatchObject({ points: 8, ledgerSum: 8, redeemedCount: 0, redemptions: 1 });
    const kept = await t.db.prisma.redemption.findUniqueOrThrow({ where: { id: redemption.id } });
    expect(kept).toMatchObject({ status: "REMOVED", removedAt: later, removedBy: "ksb:eeklo", removalReason: "Verkeerde pashouder gescand" });
    expect(await t.db.prisma.auditLog.findFirst({ where: { resource: "Redemption", recordId: redemption.id } })).toMatchObject({ action: "redemption.remove", actor: "ksb:eeklo" });
    const lines = await t.db.prisma.pointsTransaction.findMany({ where: { redemptionId: redemption.id }, orderBy: { createdAt: "asc" } });
    expect(lines.map((line) => [line.type, line.amount])).toEqual([
      ["REDEMPTION", -5],
      ["REDEMPTION_REMOVAL", 5],
    ]);
    expect(await rowFor(passholder.id, advantage.id)).toMatchObject({ available: true, reasons: [], remainingForUser: 1, remainingStock: 1 });
  });

  it("lets a removed welcome advantage be redeemed again", async () => {
    const passholder = await createPassholder(t.db.prisma, t.world);
    const advantage = await createWelcomeAdvantage(t.db.prisma, t.world);
    const { redemption } = await redeemAdvantage(t.db.prisma, atCounter(advantage.id, passholder.cardNumber));
    const result = await removeRedemption(t.db.prisma, { redemptionId: redemption.id, reason: "Dubbel ingescand", actor: systemActor("ksb"), at: later });
    expect(result).toMatchObject({ pointsReturned: 0, balance: 0 });
    expect(await t.db.prisma.pointsTransaction.count({ where: { passholderId: passholder.id } })).toBe(0);
    expect((await rowFor(passholder.id, advantage.id))?.available).toBe(true);

    const again = await redeemAdvantage(t.db.prisma, { ...atCounter(advantage.id, passholder.cardNumber), at: later });
    expect(again.redemption.id).not.toBe(redemption.id);
  });

  it("keeps a handed-out code with the removed redemption and never hands it out again", async () => {
    const passholder = await passholderWithPoints(t.db.prisma, t.world, 10);
    const advantage = await createAdvantage(t.db.prisma, t.world, { points: 2 });
    await importAdvantageCodes(t.db.prisma, { advantageId: advantage.id, codes: ["A-1", "A-2"], actor: systemActor("ksb") });
    const first = await redeemAdvantage(t.db.prisma, atCounter(advantage.id, passholder.cardNumber));
    await removeRedemption(t.db.prisma, { redemptionId: first.redemption.id, reason: "Fout voordeel", actor: systemActor("ksb"), at: later });

    const second = await redeemAdvantage(t.db.prisma, { ...atCounter(advantage.id, passholder.cardNumber), at: later });
    expect([first.code, second.code]).toEqual(["A-1", "A-2"]);
    const code = await t.db.prisma.advantageCode.findFirstOrThrow({ where: { advantageId: advantage.id, code: "A-1" } });
    expect(code.redemptionId).toBe(first.redemption.id);
    await expectRefusal(redeemAdvantage(t.db.prisma, { ...atCounter(advantage.id, passholder.cardNumber), at: later }), "ADVANTAGE_SOLD_OUT");
  });

  it("requires a reason and then changes nothing", async () => {
    const passholder = await passholderWithPoints(t.db.prisma, t.world, 5);
    const advantage = await createAdvantage(t.db.prisma, t.world, { points: 5 });
    const { redemption } = await redeemAdvantage(t.db.prisma, atCounter(advantage.id, passholder.cardNumber));
    const before = await snapshot(t.db.prisma, advantage.id, passholder.id);
    const refusal = await expectRefusal(removeRedemption(t.db.prisma, { redemptionId: redemption.id, reason: "  ", actor: systemActor("ksb") }), "VALIDATION");
    expect(refusal.field).toBe("reason");
    expect(await snapshot(t.db.prisma, advantage.id, passholder.id)).toEqual(before);
    expect((await t.db.prisma.redemption.findUniqueOrThrow({ where: { id: redemption.id } })).status).toBe("ACTIVE");
  });

  it("refuses to remove the same redemption twice, giving the points back only once", async () => {
    const passholder = await passholderWithPoints(t.db.prisma, t.world, 5);
    const advantage = await createAdvantage(t.db.prisma, t.world, { points: 5 });
    const { redemption } = await redeemAdvantage(t.db.prisma, atCounter(advantage.id, passholder.cardNumber));
    await removeRedemption(t.db.prisma, { redemptionId: redemption.id, reason: "Fout", actor: systemActor("ksb") });
    const before = await snapshot(t.db.prisma, advantage.id, passholder.id);
    await expectRefusal(removeRedemption(t.db.prisma, { redemptionId: redemption.id, reason: "Nog eens", actor: systemActor("ksb") }), "REDEMPTION_ALREADY_REMOVED");
    expect(await snapshot(t.db.prisma, advantage.id, passholder.id)).toEqual(before);
    expect(before.points).toBe(5);
  });

  it("refuses unknown and malformed redemption ids", async () => {
    await expectRefusal(
      removeRedemption(t.db.prisma, { redemptionId: "00000000-0000-4000-8000-000000000000", reason: "Fout", actor: systemActor("ksb") }),
      "REDEMPTION_NOT_FOUND",
    );
    await expectRefusal(removeRedemption(t.db.prisma, { redemptionId: "abc", reason: "Fout", actor: systemActor("ksb") }), "REDEMPTION_NOT_FOUND");
  });
});
