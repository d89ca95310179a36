import type { Card, Counter, CouponUse } from "@prisma/client";
import type { Actor, RequestMeta } from "../access/actor.js";
import { counterForActor, mayServePassholder } from "../access/authorize.js";
import { recordAudit } from "../audit/record-audit.js";
import { findActiveCard } from "../cards/find-card.js";
import { CardSystemError } from "../errors.js";
import { within } from "../time/periods.js";
import { inTransaction, type Db, type Tx } from "../transaction.js";
import { requireIntId, requireUuid } from "../validation/ids.js";

export interface UseCouponInput {
  couponId: number;
  cardNumber: string;
  /** A counter the actor works for, with the check-in & ticket permission. */
  counterId: unknown;
  /** The event the discount was given for, when there is one. */
  eventId?: string;
  at?: Date;
  actor: Actor;
  request?: RequestMeta;
}

export interface UseCouponResult {
  use: CouponUse;
  coupon: { id: number; name: string; discountCents: number | null; conditions: string | null };
  usedCount: number;
  remainingUses: number;
}

/** A counter applies a coupon granted to the card's passholder, within its validity and usage limit. */
export async function useCoupon(db: Db, input: UseCouponInput): Promise<UseCouponResult> {
  const at = input.at ?? new Date();
  const couponId = requireIntId(input.couponId, "couponId", "COUPON_NOT_FOUND");
  const eventId = input.eventId === undefined ? undefined : requireUuid(input.eventId, "eventId", "EVENT_NOT_FOUND");
  return inTransaction(db, async (tx) => {
    const counter = await counterForActor(tx, input.actor, input.counterId, { groups: ["CHECKIN_TICKET"], refusal: "COUNTER_MAY_NOT_CHECKIN" });
    const card = await findActiveCard(tx, input.cardNumber);
    if (!mayServePassholder(input.actor, card.passholder, counter)) throw new CardSystemError("CARD_NOT_FOUND", { field: "cardNumber" });
    if (eventId !== undefined && !(await tx.event.findUnique({ where: { id: eventId }, select: { id: true } }))) {
      throw new CardSystemError("EVENT_NOT_FOUND", { field: "eventId" });
    }
    return applyCoupon(tx, { couponId, card, counter, eventId, at, actor: input.actor, request: input.request });
  });
}

/**
 * Uses the coupon inside the caller's transaction, for a card and counter the caller already checked (a
 * kansentarief with a coupon uses both or neither).
 */
export async function applyCoupon(
  tx: Tx,
  input: { couponId: unknown; card: Pick<Card, "passholderId">; counter: Pick<Counter, "id">; eventId?: string; at: Date; actor: Actor; request?: RequestMeta },
): Promise<UseCouponResult> {
  const { card, counter, eventId, at } = input;
  const couponId = requireIntId(input.couponId, "couponId", "COUPON_NOT_FOUND");
  const grant = await tx.couponGrant.findUnique({
    where: { couponId_passholderId: { couponId, passholderId: card.passholderId } },
    include: { coupon: true },
  });
  if (!grant) throw new CardSystemError("COUPON_NOT_FOUND", { field: "couponId" });
  const { coupon } = grant;
  if (!within(at, coupon.validFrom, coupon.validUntil)) {
    throw new CardSystemError("COUPON_NOT_VALID_NOW", { field: "couponId", details: { validFrom: coupon.validFrom, validUntil: coupon.validUntil } });
  }

  // The usage limit is read in the same statement that counts the use, so parallel uses cannot overshoot it.
  const counted = await tx.$queryRaw<{ usedCount: number }[]>`
    UPDATE "CouponGrant" g SET "usedCount" = g."usedCount" + 1
    FROM "Coupon" c
    WHERE g."id" = ${grant.id} AND c."id" = g."couponId" AND g."usedCount" < c."usageLimit"
    RETURNING g."usedCount"`;
  const usedCount = counted[0]?.usedCount;
  if (usedCount === undefined) throw new CardSystemError("COUPON_USED_UP", { field: "couponId", details: { usageLimit: coupon.usageLimit } });

  const use = await tx.couponUse.create({ data: { grantId: grant.id, counterId: counter.id, eventId, usedAt: at } });
  await recordAudit(tx, {
    actor: input.actor,
    request: input.request,
    action: "coupon.use",
    resource: "CouponUse",
    recordId: use.id,
    changes: { couponId: coupon.id, passholderId: card.passholderId, counterId: counter.id, eventId: eventId ?? null, usedCount },
  });
  return {
    use,
    coupon: { id: coupon.id, name: coupon.name, discountCents: coupon.discountCents, conditions: coupon.conditions },
    usedCount,
    remainingUses: coupon.usageLimit - usedCount,
  };
}
