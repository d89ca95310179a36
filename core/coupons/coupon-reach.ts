import type { Actor } from "../access/actor.js";
import { localDate } from "../time/periods.js";
import type { Db } from "../transaction.js";
import { grantableCoupon, targetCondition, type GrantableCoupon } from "./coupon-target.js";

export interface CouponReach {
  coupon: GrantableCoupon;
  /** Passholders of the target (within the actor's municipality) today. */
  matched: number;
  /** Of those, how many hold the coupon already. */
  alreadyGranted: number;
  /** Past its validity: it can no longer be granted. */
  expired: boolean;
}

/** What "Toekennen" would do now: whom the coupon is for, how many passholders that is, and how many have it already. */
export async function couponReach(db: Db, input: { couponId: unknown; actor: Actor; at?: Date }): Promise<CouponReach> {
  const at = input.at ?? new Date();
  const coupon = await grantableCoupon(db, input.couponId, input.actor);
  const matches = targetCondition(coupon, localDate(at));
  const [counts] = await db.$queryRaw<{ matched: number; alreadyGranted: number }[]>`
    SELECT count(*)::int AS "matched", count(g."id")::int AS "alreadyGranted"
    FROM "Passholder" p LEFT JOIN "CouponGrant" g ON g."passholderId" = p."id" AND g."couponId" = ${coupon.id}
    WHERE ${matches}`;
  return { coupon, matched: counts!.matched, alreadyGranted: counts!.alreadyGranted, expired: coupon.validUntil < at };
}

/** How many passholders hold each coupon; within one municipality's passholders when one is given. */
export async function couponGrantCounts(db: Db, couponIds: number[], municipalityId: number | null): Promise<Map<number, number>> {
  if (couponIds.length === 0) return new Map();
  const rows = await db.couponGrant.groupBy({
    by: ["couponId"],
    where: { couponId: { in: couponIds }, ...(municipalityId === null ? {} : { passholder: { municipalityId } }) },
    _count: { _all: true },
  });
  return new Map(rows.map((row) => [row.couponId, row._count._all]));
}
