import type { CouponUse } from "@prisma/client";
import { findActiveCard } from "../cards/find-card.js";
import { counterWithPermission } from "../counters/require-permission.js";
import { CardSystemError } from "../errors.js";
import { within } from "../time/periods.js";
import { inTransaction, type Db } from "../transaction.js";
import { requireIntId, requireUuid } from "../validation/ids.js";

export interface UseCouponInput {
  couponId: number;
  cardNumber: string;
  counterId: number;
  /** The event the discount was given for, when there is one. */
  eventId?: string;
  at?: Date;
  actor: string;
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
  const counterId = requireIntId(input.counterId, "counterId", "COUNTER_NOT_FOUND");
  const eventId = input.eventId === undefined ? undefined : requireUuid(input.eventId, "eventId", "EVENT_NOT_FOUND");
  return inTransaction(db, async (tx) => {
    const card = await findActiveCard(tx, input.cardNumber);
    const grant = await tx.couponGrant.findUnique({
      where: { couponId_passholderId: { couponId, passholderId: card.passholderId } },
      include: { coupon: true },
    });
    if (!grant) throw new CardSystemError("COUPON_NOT_FOUND", { field: "couponId" });
    const { coupon } = grant;
    if (!within(at, coupon.validFrom, coupon.validUntil)) {
      throw new CardSystemError("COUPON_NOT_VALID_NOW", { field: "couponId", details: { validFrom: coupon.validFrom, validUntil: coupon.validUntil } });
    }
    await counterWithPermission(tx, counterId, ["CHECKIN_TICKET"], "COUNTER_MAY_NOT_CHECKIN");
    if (eventId !== undefined && !(await tx.event.findUnique({ where: { id: eventId }, select: { id: true } }))) {
      throw new CardSystemError("EVENT_NOT_FOUND", { field: "eventId" });
    }

    // The usage limit is read in the same statement that counts the use, so parallel uses cannot overshoot it.
    const counted = await tx.$queryRaw<{ usedCount: number }[]>`
      UPDATE "CouponGrant" g SET "usedCount" = g."usedCount" + 1
      FROM "Coupon" c
      WHERE g."id" = ${grant.id} AND c."id" = g."couponId" AND g."usedCount" < c."usageLimit"
      RETURNING g."usedCount"`;
    const usedCount = counted[0]?.usedCount;
    if (usedCount === undefined) throw new CardSystemError("COUPON_USED_UP", { field: "couponId", details: { usageLimit: coupon.usageLimit } });

    const use = await tx.couponUse.create({ data: { grantId: grant.id, counterId, eventId, usedAt: at } });
    return {
      use,
      coupon: { id: coupon.id, name: coupon.name, discountCents: coupon.discountCents, conditions: coupon.conditions },
      usedCount,
      remainingUses: coupon.usageLimit - usedCount,
    };
  });
}
