import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grantCoupon } from "../../../core/coupons/grant-coupon.js";
import { databaseKinds, freshDatabase, type TestDatabase } from "../../helpers/databases.js";
import { createPassholder, createWorld, time, type World } from "../../helpers/fixtures.js";
import { expectRefusal } from "../../helpers/refusal.js";
import { createOtherCardSystem } from "../advantages/builders.js";
import { createCoupon } from "./builders.js";

describe.each(databaseKinds)("granting coupons on %s", (kind) => {
  // Noon in Brussels on 15 June 2026: birthdays and kansenstatuut dates are compared with that day.
  const now = new Date("2026-06-15T10:00:00Z");
  let db: TestDatabase;
  let world: World;
  let everyone: string[];
  const named: Record<string, string> = {};

  beforeAll(async () => {
    db = await freshDatabase(kind);
    world = await createWorld(db.prisma, now);
    const passholder = async (name: string, data: Parameters<typeof createPassholder>[2]) => {
      named[name] = (await createPassholder(db.prisma, world, { firstName: name, ...data })).id;
    };
    const assenede = { municipalityId: world.assenede, postalCode: "9960", city: "Assenede" };
    await passholder("mia", { kansenstatuutStart: new Date("2026-01-01"), kansenstatuutEnd: new Date("2027-04-30") });
    await passholder("miaEndsToday", { kansenstatuutStart: new Date("2025-06-01"), kansenstatuutEnd: new Date("2026-06-15") });
    await passholder("miaExpired", { kansenstatuutStart: new Date("2025-01-01"), kansenstatuutEnd: new Date("2026-06-14") });
    await passholder("miaFromNextMonth", { kansenstatuutStart: new Date("2026-07-01"), kansenstatuutEnd: new Date("2027-04-30") });
    await passholder("teenAssenede", { ...assenede, birthDate: new Date("2010-01-20") });
    await passholder("eighteenTomorrow", { birthDate: new Date("2008-06-16") });
    await passholder("eighteenToday", { birthDate: new Date("2008-06-15") });
    await passholder("adultAssenede", { ...assenede, birthDate: new Date("1980-03-03") });
    everyone = Object.values(named);
    const elsewhere = await createOtherCardSystem(db.prisma, now);
    await db.prisma.passholder.create({
      data: {
        cardSystemId: elsewhere.cardSystemId,
        municipalityId: elsewhere.municipalityId,
        firstName: "Elders",
        lastName: "Pashouder",
        birthDate: new Date("2000-01-01"),
        postalCode: "1000",
        city: "Elders",
      },
    });
  });
  afterAll(() => db.dispose());

  const holders = async (couponId: number) =>
    (await db.prisma.couponGrant.findMany({ where: { couponId }, select: { passholderId: true } }))
      .map((grant) => Object.keys(named).find((name) => named[name] === grant.passholderId) ?? "stranger")
      .sort();

  it("grants to all passholders of the card system, and only once however often it runs", async () => {
    const coupon = await createCoupon(db.prisma, world, { target: "ALL" });
    expect(await grantCoupon(db.prisma, { couponId: coupon.id, at: now })).toEqual({ granted: everyone.length });
    expect(await grantCoupon(db.prisma, { couponId: coupon.id, at: now })).toEqual({ granted: 0 });
    expect(await holders(coupon.id)).toEqual(Object.keys(named).sort());

    const newcomer = await createPassholder(db.prisma, world, { firstName: "nieuw" });
    expect(await grantCoupon(db.prisma, { couponId: coupon.id, at: now })).toEqual({ granted: 1 });
    expect(await db.prisma.couponGrant.count({ where: { couponId: coupon.id, passholderId: newcomer.id } })).toBe(1);
  });

  it("grants ALL_MIA to passholders whose kansenstatuut is valid that day", async () => {
    const coupon = await createCoupon(db.prisma, world, { target: "ALL_MIA" });
    expect(await grantCoupon(db.prisma, { couponId: coupon.id, at: now })).toEqual({ granted: 2 });
    expect(await holders(coupon.id)).toEqual(["mia", "miaEndsToday"]);
  });

  it("grants a segment by municipality", async () => {
    const coupon = await createCoupon(db.prisma, world, { target: "SEGMENT", segmentMunicipalityId: world.assenede });
    await grantCoupon(db.prisma, { couponId: coupon.id, at: now });
    expect(await holders(coupon.id)).toEqual(["adultAssenede", "teenAssenede"]);
  });

  it("grants a segment by age on that day, both bounds included", async () => {
    const coupon = await createCoupon(db.prisma, world, { target: "SEGMENT", segmentMinAge: 12, segmentMaxAge: 17 });
    await grantCoupon(db.prisma, { couponId: coupon.id, at: now });
    expect(await holders(coupon.id)).toEqual(["eighteenTomorrow", "teenAssenede"]);
  });

  it("grants a segment by municipality and age together", async () => {
    const coupon = await createCoupon(db.prisma, world, { target: "SEGMENT", segmentMunicipalityId: world.assenede, segmentMinAge: 18 });
    await grantCoupon(db.prisma, { couponId: coupon.id, at: now });
    expect(await holders(coupon.id)).toEqual(["adultAssenede"]);
  });

  it("refuses an unknown or expired coupon", async () => {
    await expectRefusal(grantCoupon(db.prisma, { couponId: 987_654, at: now }), "COUPON_NOT_FOUND");
    const expired = await createCoupon(db.prisma, world, { validFrom: new Date(now.getTime() - 60 * time.DAY), validUntil: new Date(now.getTime() - time.DAY) });
    await expectRefusal(grantCoupon(db.prisma, { couponId: expired.id, at: now }), "COUPON_NOT_VALID_NOW");
    expect(await db.prisma.couponGrant.count({ where: { couponId: expired.id } })).toBe(0);
  });
});
