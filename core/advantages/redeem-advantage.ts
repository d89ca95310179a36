import type { Card, Counter, Redemption, RedemptionChannel } from "@prisma/client";
import { actorLabel, type Actor, type RequestMeta } from "../access/actor.js";
import { counterForActor, mayServePassholder, passholderForActor } from "../access/authorize.js";
import { recordAudit } from "../audit/record-audit.js";
import { findActiveCard, findActiveCardOfPassholder } from "../cards/find-card.js";
import { CardSystemError } from "../errors.js";
import { lockPassholder } from "../passholders/lock-passholder.js";
import { recordPoints } from "../points/ledger.js";
import { inTransaction, isUniqueViolation, type Db, type Tx } from "../transaction.js";
import { requireUuid } from "../validation/ids.js";
import { currentPeriodKey, refusals, type EligibilityContext } from "./eligibility.js";
import { activeRedemptionCounts, loadAdvantage, passholderFacts } from "./eligibility-facts.js";
import { errorText, retryOnConflict } from "../retry-on-conflict.js";

export interface RedeemAdvantageInput {
  advantageId: number;
  /** Scanned or typed at a counter. */
  cardNumber?: string;
  /** The passholder, when no card number is given; a passholder actor exchanges for themself only. */
  passholderId?: string;
  /** Required for the COUNTER channel: a counter the actor works for. */
  counterId?: unknown;
  channel: RedemptionChannel;
  at?: Date;
  /** Counter: staff of that counter. Online: the passholder themself. The system may use either. */
  actor: Actor;
  request?: RequestMeta;
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
  const counter = input.channel === "COUNTER" ? await redeemingCounter(tx, input) : undefined;
  const card = await cardOf(tx, input, counter);
  const advantage = await loadAdvantage(tx, input.advantageId);

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
      ? await recordPoints(tx, { passholderId: passholder.id, type: "REDEMPTION", amount: -cost, redemptionId: redemption.id, createdBy: actorLabel(input.actor), at })
      : points;
  if (input.actor.kind === "STAFF") {
    await recordAudit(tx, {
      actor: input.actor,
      request: input.request,
      action: "redemption.create",
      resource: "Redemption",
      recordId: redemption.id,
      changes: { advantageId: advantage.id, passholderId: passholder.id, counterId: counter?.id ?? null, points: cost },
    });
  }
  const onlineUrl = input.channel === "ONLINE" ? advantage.onlineUrl ?? undefined : undefined;
  return { redemption, code, onlineUrl, balance };
}

/** The card of a passholder the actor may serve: at the counter, one of its card system; online, their own. */
async function cardOf(tx: Tx, input: RedeemAdvantageInput, counter: Counter | undefined): Promise<Card> {
  const { actor } = input;
  if (!counter && actor.kind !== "PASSHOLDER" && actor.kind !== "SYSTEM") throw new CardSystemError("NOT_ALLOWED", { field: "channel" });
  if (input.cardNumber) {
    const card = await findActiveCard(tx, input.cardNumber);
    if (!mayServePassholder(actor, card.passholder, counter)) throw new CardSystemError("CARD_NOT_FOUND", { field: "cardNumber" });
    return card;
  }
  const passholderId = input.passholderId ?? (actor.kind === "PASSHOLDER" ? actor.passholderId : undefined);
  if (!passholderId) throw new CardSystemError("VALIDATION", { field: "cardNumber", message: "Geef een kaartnummer op." });
  const passholder = await passholderForActor(tx, actor, requireUuid(passholderId, "passholderId", "PASSHOLDER_NOT_FOUND"), counter);
  return findActiveCardOfPassholder(tx, passholder.id);
}

async function redeemingCounter(tx: Tx, input: RedeemAdvantageInput): Promise<Counter> {
  if (input.counterId === undefined || input.counterId === "") throw new CardSystemError("VALIDATION", { field: "counterId", message: "Kies een balie." });
  return counterForActor(tx, input.actor, input.counterId, { groups: ["CHECKIN_TICKET"], refusal: "COUNTER_MAY_NOT_CHECKIN" });
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
