import { describe, expect, it } from "vitest";
import { systemActor } from "../../../core/access/actor.js";
import { useCoupon, type UseCouponInput } from "../../../core/coupons/use-coupon.js";
import type { ErrorCode } from "../../../core/errors.js";
import { databaseKinds } from "../../helpers/databases.js";
import { createEvent, createPassholder, time, worldOn, middayYesterday } from "../../helpers/fixtures.js";
import { expectRefusal, refusalCodes } from "../../helpers/refusal.js";
import { createCoupon, grantToTarget } from "./builders.js";

describe.each(databaseKinds)("using coupons on %s", (kind) => {
  const now = middayYesterday();
  const t = worldOn(kind, now);

  /** A coupon granted directly to one new passholder. */
  const granted = async (overrides: Parameters<typeof createCoupon>[2] = {}) => {
    const passholder = await createPassholder(t.db.prisma, t.world);
    const coupon = await createCoupon(t.db.prisma, t.world, overrides);
    await t.db.prisma.couponGrant.create({ data: { couponId: coupon.id, passholderId: passholder.id } });
    const input: UseCouponInput = { couponId: coupon.id, cardNumber: passholder.cardNumber, counterId: t.world.checkinCounter, at: now, actor: systemActor("balie") };
    return { passholder, coupon, input };
  };
  const usage = async (couponId: number) => ({
    usedCount: (await t.db.prisma.couponGrant.aggregate({ where: { couponId }, _sum: { usedCount: true } }))._sum.usedCount ?? 0,
    uses: await t.db.prisma.couponUse.count({ where: { grant: { couponId } } }),
  });

  it("records a use at a counter for an event and says how many uses remain", async () => {
    const { coupon, input } = await granted({ usageLimit: 2 });
    const event = await createEvent(t.db.prisma, t.world);
    const result = await useCoupon(t.db.prisma, { ...input, eventId: event.id });
    expect(result).toMatchObject({ usedCount: 1, remainingUses: 1, coupon: { name: "Gratis zwembeurt", discountCents: 350, conditions: "Enkel op weekdagen." } });
    expect(result.use).toMatchObject({ counterId: t.world.checkinCounter, eventId: event.id, usedAt: now });
    expect(await usage(coupon.id)).toEqual({ usedCount: 1, uses: 1 });
  });

  it("works for a coupon granted to its target", async () => {
    const passholder = await createPassholder(t.db.prisma, t.world, { firstName: "Segment", birthDate: new Date("1931-01-01") });
    const coupon = await createCoupon(t.db.prisma, t.world, { target: "SEGMENT", segmentMinAge: 95 });
    expect(await grantToTarget(t.db.prisma, coupon.id, { at: now })).toMatchObject({ granted: 1 });
    await useCoupon(t.db.prisma, { couponId: coupon.id, cardNumber: passholder.cardNumber, counterId: t.world.authorisedCounter, at: now, actor: systemActor("balie") });
  });

  interface RefusalCase {
    code: ErrorCode;
    why: string;
    arrange: () => Promise<{ couponId: number; input: UseCouponInput }>;
  }
  const cases: RefusalCase[] = [
    {
      code: "COUPON_NOT_FOUND",
      why: "the coupon was not granted to this passholder",
      arrange: async () => {
        const { coupon, input } = await granted();
        const stranger = await createPassholder(t.db.prisma, t.world);
        return { couponId: coupon.id, input: { ...input, cardNumber: stranger.cardNumber } };
      },
    },
    {
      code: "COUPON_NOT_VALID_NOW",
      why: "its validity starts tomorrow",
      arrange: async () => {
        const { coupon, input } = await granted({ validFrom: new Date(now.getTime() + time.DAY) });
        return { couponId: coupon.id, input };
      },
    },
    {
      code: "COUPON_NOT_VALID_NOW",
      why: "it expired yesterday",
      arrange: async () => {
        const { coupon, input } = await granted({ validFrom: new Date(now.getTime() - 9 * time.DAY), validUntil: new Date(now.getTime() - time.DAY) });
        return { couponId: coupon.id, input };
      },
    },
    {
      code: "COUNTER_MAY_NOT_CHECKIN",
      why: "the counter lacks the check-in & ticket permission",
      arrange: async () => {
        const { coupon, input } = await granted();
        return { couponId: coupon.id, input: { ...input, counterId: t.world.registrationCounter } };
      },
    },
    {
      code: "COUPON_USED_UP",
      why: "it was used as often as allowed",
      arrange: async () => {
        const { coupon, input } = await granted({ usageLimit: 1 });
        await useCoupon(t.db.prisma, input);
        return { couponId: coupon.id, input };
      },
    },
    {
      code: "CARD_BLOCKED",
      why: "the card is blocked",
      arrange: async () => {
        const { coupon, input, passholder } = await granted();
        await t.db.prisma.card.updateMany({ where: { passholderId: passholder.id }, data: { status: "BLOCKED" } });
        return { couponId: coupon.id, input };
      },
    },
    {
      code: "EVENT_NOT_FOUND",
      why: "the event is unknown",
      arrange: async () => {
        const { coupon, input } = await granted();
        return { couponId: coupon.id, input: { ...input, eventId: "00000000-0000-4000-8000-000000000000" } };
      },
    },
  ];

  it.each(cases)("refuses with $code when $why, and records no use", async ({ code, arrange }) => {
    const { couponId, input } = await arrange();
    const before = await usage(couponId);
    await expectRefusal(useCoupon(t.db.prisma, input), code);
    expect(await usage(couponId)).toEqual(before);
  });

  it("allows exactly the usage limit when a coupon is used at several counters at once", async () => {
    const { coupon, input } = await granted({ usageLimit: 3 });
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => useCoupon(t.db.prisma, input)));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(3);
    expect(refusalCodes(results)).toEqual(Array(5).fill("COUPON_USED_UP"));
    expect(await usage(coupon.id)).toEqual({ usedCount: 3, uses: 3 });
  });
});
