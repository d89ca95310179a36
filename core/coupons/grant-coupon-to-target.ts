import { Prisma } from "@prisma/client";
import type { Actor, RequestMeta } from "../access/actor.js";
import { recordAudit } from "../audit/record-audit.js";
import { CardSystemError } from "../errors.js";
import { localDate } from "../time/periods.js";
import { inTransaction, type Db } from "../transaction.js";
import { requireUuid } from "../validation/ids.js";
import { grantableCoupon, targetCondition } from "./coupon-target.js";

export const GRANT_BATCH_SIZE = 1_000;
const MAX_BATCH_SIZE = 10_000;

export interface GrantCouponToTargetInput {
  couponId: unknown;
  actor: Actor;
  request?: RequestMeta;
  /** The `next` of the previous batch; absent for the first. */
  after?: string | null;
  batchSize?: number;
  /** The moment that decides validity, kansenstatuut and age; defaults to now. */
  at?: Date;
}

export interface GrantProgress {
  /** Passholders who got the coupon in this batch. */
  granted: number;
  /** Passholders of this batch who had it already. */
  alreadyHad: number;
  /** Passholders of the target (within the actor's municipality) at this moment. */
  matched: number;
  /** Where the next batch starts; null when this batch was the last. */
  next: string | null;
  done: boolean;
}

/**
 * "Toekennen": hands the coupon to the next batch of passholders of its target, in the order of their id, so a
 * screen can run a large target batch by batch and show its progress. A passholder holds a coupon once (unique
 * grant, ON CONFLICT DO NOTHING): running it again, or twice at the same time, only adds who joined the target
 * since. Each batch is one transaction with its audit row.
 */
export async function grantCouponToTarget(db: Db, input: GrantCouponToTargetInput): Promise<GrantProgress> {
  const at = input.at ?? new Date();
  const after = input.after === undefined || input.after === null ? null : requireUuid(input.after, "after", "VALIDATION");
  const size = Number.isSafeInteger(input.batchSize) ? Math.min(Math.max(input.batchSize!, 1), MAX_BATCH_SIZE) : GRANT_BATCH_SIZE;
  return inTransaction(db, async (tx) => {
    const coupon = await grantableCoupon(tx, input.couponId, input.actor, true);
    if (coupon.validUntil < at) {
      throw new CardSystemError("COUPON_EXPIRED", { field: "couponId", details: { validUntil: coupon.validUntil } });
    }
    const matches = targetCondition(coupon, localDate(at));
    const [batch] = await tx.$queryRaw<{ seen: number; granted: number; last: string | null }[]>`
      WITH batch AS (
        SELECT p."id" FROM "Passholder" p
        WHERE ${matches} ${after === null ? Prisma.empty : Prisma.sql`AND p."id" > ${after}::uuid`}
        ORDER BY p."id"
        LIMIT ${size}
      ), granted AS (
        INSERT INTO "CouponGrant" ("couponId", "passholderId", "grantedAt", "usedCount")
        SELECT ${coupon.id}, b."id", ${at}, 0 FROM batch b
        ON CONFLICT ("couponId", "passholderId") DO NOTHING
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM batch)::int AS "seen",
             (SELECT count(*) FROM granted)::int AS "granted",
             (SELECT b."id"::text FROM batch b ORDER BY b."id" DESC LIMIT 1) AS "last"`;
    const [{ matched }] = (await tx.$queryRaw<{ matched: number }[]>`SELECT count(*)::int AS "matched" FROM "Passholder" p WHERE ${matches}`) as [{ matched: number }];
    const { seen, granted, last } = batch!;
    const done = seen < size;
    await recordAudit(tx, {
      actor: input.actor,
      request: input.request,
      action: "coupon.grant",
      resource: "Coupon",
      recordId: coupon.id,
      changes: { granted, alreadyHad: seen - granted, matched, municipality: coupon.scope?.name ?? null },
    });
    return { granted, alreadyHad: seen - granted, matched, next: done ? null : last, done };
  });
}
