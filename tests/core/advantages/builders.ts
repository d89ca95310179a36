import type { Advantage, Prisma, PrismaClient } from "@prisma/client";
import { recordPoints } from "../../../core/points/ledger.js";
import { createAdvantage, createPassholder, time, type World } from "../../helpers/fixtures.js";

/** Points saved the honest way: through the ledger, so balance and ledger stay equal. */
export async function givePoints(prisma: PrismaClient, passholderId: string, amount: number): Promise<void> {
  await prisma.$transaction((tx) => recordPoints(tx, { passholderId, type: "CHECKIN", amount, note: "testpunten" }));
}

export async function passholderWithPoints(prisma: PrismaClient, world: World, points: number, overrides: Partial<Prisma.PassholderUncheckedCreateInput> = {}) {
  const passholder = await createPassholder(prisma, world, overrides);
  if (points > 0) await givePoints(prisma, passholder.id, points);
  return passholder;
}

/** A welcome advantage for everyone who registered in the last year, redeemable now at the check-in counter. */
export function createWelcomeAdvantage(
  prisma: PrismaClient,
  world: World,
  overrides: Partial<Prisma.AdvantageUncheckedCreateInput> = {},
  counters: number[] = [world.checkinCounter],
): Promise<Advantage> {
  return createAdvantage(
    prisma,
    world,
    { kind: "WELCOME", title: "Welkomstpakket", points: 0, grantStart: new Date(world.now.getTime() - 365 * time.DAY), ...overrides },
    counters,
  );
}

/** Everything a refused redemption must leave untouched. */
export async function snapshot(prisma: PrismaClient, advantageId: number, passholderId: string) {
  const [passholder, advantage, redemptions, ledger, freeCodes] = await Promise.all([
    prisma.passholder.findUniqueOrThrow({ where: { id: passholderId }, select: { points: true } }),
    prisma.advantage.findUnique({ where: { id: advantageId }, select: { redeemedCount: true } }),
    prisma.redemption.count({ where: { passholderId } }),
    prisma.pointsTransaction.findMany({ where: { passholderId }, select: { amount: true } }),
    prisma.advantageCode.count({ where: { advantageId, redemptionId: null } }),
  ]);
  return {
    points: passholder.points,
    redeemedCount: advantage?.redeemedCount,
    redemptions,
    ledgerLines: ledger.length,
    ledgerSum: ledger.reduce((sum, line) => sum + line.amount, 0),
    freeCodes,
  };
}

/** A second card system in the same database (createWorld's postal codes can exist only once). */
export async function createOtherCardSystem(prisma: PrismaClient, now: Date) {
  const cardSystem = await prisma.cardSystem.create({ data: { name: `UiTPAS Elders ${now.getTime()}-${Math.random()}` } });
  const municipality = await prisma.municipality.create({
    data: { cardSystemId: cardSystem.id, name: "Elders", joinedAt: new Date(now.getTime() - 3 * 365 * time.DAY) },
  });
  const counter = await prisma.counter.create({
    data: {
      cardSystemId: cardSystem.id,
      municipalityId: municipality.id,
      name: "Balie Elders",
      consumerKey: `elders-${cardSystem.id}`,
      permissionGroups: ["CHECKIN_TICKET"],
    },
  });
  return { cardSystemId: cardSystem.id, municipalityId: municipality.id, counterId: counter.id };
}
