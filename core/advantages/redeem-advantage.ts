import type { Card, Redemption, RedemptionChannel } from "@prisma/client";
import { findActiveCard, findActiveCardOfPassholder } from "../cards/find-card.js";
import { counterWithPermission } from "../counters/require-permission.js";
import { CardSystemError } from "../errors.js";
import { lockPassholder } from "../passholders/lock-passholder.js";
import { recordPoints } from "../points/ledger.js";
import { inTransaction, isUniqueViolation, type Db, type Tx } from "../transaction.js";
import { requireIntId, requireUuid } from "../validation/ids.js";
import { currentPeriodKey, refusals, type EligibilityContext } from "./eligibility.js";
import { activeRedemptionCounts, loadAdvantage, passholderFacts } from "./eligibility-facts.js";
import { errorText, retryOnConflict } from "../retry-on-conflict.js";

export interface RedeemAdvantageInput {
  advantageId: number;
  /** Scanned or typed at a counter. */
  cardNumber?: string;
  /** The signed-in passholder (portal); used when no card number is given. */
  passholderId?: string;
  /** Required for the COUNTER channel. */
  counterId?: number;
  channel: RedemptionChannel;
  at?: Date;
  actor: string;
}

export interface RedeemAdvantageResult {
  redemption: Redemption;
  /** The unique discount code handed out, when the advantage uses imported codes. */
  code?: string;
  /** Where to use the advantage, when exchanged online. */
  onlineUrl?: string;
  /** The passholder's points after the exchange. */
  balance: number;
}

/** Redeems a welcome or exchange advantage for a passholder; refuses with the first rule that fails. */
export async function redeemAdvantage(db: Db, input: RedeemAdvantageInput): Promise<RedeemAdvantageResult> {
  const at = input.at ?? new Date();
  if (input.channel !== "COUNTER" && input.channel !== "ONLINE") {
    throw new CardSystemError("VALIDATION", { field: "channel", message: "Kies hoe het voordeel omgeruild wordt: aan de balie of online." });
  }
  try {
    return await retryOnConflict(db, () => inTransaction(db, (tx) => redeemIn(tx, input, at)));
  } catch (error) {
    // Backstops for the rules checked under the passholder lock; the checks normally refuse first.
    if (isUniqueViolation(error, "Redemption_welcome_once")) throw new CardSystemError("ADVANTAGE_ALREADY_REDEEMED", { field: "advantageId" });
    if (errorText(error).includes("Advantage_redeemed_within_stock")) {
      throw new CardSystemError("ADVANTAGE_SOLD_OUT", { field: "advantageId" });
    }
    throw error;
  }
}

async function redeemIn(tx: Tx, input: RedeemAdvantageInput, at: Date): Promise<RedeemAdvantageResult> {
  const card = await cardOf(tx, input);
  const advantage = await loadAdvantage(tx, input.advantageId);
  const counter = input.channel === "COUNTER" ? await redeemingCounter(tx, input.counterId) : undefined;

  const { points } = await lockPassholder(tx, card.passholderId);
  const passholder = { ...(await passholderFacts(tx, card.passholderId)), points };
  const used = (await activeRedemptionCounts(tx, passholder.id, [advantage], at)).get(advantage.id) ?? 0;
  const context: EligibilityContext = { at, advantage, passholder, usedInPeriod: used, channel: input.channel, counter };
  const [refusal] = refusals(context);
  if (refusal) throw new CardSystemError(refusal.code, refusal);

  await claimUnit(tx, advantage.id);
  const cost = advantage.kind === "EXCHANGE" ? advantage.points : 0;
  const redemption = await tx.redemption.create({
    data: {
      advantageId: advantage.id,
      kind: advantage.kind,
      passholderId: passholder.id,
      cardId: card.id,
      counterId: counter?.id,
      channel: input.channel,
      points: cost,
      periodKey: currentPeriodKey(advantage, at),
      redeemedAt: at,
    },
  });
  const code = advantage.usesUniqueCodes ? await handOutCode(tx, advantage.id, redemption.id) : undefined;
  const balance =
    cost > 0
      ? await recordPoints(tx, { passholderId: passholder.id, type: "REDEMPTION", amount: -cost, redemptionId: redemption.id, createdBy: input.actor, at })
      : points;
  const onlineUrl = input.channel === "ONLINE" ? advantage.onlineUrl ?? undefined : undefined;
  return { redemption, code, onlineUrl, balance };
}

function cardOf(tx: Tx, input: RedeemAdvantageInput): Promise<Card> {
  if (input.cardNumber) return findActiveCard(tx, input.cardNumber);
  if (input.passholderId) return findActiveCardOfPassholder(tx, requireUuid(input.passholderId, "passholderId", "PASSHOLDER_NOT_FOUND"));
  throw new CardSystemError("VALIDATION", { field: "cardNumber", message: "Geef een kaartnummer op." });
}

async function redeemingCounter(tx: Tx, counterId: number | undefined): Promise<{ id: number; cardSystemId: number }> {
  if (counterId === undefined) throw new CardSystemError("VALIDATION", { field: "counterId", message: "Kies een balie." });
  return counterWithPermission(tx, requireIntId(counterId, "counterId", "COUNTER_NOT_FOUND"), ["CHECKIN_TICKET"], "COUNTER_MAY_NOT_CHECKIN");
}

/** One more unit taken, unless stock or the total maximum is reached (the CHECK constraint backs this). */
async function claimUnit(tx: Tx, advantageId: number): Promise<void> {
  const claimed = await tx.$queryRaw<{ redeemedCount: number }[]>`
    UPDATE "Advantage" SET "redeemedCount" = "redeemedCount" + 1
    WHERE "id" = ${advantageId}
      AND ("unitsAvailable" IS NULL OR "redeemedCount" < "unitsAvailable")
      AND ("maxTotal" IS NULL OR "redeemedCount" < "maxTotal")
    RETURNING "redeemedCount"`;
  if (claimed.length === 0) throw new CardSystemError("ADVANTAGE_SOLD_OUT", { field: "advantageId", details: { remainingStock: 0 } });
}

/** The next free code; SKIP LOCKED lets parallel redemptions each take a different one without waiting. */
async function handOutCode(tx: Tx, advantageId: number, redemptionId: string): Promise<string> {
  const assigned = await tx.$queryRaw<{ code: string }[]>`
    UPDATE "AdvantageCode" SET "redemptionId" = ${redemptionId}::uuid
    WHERE "id" = (
      SELECT "id" FROM "AdvantageCode"
      WHERE "advantageId" = ${advantageId} AND "redemptionId" IS NULL
      ORDER BY "id" LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING "code"`;
  const code = assigned[0]?.code;
  if (code === undefined) throw new CardSystemError("ADVANTAGE_SOLD_OUT", { field: "advantageId", details: { remainingStock: 0, freeCodes: 0 } });
  return code;
}
