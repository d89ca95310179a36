import { CardSystemError } from "../errors.js";
import { localDate } from "../time/periods.js";
import type { Db } from "../transaction.js";
import { requireIntId } from "../validation/ids.js";

export interface GrantCouponInput {
  couponId: number;
  /** The moment that decides kansenstatuut and age; defaults to now. */
  at?: Date;
}

export interface GrantCouponResult {
  /** Passholders who received the coupon now (those who had it already are not counted). */
  granted: number;
}

/**
 * Hands a coupon to every passholder of its target: all passholders of the card system, all with a
 * kansenstatuut valid at `at`, or a segment (municipality and/or age at `at`). One set-based statement;
 * running it again only adds passholders who joined the target since.
 */
export async function grantCoupon(db: Db, input: GrantCouponInput): Promise<GrantCouponResult> {
  const at = input.at ?? new Date();
  const couponId = requireIntId(input.couponId, "couponId", "COUPON_NOT_FOUND");
  const coupon = await db.coupon.findUnique({ where: { id: couponId }, select: { id: true, validUntil: true } });
  if (!coupon) throw new CardSystemError("COUPON_NOT_FOUND", { field: "couponId", message: "Deze coupon is niet gekend." });
  if (coupon.validUntil < at) {
    throw new CardSystemError("COUPON_NOT_VALID_NOW", { field: "couponId", message: "Deze coupon is verlopen en kan niet meer toegekend worden.", details: { validUntil: coupon.validUntil } });
  }

  // Kansenstatuut and birth dates are calendar days: compare them with the day in Brussels.
  const day = localDate(at);
  const granted = await db.$executeRaw`
    INSERT INTO "CouponGrant" ("couponId", "passholderId", "grantedAt", "usedCount")
    SELECT c."id", p."id", ${at}, 0
    FROM "Coupon" c
    JOIN "Passholder" p ON p."cardSystemId" = c."cardSystemId"
    WHERE c."id" = ${coupon.id}
      AND (
        c."target" = 'ALL'
        OR (c."target" = 'ALL_MIA'
            AND p."kansenstatuutEnd" >= ${day}::date
            AND (p."kansenstatuutStart" IS NULL OR p."kansenstatuutStart" <= ${day}::date))
        OR (c."target" = 'SEGMENT'
            AND (c."segmentMunicipalityId" IS NULL OR p."municipalityId" = c."segmentMunicipalityId")
            AND (c."segmentMinAge" IS NULL OR date_part('year', age(${day}::date, p."birthDate")) >= c."segmentMinAge")
            AND (c."segmentMaxAge" IS NULL OR date_part('year', age(${day}::date, p."birthDate")) <= c."segmentMaxAge"))
      )
    ON CONFLICT ("couponId", "passholderId") DO NOTHING`;
  return { granted };
}
