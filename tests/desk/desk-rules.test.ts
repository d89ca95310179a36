import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { get, type Browser } from "../server/http.js";
import { createCoupon } from "../core/coupons/builders.js";
import { INSZ_LOOKUPS_PER_QUARTER } from "../../portal/src/lib/desk/insz-lookups.js";
import { deskPost, follow, pageText } from "./desk-client.js";
import { openDeskWorld, type DeskRun } from "./desk-world.js";

type World = DeskRun["w"];

describe("the desk's rules for activities, coupons, INSZ lookups and the poster", () => {
  let db: DeskRun["db"];
  let w: World;
  let desk: DeskRun["desk"];
  const browser: Browser = { headers: { "user-agent": "Balietablet/2.0" } };
  const sporthal: Browser = {};

  let run: DeskRun;

  beforeAll(async () => {
    run = await openDeskWorld({ sociaalHuis: browser, sporthal });
    ({ db, w, desk } = run);
  });
  afterAll(() => run?.close());

  const act = (passholderId: string, fields: Record<string, string>) =>
    deskPost(desk.base, `/balie/pashouder/${passholderId}`, { counterId: String(w.world.authorisedCounter), ...fields }, browser);

  it("refuses points and a kansentarief for another counter's activity, even at the staff member's own counter", async () => {
    const before = { checkins: await db.prisma.checkin.count(), tickets: await db.prisma.ticketSale.count() };
    for (const actie of ["sparen", "tarief"]) {
      const refused = await act(w.mia.id, { actie, kaart: w.mia.cardNumber, eventId: w.otherEvent.id });
      expect(refused.status).toBe(409);
      expect(await pageText(refused)).toContain("Dit evenement is geen activiteit van deze balie.");
    }
    expect({ checkins: await db.prisma.checkin.count(), tickets: await db.prisma.ticketSale.count() }).toEqual(before);
  });

  it("grants a kansentarief with a coupon in one go, and refuses both when the coupon cannot be used", async () => {
    const coupon = await createCoupon(db.prisma, w.world, { name: "Gratis drankje", usageLimit: 1, validFrom: new Date(Date.now() - 86_400_000), validUntil: new Date(Date.now() + 30 * 86_400_000) });
    await db.prisma.couponGrant.create({ data: { couponId: coupon.id, passholderId: w.mia.id } });
    const granted = await act(w.mia.id, { actie: "tarief", kaart: w.mia.cardNumber, eventId: w.event.id, couponId: String(coupon.id) });
    const page = await follow(desk.base, granted, browser);
    expect(page).toContain("Kansentarief toegekend");
    expect(page).toContain("Coupon Gratis drankje (€ 3,50 korting) gebruikt; nog 0 keer te gebruiken.");
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "coupon.use" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ actor: "balie@sociaalhuis.test", userAgent: "Balietablet/2.0" });

    const tickets = await db.prisma.ticketSale.count();
    const usedUp = await act(w.mia.id, { actie: "tarief", kaart: w.mia.cardNumber, eventId: w.event.id, couponId: String(coupon.id) });
    expect(usedUp.status).toBe(409);
    const text = await pageText(usedUp);
    expect(text).toContain("Geen kansentarief toegekend");
    expect(text).toContain("Deze coupon werd al zo vaak gebruikt als toegestaan.");
    expect(await db.prisma.ticketSale.count()).toBe(tickets);
  });

  it("limits lookups by national register number per staff member", async () => {
    const lookup = () => deskPost(desk.base, "/balie", { actie: "zoeken", counterId: String(w.world.checkinCounter), kaart: "85.07.30-033.28" }, sporthal);
    for (let i = 0; i < INSZ_LOOKUPS_PER_QUARTER; i++) expect((await lookup()).status).not.toBe(429);
    const refused = await lookup();
    expect(refused.status).toBe(429);
    expect(await pageText(refused)).toContain("Te veel opzoekingen met een rijksregisternummer");
    // A card number still works, and another staff member is not held back.
    const byCard = await deskPost(desk.base, "/balie", { actie: "zoeken", counterId: String(w.world.checkinCounter), kaart: w.plain.cardNumber }, sporthal);
    expect(byCard.status).toBe(303);
    const other = await deskPost(desk.base, "/balie", { actie: "zoeken", counterId: String(w.world.authorisedCounter), kaart: "85.07.30-033.28" }, browser);
    expect(other.status).not.toBe(429);
  });

  it("prints the poster with a script of its own, as the desk's policy allows no inline script", async () => {
    const poster = await get(desk.base, `/balie/qr-spaarcode/${w.event.id}/affiche`, browser);
    expect(poster.headers.get("content-security-policy")).toMatch(/script-src 'self'(;|$)/);
    const html = await poster.text();
    expect(html).not.toContain("onclick");
    expect(html).toContain('<script src="afdrukken.js" defer></script>');
    const script = await get(desk.base, `/balie/qr-spaarcode/${w.event.id}/afdrukken.js`, browser);
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toMatch(/javascript/);
    expect(await script.text()).toContain("window.print()");
  });
});
