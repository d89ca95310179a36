import type { Prisma } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccounts } from "../../seeds/demo-accounts.js";
import { couponActions } from "../../admin/actions/coupon-grant.js";
import { signedInDemo, type ApiAnswer, type DemoBackoffice } from "./access-setup.js";
import { adminLogin, type Browser } from "./http.js";

const API = "/admin/api/resources/Coupon";
const DAY = 86_400_000;

describe("Coupons → Toekennen in the backoffice", () => {
  let app: DemoBackoffice;
  let coordinator: Browser;
  let eeklo: Browser;

  beforeAll(async () => ({ app, coordinator, eeklo } = await signedInDemo()));
  afterAll(async () => app?.close());

  const coupon = async (data: Partial<Prisma.CouponUncheckedCreateInput> = {}) => {
    const cardSystem = await app.db.prisma.cardSystem.findFirstOrThrow();
    return app.db.prisma.coupon.create({
      data: { cardSystemId: cardSystem.id, name: "Zomercoupon", validFrom: new Date(Date.now() - DAY), validUntil: new Date(Date.now() + 30 * DAY), ...data },
    });
  };
  const reachOf = (answer: ApiAnswer) => (answer.body as { reach?: Record<string, unknown> }).reach;
  const progressOf = (answer: ApiAnswer) => (answer.body as { progress?: Record<string, unknown> }).progress;
  const residents = (municipalityId: number) => app.db.prisma.passholder.count({ where: { municipalityId } });

  it("shows whom a coupon for Eeklo reaches, grants it to all of them once, and counts the grants", async () => {
    const forEeklo = await coupon({ target: "SEGMENT", segmentMunicipalityId: app.eeklo });
    const inEeklo = await residents(app.eeklo);
    expect(inEeklo).toBeGreaterThan(0);

    const before = await app.getJson(coordinator, `${API}/records/${forEeklo.id}/grantCoupon`);
    expect(reachOf(before)).toEqual({ target: "SEGMENT", segmentMunicipality: "Eeklo", segmentMinAge: null, segmentMaxAge: null, scope: null, matched: inEeklo, alreadyGranted: 0, expired: false });

    const first = await app.postJson(coordinator, `${API}/records/${forEeklo.id}/grantCoupon`, { after: "" });
    expect(progressOf(first)).toEqual({ granted: inEeklo, alreadyHad: 0, matched: inEeklo, next: null, done: true });
    const again = await app.postJson(coordinator, `${API}/records/${forEeklo.id}/grantCoupon`, { after: "" });
    expect(progressOf(again)).toMatchObject({ granted: 0, alreadyHad: inEeklo, done: true });
    expect(await app.db.prisma.couponGrant.count({ where: { couponId: forEeklo.id } })).toBe(inEeklo);
    expect(await app.db.prisma.couponGrant.count({ where: { couponId: forEeklo.id, passholder: { municipalityId: { not: app.eeklo } } } })).toBe(0);

    const audit = await app.db.prisma.auditLog.findMany({ where: { resource: "Coupon", recordId: String(forEeklo.id), action: "coupon.grant" }, orderBy: { at: "asc" } });
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ actor: "coordinator@uitpas-meetjesland.test", changes: { granted: inEeklo, alreadyHad: 0 } });
    expect(audit[0]!.ip).toBeTruthy();

    const shown = await app.getJson(coordinator, `${API}/records/${forEeklo.id}/show`);
    expect(shown.body.record?.params.grantCount).toBe(inEeklo);
    const listed = await app.getJson(coordinator, `${API}/actions/list?filters.name=Zomercoupon&perPage=50`);
    expect(listed.body.records?.find((record) => record.params.id === forEeklo.id)?.params.grantCount).toBe(inEeklo);
  });

  it("lets Eeklo's administrator grant a coupon for all only to Eeklo's passholders, and not one meant for Assenede", async () => {
    const forAll = await coupon({ target: "ALL" });
    const inEeklo = await residents(app.eeklo);
    const reach = await app.getJson(eeklo, `${API}/records/${forAll.id}/grantCoupon`);
    expect(reachOf(reach)).toMatchObject({ target: "ALL", scope: "Eeklo", matched: inEeklo, alreadyGranted: 0 });
    const granted = await app.postJson(eeklo, `${API}/records/${forAll.id}/grantCoupon`, {});
    expect(progressOf(granted)).toMatchObject({ granted: inEeklo, done: true });
    expect(await app.db.prisma.couponGrant.count({ where: { couponId: forAll.id } })).toBe(inEeklo);
    // The count a municipal administrator sees is that of their own passholders; the coordinator sees all.
    await app.db.prisma.couponGrant.create({ data: { couponId: forAll.id, passholderId: (await app.db.prisma.passholder.findFirstOrThrow({ where: { municipalityId: { not: app.eeklo } } })).id } });
    expect((await app.getJson(eeklo, `${API}/records/${forAll.id}/show`)).body.record?.params.grantCount).toBe(inEeklo);
    expect((await app.getJson(coordinator, `${API}/records/${forAll.id}/show`)).body.record?.params.grantCount).toBe(inEeklo + 1);

    const forAssenede = await coupon({ target: "SEGMENT", segmentMunicipalityId: app.assenede });
    const refused = await app.postJson(eeklo, `${API}/records/${forAssenede.id}/grantCoupon`, {});
    expect(refused.body.notice).toEqual({ type: "error", message: "Deze coupon is voor pashouders van Assenede: u kunt hem enkel toekennen aan pashouders van Eeklo." });
    expect(await app.db.prisma.couponGrant.count({ where: { couponId: forAssenede.id } })).toBe(0);
  });

  it("refuses an expired coupon in Dutch", async () => {
    const expired = await coupon({ validFrom: new Date(Date.now() - 60 * DAY), validUntil: new Date(Date.now() - DAY) });
    expect(reachOf(await app.getJson(coordinator, `${API}/records/${expired.id}/grantCoupon`))).toMatchObject({ expired: true });
    const refused = await app.postJson(coordinator, `${API}/records/${expired.id}/grantCoupon`, {});
    expect(refused.body.notice).toEqual({ type: "error", message: "Deze coupon is verlopen en kan niet meer toegekend worden." });
    expect(await app.db.prisma.couponGrant.count({ where: { couponId: expired.id } })).toBe(0);
  });

  it("refuses counter staff and a request without a session", async () => {
    const forAll = await coupon({ target: "ALL" });
    const staffAccount = demoAccounts.find((account) => account.role === "COUNTER_STAFF")!;
    const staff: Browser = {};
    expect((await adminLogin(app.base, staffAccount.email, staffAccount.password, staff)).status).not.toBe(302);
    for (const browser of [staff, {}]) {
      const refused = await app.postJson(browser, `${API}/records/${forAll.id}/grantCoupon`, {});
      expect(progressOf(refused)).toBeUndefined();
    }
    const { grantCoupon } = couponActions(app.db.prisma);
    const accessible = grantCoupon.isAccessible as (context: never) => boolean;
    expect(accessible({ currentAdmin: { email: staffAccount.email, role: "COUNTER_STAFF" } } as never)).toBe(false);
    expect(accessible({ currentAdmin: undefined } as never)).toBe(false);
    expect(await app.db.prisma.couponGrant.count({ where: { couponId: forAll.id } })).toBe(0);
  });

  it("refuses, on the field, an age range whose minimum exceeds its maximum and a target that does not fit its segment", async () => {
    const forTeens = await coupon({ target: "SEGMENT", segmentMinAge: 12, segmentMaxAge: 18 });
    const edit = (fields: Record<string, string>) => app.postJson(coordinator, `${API}/records/${forTeens.id}/edit`, fields);
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ segmentMinAge: "20", segmentMaxAge: "12" }, "segmentMinAge", "De minimumleeftijd mag niet hoger zijn dan de maximumleeftijd."],
      [{ segmentMinAge: "-1" }, "segmentMinAge", "De minimumleeftijd mag niet negatief zijn."],
      [{ segmentMinAge: "", segmentMaxAge: "", segmentMunicipality: "" }, "target", 'Een segment heeft een gemeente en/of een minimum- of maximumleeftijd nodig. Is de coupon voor iedereen, kies dan "Alle pashouders".'],
      [{ target: "ALL_MIA" }, "target", 'Een gemeente of leeftijd geldt enkel bij de doelgroep "Segment (gemeente en/of leeftijd)": kies die doelgroep, of maak de segmentvelden leeg.'],
    ];
    for (const [fields, field, message] of cases) {
      const refused = await edit(fields);
      expect(refused.status, JSON.stringify(fields)).toBe(200);
      expect(refused.body.record?.errors?.[field]?.message, JSON.stringify(fields)).toBe(message);
    }
    expect(await app.db.prisma.coupon.findUniqueOrThrow({ where: { id: forTeens.id } })).toMatchObject({ target: "SEGMENT", segmentMinAge: 12, segmentMaxAge: 18 });
    const saved = await edit({ segmentMinAge: "16", segmentMaxAge: "16" });
    expect(saved.body.notice?.type).toBe("success");
    // An emptied age field means no bound ("16 jaar of ouder"), not a word where a number belongs.
    const openEnded = await edit({ segmentMaxAge: "" });
    expect(openEnded.body.notice?.type).toBe("success");
    expect(await app.db.prisma.coupon.findUniqueOrThrow({ where: { id: forTeens.id } })).toMatchObject({ segmentMinAge: 16, segmentMaxAge: null });
  });
});
