import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../../core/access/actor.js";
import { checkIn } from "../../core/checkins/check-in.js";
import { databaseKinds } from "../helpers/databases.js";
import { createAdvantage, createEvent, createPassholder, time, worldOn } from "../helpers/fixtures.js";
import { get, type Browser } from "../server/http.js";
import { servePortal, signIn, submit, type Portal } from "./portal-client.js";

describe.each(databaseKinds)("the passholder's pages (%s)", (kind) => {
  const context = worldOn(kind);
  let portal: Portal;
  let browser: Browser;
  let passholder: Awaited<ReturnType<typeof createPassholder>>;

  beforeAll(async () => {
    portal = await servePortal(context.db);
    const { prisma } = context.db;
    passholder = await createPassholder(prisma, context.world, { email: "pagina@example.be" });
    // Six points saved at a counter yesterday.
    const event = await createEvent(prisma, context.world, { name: "Toneel in het cultuurcentrum", points: 6 });
    await checkIn(prisma, { eventId: event.id, cardNumber: passholder.cardNumber, channel: "COUNTER", counterId: context.world.checkinCounter, at: context.world.now, actor: systemActor("balie") });
    browser = await signIn(portal, "pagina@example.be");
  });
  afterAll(async () => {
    await portal?.close();
  });

  const html = async (path: string) => {
    const response = await get(portal.base, path, browser);
    expect(response.status, path).toBe(200);
    return response.text();
  };

  it("shows the balance and the history with date, event and counter", async () => {
    const page = await html("/punten");
    expect(page).toContain("Je saldo: <strong>6 punten</strong>");
    expect(page).toContain("Toneel in het cultuurcentrum");
    const counter = await context.db.prisma.counter.findUniqueOrThrow({ where: { id: context.world.checkinCounter } });
    expect(page).toMatch(new RegExp(`<time datetime="[^"]+">[^<]+</time> · ${counter.name}`));
    expect(page).toContain("+6 punten");
  });

  it("says there is no older history past its end, not that no points were saved", async () => {
    const past = await html(`/punten?voor=${encodeURIComponent(`2000-01-01T00:00:00.000Z_${passholder.id}`)}`);
    expect(past).toContain("Er is geen oudere historiek.");
    expect(past).toContain('<a href="/punten">Naar je recente historiek</a>');
    expect(past).not.toContain("Je hebt nog geen punten gespaard");
    expect(past).toContain("Je saldo: <strong>6 punten</strong>");
  });

  it("lists what the passholder can get now and why not the others, and exchanges online once with a unique code", async () => {
    const { prisma } = context.db;
    const online = await createAdvantage(prisma, context.world, { title: "Gratis e-book", points: 4, onlineExchange: true, onlineUrl: "https://boeken.example/inwisselen", usesUniqueCodes: true });
    await prisma.advantageCode.createMany({ data: [{ advantageId: online.id, code: "BOEK-0001" }, { advantageId: online.id, code: "BOEK-0002" }] });
    await createAdvantage(prisma, context.world, { title: "Zwembeurt", points: 50 });
    await createAdvantage(prisma, context.world, { title: "Zomerkamp", points: 1, exchangeStart: new Date(Date.now() + 30 * time.DAY) });

    const before = await html("/voordelen");
    const available = before.slice(before.indexOf("Nu voor jou"), before.indexOf("Nog niet voor jou"));
    const notYet = before.slice(before.indexOf("Nog niet voor jou"), before.indexOf("Mijn omgeruilde voordelen"));
    expect(available).toContain("Gratis e-book");
    expect(available).toContain("Online omruilen voor 4 punten");
    expect(notYet).toContain("Zwembeurt");
    expect(notYet).toContain("Je hebt nog niet genoeg punten: nodig 50 punten, je hebt er 6.");
    expect(notYet).toContain("Omruilen kan pas vanaf");

    const exchanged = await submit(portal.base, "/voordelen", { advantageId: String(online.id) }, browser);
    expect(exchanged.status).toBe(303);
    const result = await html(exchanged.headers.get("location")!);
    expect(result).toContain("Omgeruild: Gratis e-book");
    expect(result).toContain("BOEK-0001");
    expect(result).toContain('href="https://boeken.example/inwisselen"');
    expect(result).toContain("Je saldo: <strong>2 punten</strong>");
    // Reloading the result exchanges nothing more; the code stays in the history.
    await html(exchanged.headers.get("location")!);
    expect((await prisma.passholder.findUniqueOrThrow({ where: { id: passholder.id } })).points).toBe(2);
    expect(await prisma.redemption.count({ where: { passholderId: passholder.id } })).toBe(1);
    expect((await html("/voordelen")).split("BOEK-0001").length - 1).toBe(1);
    expect(await html("/punten")).toContain("−4 punten");

    const refused = await submit(portal.base, "/voordelen", { advantageId: String(online.id) }, browser);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("Niet genoeg punten: dit voordeel kost 4 punten, het saldo is 2.");
  });

  it("never shows another passholder's exchange", async () => {
    const other = await createPassholder(context.db.prisma, context.world, { email: "ander@example.be" });
    const advantage = await createAdvantage(context.db.prisma, context.world, { title: "Geheim voordeel", points: 0, onlineExchange: true });
    const { redeemAdvantage } = await import("../../core/advantages/redeem-advantage.js");
    const { redemption } = await redeemAdvantage(context.db.prisma, { advantageId: advantage.id, passholderId: other.id, channel: "ONLINE", actor: systemActor("test") });
    expect(await html(`/voordelen?omgeruild=${redemption.id}`)).not.toContain("Omgeruild: Geheim voordeel");
  });

  it("shows the passholder's own birth date and kansenstatuut as the days registered, without a time", async () => {
    await context.db.prisma.passholder.update({
      where: { id: passholder.id },
      data: { birthDate: new Date("1990-05-14T00:00:00Z"), kansenstatuutStart: new Date("2026-05-01T00:00:00Z"), kansenstatuutEnd: new Date("2099-04-30T00:00:00Z") },
    });
    const page = await html("/kaart");
    expect(page).toMatch(/data-testid="own-birth-date"[^>]*>14\/05\/1990</);
    expect(page).toMatch(/data-testid="own-kansenstatuut"[^>]*>geldig tot en met 30\/04\/2099</);
    await context.db.prisma.passholder.update({ where: { id: passholder.id }, data: { kansenstatuutEnd: new Date("2020-04-30T00:00:00Z") } });
    expect(await html("/kaart")).toMatch(/data-testid="own-kansenstatuut"[^>]*>verlopen op 30\/04\/2020</);
  });

  it("shows the card as a QR code a counter can scan, and a blocked card as blocked", async () => {
    const page = await html("/kaart");
    expect(page).toContain("Actief");
    expect(page).toMatch(/<svg[^>]*viewBox/);
    expect(page).toContain(passholder.cardNumber.replace(/^(\d{4})(\d{4})(\d{5})$/, "$1 $2 $3"));
    await context.db.prisma.card.update({ where: { number: passholder.cardNumber }, data: { status: "BLOCKED", blockedAt: new Date() } });
    const blocked = await html("/kaart");
    expect(blocked).toContain("Geblokkeerd");
    expect(blocked).not.toMatch(/<svg/);
    await context.db.prisma.card.update({ where: { number: passholder.cardNumber }, data: { status: "ACTIVE", blockedAt: null } });
  });

  it("sends visitors who are not signed in to the sign-in page, and back afterwards", async () => {
    for (const path of ["/punten", "/voordelen", "/kaart", "/sparen"]) {
      const response = await get(portal.base, path);
      expect(response.status, path).toBe(303);
      expect(response.headers.get("location")).toBe(`/aanmelden?terug=${encodeURIComponent(path)}`);
    }
  });

  it("makes each tile of the home page a link to its page, signed in or not", async () => {
    const home = await (await get(portal.base, "/")).text();
    for (const [path, title] of [["/punten", "Mijn punten"], ["/voordelen", "Voordelen"], ["/kaart", "Mijn kaart"], ["/sparen", "Sparen met QR-code"]]) {
      expect(home).toMatch(new RegExp(`<li class="card card-link"><h3><a href="${path}">${title}</a></h3>`));
    }
  });

  it("puts the focus on the field a refused form is about", async () => {
    const visitor: Browser = { headers: { "x-forwarded-for": "10.6.0.1" } };
    const refused = await submit(portal.base, "/kaart-koppelen", { cardNumber: "1234", birthDate: "1990-05-14", email: "koppel@example.be" }, visitor);
    expect(refused.status).toBe(400);
    const page = await refused.text();
    expect(page).toMatch(/<input id="cardNumber"[^>]*aria-invalid="true"[^>]*autofocus/);
    expect(page.match(/autofocus/g)).toHaveLength(1);
  });

  it("gives the scanner page, and only that page, a policy that lets the camera preview and html5-qrcode's styles in", async () => {
    const scanner = await get(portal.base, "/sparen", browser);
    expect(scanner.headers.get("content-security-policy")).toContain("media-src 'self' blob:");
    expect(await scanner.text()).toMatch(/<script type="module" src="\/_astro\/[^"]+\.js">/);
    const points = await get(portal.base, "/punten", browser);
    expect(points.headers.get("content-security-policy")).not.toContain("unsafe-inline");
  });
});
