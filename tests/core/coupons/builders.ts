import type { Coupon, Prisma, PrismaClient } from "@prisma/client";
import type { Actor } from "../../../core/access/actor.js";
import { grantCouponToTarget } from "../../../core/coupons/grant-coupon-to-target.js";
import { staffActor, time, type World } from "../../helpers/fixtures.js";

/** A coupon for every passholder, valid from yesterday for a month, usable once. */
export function createCoupon(prisma: PrismaClient, world: World, overrides: Partial<Prisma.CouponUncheckedCreateInput> = {}): Promise<Coupon> {
  return prisma.coupon.create({
    data: {
      cardSystemId: world.cardSystemId,
      name: "Gratis zwembeurt",
      discountCents: 350,
      conditions: "Enkel op weekdagen.",
      validFrom: new Date(world.now.getTime() - time.DAY),
      validUntil: new Date(world.now.getTime() + 30 * time.DAY),
      ...overrides,
    },
  });
}

export const coordinator = staffActor("COORDINATOR", { email: "coordinator@test.be" });

/** "Toekennen" run to the end, one batch after the other as the backoffice screen does; the batches summed. */
export async function grantToTarget(
  prisma: PrismaClient,
  couponId: number,
  options: { at: Date; actor?: Actor; batchSize?: number },
): Promise<{ granted: number; alreadyHad: number; matched: number; batches: number }> {
  const total = { granted: 0, alreadyHad: 0, matched: 0, batches: 0 };
  let after: string | null = null;
  for (;;) {
    const batch = await grantCouponToTarget(prisma, { couponId, actor: options.actor ?? coordinator, at: options.at, batchSize: options.batchSize, after });
    total.granted += batch.granted;
    total.alreadyHad += batch.alreadyHad;
    total.matched = batch.matched;
    total.batches += 1;
    if (batch.done) return total;
    after = batch.next;
  }
}
