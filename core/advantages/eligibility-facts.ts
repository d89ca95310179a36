import type { Advantage, LimitPeriod, Prisma } from "@prisma/client";
import { CardSystemError } from "../errors.js";
import { periodKey } from "../time/periods.js";
import type { Db } from "../transaction.js";
import { requireIntId } from "../validation/ids.js";
import { currentPeriodKey, type AdvantageRules, type PassholderFacts } from "./eligibility.js";

/** Loads what the eligibility rules need, in a fixed number of queries however many advantages there are. */

export type LoadedAdvantage = Advantage & AdvantageRules;

const allPeriods: LimitPeriod[] = ["ABSOLUTE", "DAY", "WEEK", "MONTH", "QUARTER", "YEAR"];

export async function passholderFacts(db: Db, passholderId: string): Promise<PassholderFacts> {
  const passholder = await db.passholder.findUnique({
    where: { id: passholderId },
    select: {
      id: true,
      cardSystemId: true,
      municipalityId: true,
      registeredAt: true,
      points: true,
      municipality: { select: { joinedAt: true } },
      cards: { select: { status: true }, orderBy: { issuedAt: "desc" } },
    },
  });
  if (!passholder) throw new CardSystemError("PASSHOLDER_NOT_FOUND", { field: "passholderId" });
  const { municipality, cards, ...facts } = passholder;
  const current = cards.find((card) => card.status === "ACTIVE") ?? cards[0];
  return { ...facts, municipalityJoinedAt: municipality.joinedAt, cardStatus: current?.status ?? null };
}

/** Advantages with their counters, municipalities and count of free unique codes. */
export async function loadAdvantages(db: Db, where: Prisma.AdvantageWhereInput, orderBy?: Prisma.AdvantageOrderByWithRelationInput[]): Promise<LoadedAdvantage[]> {
  const rows = await db.advantage.findMany({
    where,
    orderBy,
    include: { counters: { select: { counterId: true } }, municipalities: { select: { municipalityId: true } } },
  });
  const withCodes = rows.filter((row) => row.usesUniqueCodes).map((row) => row.id);
  const free =
    withCodes.length === 0
      ? []
      : await db.advantageCode.groupBy({ by: ["advantageId"], where: { advantageId: { in: withCodes }, redemptionId: null }, _count: { _all: true } });
  const freeByAdvantage = new Map(free.map((row) => [row.advantageId, row._count._all]));
  return rows.map(({ counters, municipalities, ...advantage }) => ({
    ...advantage,
    counterIds: counters.map((row) => row.counterId),
    municipalityIds: municipalities.map((row) => row.municipalityId),
    freeCodes: freeByAdvantage.get(advantage.id) ?? 0,
  }));
}

export async function loadAdvantage(db: Db, advantageId: number): Promise<LoadedAdvantage> {
  const [advantage] = await loadAdvantages(db, { id: requireIntId(advantageId, "advantageId", "ADVANTAGE_NOT_FOUND") });
  if (!advantage) throw new CardSystemError("ADVANTAGE_NOT_FOUND", { field: "advantageId" });
  return advantage;
}

/** advantageId → the passholder's ACTIVE redemptions of it in the advantage's current limit period. */
export async function activeRedemptionCounts(
  db: Db,
  passholderId: string,
  advantages: Pick<Advantage, "id" | "kind" | "perUserLimitPeriod">[],
  at: Date,
): Promise<Map<number, number>> {
  if (advantages.length === 0) return new Map();
  const groups = await db.redemption.groupBy({
    by: ["advantageId", "periodKey"],
    where: {
      passholderId,
      status: "ACTIVE",
      advantageId: { in: advantages.map((advantage) => advantage.id) },
      // Only the periods `at` lies in can count, which keeps the result small for long-time passholders.
      periodKey: { in: allPeriods.map((period) => periodKey(period, at)) },
    },
    _count: { _all: true },
  });
  const counts = new Map(groups.map((group) => [`${group.advantageId}|${group.periodKey}`, group._count._all]));
  return new Map(advantages.map((advantage) => [advantage.id, counts.get(`${advantage.id}|${currentPeriodKey(advantage, at)}`) ?? 0]));
}
