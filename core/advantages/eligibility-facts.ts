import type { Advantage, CardStatus, LimitPeriod, Prisma } from "@prisma/client";
import { momentText, plainQuery } from "../db/plain-query.js";
import { CardSystemError } from "../errors.js";
import { periodKey } from "../time/periods.js";
import type { Db } from "../transaction.js";
import { requireIntId } from "../validation/ids.js";
import { currentPeriodKey, type AdvantageRules, type PassholderFacts } from "./eligibility.js";

/** Loads what the eligibility rules need, in a fixed number of queries however many advantages there are. */

export type LoadedAdvantage = Advantage & AdvantageRules;

const allPeriods: LimitPeriod[] = ["ABSOLUTE", "DAY", "WEEK", "MONTH", "QUARTER", "YEAR"];

interface FactsRow extends Record<string, unknown> {
  id: string;
  cardSystemId: number;
  municipalityId: number;
  registeredAt: string;
  municipalityJoinedAt: string;
  points: number;
  cardStatus: CardStatus | null;
}

/** The passholder as the eligibility rules see them: one plain statement (every advantage page and redemption reads it). */
export async function passholderFacts(db: Db, passholderId: string): Promise<PassholderFacts> {
  const [facts] = await plainQuery<FactsRow>(
    db,
    `SELECT p."id"::text AS "id", p."cardSystemId", p."municipalityId", p."points",
  ${momentText('p."registeredAt"')} AS "registeredAt", ${momentText('m."joinedAt"')} AS "municipalityJoinedAt",
  (SELECT c."status"::text FROM "Card" c WHERE c."passholderId" = p."id" ORDER BY c."status" = 'ACTIVE' DESC, c."issuedAt" DESC LIMIT 1) AS "cardStatus"
FROM "Passholder" p JOIN "Municipality" m ON m."id" = p."municipalityId"
WHERE p."id" = $1::uuid`,
    [passholderId],
  );
  if (!facts) throw new CardSystemError("PASSHOLDER_NOT_FOUND", { field: "passholderId" });
  return { ...facts, registeredAt: new Date(facts.registeredAt), municipalityJoinedAt: new Date(facts.municipalityJoinedAt) };
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
