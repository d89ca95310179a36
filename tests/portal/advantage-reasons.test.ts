import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../../core/access/actor.js";
import { nextPeriodStart } from "../../core/advantages/limit-period.js";
import { redeemAdvantage } from "../../core/advantages/redeem-advantage.js";
import { databaseKinds } from "../helpers/databases.js";
import { createAdvantage, createPassholder, worldOn } from "../helpers/fixtures.js";
import { givePoints } from "../core/advantages/builders.js";
import { get, type Browser } from "../server/http.js";
import { servePortal, signIn, type Portal } from "./portal-client.js";

describe.each(databaseKinds)("why an advantage is not for the passholder now, on Voordelen (%s)", (kind) => {
  const context = worldOn(kind);
  let portal: Portal;
  let n = 0;
  beforeAll(async () => {
    portal = await servePortal(context.db);
  });
  afterAll(async () => {
    await portal?.close();
  });

  const signedIn = async (points: number) => {
    n += 1;
    const passholder = await createPassholder(context.db.prisma, context.world, { email: `voordeel${n}@example.be` });
    await givePoints(context.db.prisma, passholder.id, points);
    return { passholder, browser: await signIn(portal, passholder.email!, {}, `10.7.0.${n}`) };
  };
  const sections = async (browser: Browser) => {
    const response = await get(portal.base, "/voordelen", browser);
    expect(response.status).toBe(200);
    const html = await response.text();
    return {
      html,
      now: html.slice(html.indexOf("Nu voor jou"), html.indexOf("Nog niet voor jou")),
      notYet: html.slice(html.indexOf("Nog niet voor jou"), html.indexOf("Mijn omgeruilde voordelen")),
    };
  };

  it("offers nothing to a blocked card, and says why", async () => {
    const { passholder, browser } = await signedIn(20);
    await createAdvantage(context.db.prisma, context.world, { title: "Gratis zwembeurt", points: 2 });
    expect((await sections(browser)).now).toContain("Gratis zwembeurt");

    await context.db.prisma.card.update({ where: { number: passholder.cardNumber }, data: { status: "BLOCKED", blockedAt: new Date(), blockReason: "verloren" } });
    const { html, now, notYet } = await sections(browser);
    expect(now).not.toContain("Gratis zwembeurt");
    expect(now).not.toContain("toon er je kaart");
    expect(now).toContain("Er zijn nu geen voordelen die je kan krijgen.");
    expect(notYet).toContain("Gratis zwembeurt");
    expect(notYet).toContain("Niet met een geblokkeerde kaart.");
    expect(html).toContain("Je kaart is geblokkeerd: met een geblokkeerde kaart krijg je geen voordelen.");
  });

  it("says a sold-out advantage is sold out, also when the points fall short", async () => {
    const { browser } = await signedIn(1);
    await createAdvantage(context.db.prisma, context.world, { title: "Laatste tickets", points: 5, unitsAvailable: 10, redeemedCount: 10 });
    const { notYet } = await sections(browser);
    const card = notYet.slice(notYet.indexOf("Laatste tickets"));
    expect(card.slice(0, card.indexOf("</li>"))).toContain("Dit voordeel is uitverkocht.");
    expect(card.slice(0, card.indexOf("</li>"))).not.toContain("niet genoeg punten");
  });

  it("says from which day a weekly or monthly limit allows the advantage again", async () => {
    const { passholder, browser } = await signedIn(20);
    const weekly = await createAdvantage(context.db.prisma, context.world, { title: "Koffie per week", points: 1, perUserLimit: 1, perUserLimitPeriod: "WEEK", onlineExchange: true });
    const monthly = await createAdvantage(context.db.prisma, context.world, { title: "Boek per maand", points: 1, perUserLimit: 1, perUserLimitPeriod: "MONTH", onlineExchange: true });
    for (const advantage of [weekly, monthly]) {
      await redeemAdvantage(context.db.prisma, { advantageId: advantage.id, passholderId: passholder.id, channel: "ONLINE", actor: systemActor("test") });
    }
    const { notYet } = await sections(browser);
    const dmy = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
    const monday = nextPeriodStart("WEEK", new Date())!;
    const firstOfMonth = nextPeriodStart("MONTH", new Date())!;
    expect(notYet).toContain(`Je kreeg dit voordeel deze week al zo vaak als mag. Opnieuw mogelijk vanaf maandag ${dmy(monday)}.`);
    expect(notYet).toMatch(new RegExp(`Je kreeg dit voordeel deze maand al zo vaak als mag\\. Opnieuw mogelijk vanaf \\p{L}+dag ${dmy(firstOfMonth)}\\.`, "u"));
    expect(firstOfMonth.endsWith("-01")).toBe(true);
  });
});
