import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../../../core/access/actor.js";
import { couponGrantCounts, couponReach } from "../../../core/coupons/coupon-reach.js";
import type { StaffActor } from "../../../core/access/actor.js";
import { grantCouponToTarget } from "../../../core/coupons/grant-coupon-to-target.js";
import { databaseKinds, freshDatabase, type TestDatabase } from "../../helpers/databases.js";
import { createPassholder, createWorld, staffActor, time, type World } from "../../helpers/fixtures.js";
import { expectRefusal } from "../../helpers/refusal.js";
import { createOtherCardSystem } from "../advantages/builders.js";
import { coordinator, createCoupon, grantToTarget } from "./builders.js";

describe.each(databaseKinds)("granting a coupon to its target on %s", (kind) => {
  // Noon in Brussels on 15 June 2026: birthdays and kansenstatuut dates are compared with that day.
  const now = new Date("2026-06-15T10:00:00Z");
  // Half past midnight in Brussels on 15 June, still 14 June in UTC.
  const justAfterMidnight = new Date("2026-06-14T22:30:00Z");
  let db: TestDatabase;
  let world: World;
  let everyone: string[];
  let assenedeAdmin: StaffActor;
  const named: Record<string, string> = {};

  beforeAll(async () => {
    db = await freshDatabase(kind);
    world = await createWorld(db.prisma, now);
    assenedeAdmin = staffActor("MUNICIPAL_ADMIN", { email: "beheerder@assenede.be", municipalityId: world.assenede });
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

  it("grants to all passholders of the card system in batches, and on a second run only to newcomers", async () => {
    const coupon = await createCoupon(db.prisma, world, { target: "ALL" });
    expect(await couponReach(db.prisma, { couponId: coupon.id, actor: coordinator, at: now })).toMatchObject({ matched: everyone.length, alreadyGranted: 0, expired: false });

    const first = await grantCouponToTarget(db.prisma, { couponId: coupon.id, actor: coordinator, at: now, batchSize: 3 });
    expect(first).toMatchObject({ granted: 3, alreadyHad: 0, matched: everyone.length, done: false });
    expect(first.next).toMatch(/^[0-9a-f-]{36}$/);
    const rest = await grantToTarget(db.prisma, coupon.id, { at: now, batchSize: 3 });
    expect(rest).toEqual({ granted: everyone.length - 3, alreadyHad: 3, matched: everyone.length, batches: 3 });
    expect(await holders(coupon.id)).toEqual(Object.keys(named).sort());

    const newcomer = await createPassholder(db.prisma, world, { firstName: "nieuw" });
    expect(await couponReach(db.prisma, { couponId: coupon.id, actor: coordinator, at: now })).toMatchObject({ matched: everyone.length + 1, alreadyGranted: everyone.length });
    expect(await grantToTarget(db.prisma, coupon.id, { at: now })).toMatchObject({ granted: 1, alreadyHad: everyone.length, batches: 1 });
    expect(await db.prisma.couponGrant.count({ where: { couponId: coupon.id, passholderId: newcomer.id } })).toBe(1);
    named.newcomer = newcomer.id;
    everyone.push(newcomer.id);
  });

  it("grants ALL_MIA to passholders whose kansenstatuut is valid that day in Brussels, its end date included", async () => {
    const coupon = await createCoupon(db.prisma, world, { target: "ALL_MIA" });
    expect(await grantToTarget(db.prisma, coupon.id, { at: justAfterMidnight })).toMatchObject({ granted: 2, matched: 2 });
    expect(await holders(coupon.id)).toEqual(["mia", "miaEndsToday"]);
  });

  it("grants a segment by municipality", async () => {
    const coupon = await createCoupon(db.prisma, world, { target: "SEGMENT", segmentMunicipalityId: world.assenede });
    await grantToTarget(db.prisma, coupon.id, { at: now });
    expect(await holders(coupon.id)).toEqual(["adultAssenede", "teenAssenede"]);
  });

  it("counts an age from the birthday itself, in Brussels, both bounds included", async () => {
    const upToSeventeen = await createCoupon(db.prisma, world, { target: "SEGMENT", segmentMinAge: 12, segmentMaxAge: 17 });
    await grantToTarget(db.prisma, upToSeventeen.id, { at: justAfterMidnight });
    expect(await holders(upToSeventeen.id)).toEqual(["eighteenTomorrow", "teenAssenede"]);

    const fromEighteen = await createCoupon(db.prisma, world, { target: "SEGMENT", segmentMinAge: 18, segmentMaxAge: 18 });
    await grantToTarget(db.prisma, fromEighteen.id, { at: justAfterMidnight });
    expect(await holders(fromEighteen.id)).toEqual(["eighteenToday"]);
  });

  it("grants a segment by municipality and age together", async () => {
    const coupon = await createCoupon(db.prisma, world, { target: "SEGMENT", segmentMunicipalityId: world.assenede, segmentMinAge: 18 });
    await grantToTarget(db.prisma, coupon.id, { at: now });
    expect(await holders(coupon.id)).toEqual(["adultAssenede"]);
  });

  it("lets a municipal administrator grant only to passholders of their own municipality", async () => {
    const forAll = await createCoupon(db.prisma, world, { target: "ALL" });
    expect(await couponReach(db.prisma, { couponId: forAll.id, actor: assenedeAdmin, at: now })).toMatchObject({ matched: 2, coupon: { scope: { name: "Assenede" } } });
    expect(await grantToTarget(db.prisma, forAll.id, { at: now, actor: assenedeAdmin })).toMatchObject({ granted: 2, matched: 2 });
    expect(await holders(forAll.id)).toEqual(["adultAssenede", "teenAssenede"]);
    expect(await couponGrantCounts(db.prisma, [forAll.id], world.assenede)).toEqual(new Map([[forAll.id, 2]]));
    expect(await couponGrantCounts(db.prisma, [forAll.id], world.eeklo)).toEqual(new Map());

    const forEeklo = await createCoupon(db.prisma, world, { target: "SEGMENT", segmentMunicipalityId: world.eeklo });
    const refused = await expectRefusal(grantCouponToTarget(db.prisma, { couponId: forEeklo.id, actor: assenedeAdmin, at: now }), "NOT_ALLOWED");
    expect(refused.message).toBe("Deze coupon is voor pashouders van Eeklo: u kunt hem enkel toekennen aan pashouders van Assenede.");
    const staff = staffActor("COUNTER_STAFF", { email: "balie@eeklo.be", municipalityId: world.eeklo });
    await expectRefusal(grantCouponToTarget(db.prisma, { couponId: forAll.id, actor: staff, at: now }), "NOT_ALLOWED");
    await expectRefusal(couponReach(db.prisma, { couponId: forAll.id, actor: staff, at: now }), "NOT_ALLOWED");
    expect(await db.prisma.couponGrant.count({ where: { couponId: forEeklo.id } })).toBe(0);
  });

  it("writes an audit row for every batch: who, from where, how many", async () => {
    const coupon = await createCoupon(db.prisma, world, { target: "SEGMENT", segmentMunicipalityId: world.assenede });
    await grantCouponToTarget(db.prisma, { couponId: coupon.id, actor: assenedeAdmin, at: now, request: { ip: "192.0.2.7", userAgent: "Testbrowser" } });
    const audit = await db.prisma.auditLog.findMany({ where: { resource: "Coupon", recordId: String(coupon.id) } });
    expect(audit).toMatchObject([
      { actor: "beheerder@assenede.be", action: "coupon.grant", ip: "192.0.2.7", userAgent: "Testbrowser", changes: { granted: 2, alreadyHad: 0, matched: 2, municipality: "Assenede" } },
    ]);
  });

  it("refuses an unknown or expired coupon, and a batch that does not start at a passholder id", async () => {
    await expectRefusal(grantCouponToTarget(db.prisma, { couponId: 987_654, actor: coordinator, at: now }), "COUPON_NOT_FOUND");
    const expired = await createCoupon(db.prisma, world, { validFrom: new Date(now.getTime() - 60 * time.DAY), validUntil: new Date(now.getTime() - time.DAY) });
    const refused = await expectRefusal(grantCouponToTarget(db.prisma, { couponId: expired.id, actor: coordinator, at: now }), "COUPON_EXPIRED");
    expect(refused.message).toBe("Deze coupon is verlopen en kan niet meer toegekend worden.");
    expect(await couponReach(db.prisma, { couponId: expired.id, actor: coordinator, at: now })).toMatchObject({ expired: true });
    expect(await db.prisma.couponGrant.count({ where: { couponId: expired.id } })).toBe(0);
    const coupon = await createCoupon(db.prisma, world);
    await expectRefusal(grantCouponToTarget(db.prisma, { couponId: coupon.id, actor: coordinator, at: now, after: "'; DROP TABLE" }), "VALIDATION");
  });

  it("refuses an age range whose minimum exceeds its maximum, a negative age, a segment without a condition and segment fields on a coupon for all", async () => {
    const refusedBy = async (data: Parameters<typeof createCoupon>[2], constraint: string) =>
      expect(createCoupon(db.prisma, world, data)).rejects.toThrow(new RegExp(constraint));
    await refusedBy({ target: "SEGMENT", segmentMinAge: 18, segmentMaxAge: 12 }, "Coupon_segment_age_range");
    await refusedBy({ target: "SEGMENT", segmentMinAge: -1 }, "Coupon_segment_min_age_not_negative");
    await refusedBy({ target: "SEGMENT", segmentMaxAge: -3 }, "Coupon_segment_max_age_not_negative");
    await refusedBy({ target: "SEGMENT" }, "Coupon_segment_has_condition");
    await refusedBy({ target: "ALL_MIA", segmentMunicipalityId: world.eeklo }, "Coupon_segment_fields_only_for_segment");
    const valid = await createCoupon(db.prisma, world, { target: "SEGMENT", segmentMinAge: 12, segmentMaxAge: 12 });
    await expect(db.prisma.coupon.update({ where: { id: valid.id }, data: { segmentMaxAge: 11 } })).rejects.toThrow(/Coupon_segment_age_range/);
  });

  it("gives each passholder one grant when three runs go at once", async () => {
    const village = await db.prisma.municipality.create({ data: { cardSystemId: world.cardSystemId, name: "Kaprijke", joinedAt: now } });
    await db.prisma.passholder.createMany({
      data: Array.from({ length: 300 }, (_, index) => ({
        cardSystemId: world.cardSystemId,
        municipalityId: village.id,
        firstName: "Inwoner",
        lastName: `Kaprijke ${index}`,
        birthDate: new Date("1975-02-01"),
        postalCode: "9970",
        city: "Kaprijke",
      })),
    });
    const coupon = await createCoupon(db.prisma, world, { target: "SEGMENT", segmentMunicipalityId: village.id });
    const runs = await Promise.all([40, 70, 300].map((batchSize) => grantToTarget(db.prisma, coupon.id, { at: now, batchSize })));
    expect(runs.reduce((sum, run) => sum + run.granted, 0)).toBe(300);
    expect(runs.map((run) => run.granted + run.alreadyHad)).toEqual([300, 300, 300]);
    expect(await db.prisma.couponGrant.count({ where: { couponId: coupon.id } })).toBe(300);
  });
});
