import type { Coupon, Prisma, PrismaClient } from "@prisma/client";
import { time, type World } from "../../helpers/fixtures.js";

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
