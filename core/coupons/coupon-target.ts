import { Prisma, type CouponTarget } from "@prisma/client";
import type { Actor } from "../access/actor.js";
import { CardSystemError } from "../errors.js";
import type { Db } from "../transaction.js";
import { requireIntId } from "../validation/ids.js";

/** What decides which passholders a coupon reaches; the database refuses an inconsistent one (CHECK constraints "Coupon_segment_*"). */
export interface CouponTargetValues {
  target: CouponTarget;
  segmentMunicipalityId: number | null;
  segmentMinAge: number | null;
  segmentMaxAge: number | null;
}

/**
 * The municipality an actor grants within: null for a coordinator or the system (the whole card system), their
 * own for a municipal administrator; nobody else grants coupons.
 */
export function grantingMunicipality(actor: Actor): number | null {
  if (actor.kind === "SYSTEM" || (actor.kind === "STAFF" && actor.role === "COORDINATOR")) return null;
  if (actor.kind === "STAFF" && actor.role === "MUNICIPAL_ADMIN" && actor.municipalityId !== null) return actor.municipalityId;
  throw new CardSystemError("NOT_ALLOWED", { field: "couponId", message: "Enkel de regiocoördinator en lokale verantwoordelijken kennen coupons toe." });
}

export interface GrantableCoupon extends CouponTargetValues {
  id: number;
  cardSystemId: number;
  name: string;
  validUntil: Date;
  segmentMunicipality: string | null;
  /** The municipality the actor grants within (name and id), or null for the whole card system. */
  scope: { id: number; name: string } | null;
}

/**
 * The coupon as the actor may grant it. A municipal administrator cannot grant a coupon meant for another
 * municipality's passholders. With `lock`, the coupon cannot change until the caller's transaction ends.
 */
export async function grantableCoupon(db: Db, couponId: unknown, actor: Actor, lock = false): Promise<GrantableCoupon> {
  const id = requireIntId(couponId, "couponId", "COUPON_NOT_FOUND");
  const municipalityId = grantingMunicipality(actor);
  const rows = await db.$queryRaw<Omit<GrantableCoupon, "scope">[]>`
    SELECT c."id", c."cardSystemId", c."name", c."validUntil", c."target"::text AS "target", c."segmentMunicipalityId",
           c."segmentMinAge", c."segmentMaxAge", m."name" AS "segmentMunicipality"
    FROM "Coupon" c LEFT JOIN "Municipality" m ON m."id" = c."segmentMunicipalityId"
    WHERE c."id" = ${id}
    ${lock ? Prisma.sql`FOR SHARE OF c` : Prisma.empty}`;
  const coupon = rows[0];
  if (!coupon) throw new CardSystemError("COUPON_NOT_FOUND", { field: "couponId", message: "Deze coupon is niet gekend." });
  if (municipalityId === null) return { ...coupon, scope: null };
  const own = await db.municipality.findUnique({ where: { id: municipalityId }, select: { id: true, name: true } });
  if (!own) throw new CardSystemError("NOT_ALLOWED", { field: "couponId" });
  if (coupon.segmentMunicipalityId !== null && coupon.segmentMunicipalityId !== own.id) {
    throw new CardSystemError("NOT_ALLOWED", {
      field: "couponId",
      message: `Deze coupon is voor pashouders van ${coupon.segmentMunicipality}: u kunt hem enkel toekennen aan pashouders van ${own.name}.`,
    });
  }
  return { ...coupon, scope: own };
}

/**
 * The SQL condition (over passholder `p`) of belonging to the coupon's target on `day` (a Brussels calendar day,
 * YYYY-MM-DD) within the granting scope. Kansenstatuut dates and birth dates are days: an age counts from the
 * birthday itself, and a kansenstatuut is valid up to and including its end date.
 */
export function targetCondition(coupon: GrantableCoupon, day: string): Prisma.Sql {
  const conditions = [Prisma.sql`p."cardSystemId" = ${coupon.cardSystemId}`];
  if (coupon.scope) conditions.push(Prisma.sql`p."municipalityId" = ${coupon.scope.id}`);
  if (coupon.target === "ALL_MIA") {
    conditions.push(Prisma.sql`p."kansenstatuutEnd" >= ${day}::date AND (p."kansenstatuutStart" IS NULL OR p."kansenstatuutStart" <= ${day}::date)`);
  }
  if (coupon.target === "SEGMENT") {
    if (coupon.segmentMunicipalityId !== null) conditions.push(Prisma.sql`p."municipalityId" = ${coupon.segmentMunicipalityId}`);
    // At least `min` years old: born on or before the day `min` years ago; at most `max`: born after the day `max + 1` years ago.
    if (coupon.segmentMinAge !== null) conditions.push(Prisma.sql`p."birthDate" <= (${day}::date - make_interval(years => ${coupon.segmentMinAge}::int))::date`);
    if (coupon.segmentMaxAge !== null) conditions.push(Prisma.sql`p."birthDate" > (${day}::date - make_interval(years => ${coupon.segmentMaxAge + 1}::int))::date`);
  }
  return Prisma.join(conditions, " AND ");
}
