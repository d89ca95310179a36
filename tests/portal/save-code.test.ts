import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signSaveCode } from "../../core/savecodes/save-code.js";
import { databaseKinds } from "../helpers/databases.js";
import { createEvent, createPassholder, time, worldOn } from "../helpers/fixtures.js";
import { get, type Browser } from "../server/http.js";
import { allowedBeforeRefusal, mailedLinkPath, SECRETS, servePortal, signIn, submit, type Portal } from "./portal-client.js";

describe.each(databaseKinds)("saving a point with a QR save-code in the portal (%s)", (kind) => {
  const context = worldOn(kind);
  let portal: Portal;
  let ip = 0;
  beforeAll(async () => {
    portal = await servePortal(context.db);
  });
  afterAll(async () => {
    await portal?.close();
  });

  // The server saves at its own clock: these events are placed around the real now.
  const eventAround = (startOffset: number, endOffset: number, extra: { points?: number } = {}) =>
    createEvent(context.db.prisma, context.world, { startsAt: new Date(Date.now() + startOffset), endsAt: new Date(Date.now() + endOffset), ...extra });
  const codeOf = (event: { id: string; saveCodeVersion: number }) => signSaveCode(SECRETS.QR_SECRET, { eventId: event.id, version: event.saveCodeVersion });
  const signedIn = async (points = 0) => {
    ip += 1;
    const passholder = await createPassholder(context.db.prisma, context.world, { email: `spaarder${ip}@example.be`, points: 0 });
    if (points) await context.db.prisma.passholder.update({ where: { id: passholder.id }, data: { points } });
    return { passholder, browser: await signIn(portal, passholder.email!, {}, `10.9.0.${ip}`) };
  };
  const open = async (path: string, browser: Browser) => {
    const response = await get(portal.base, path, browser);
    return { status: response.status, html: await response.text() };
  };

  it("saves the point when the code's address is opened, then says it was already saved today", async () => {
    const event = await eventAround(-time.HOUR, 2 * time.HOUR, { points: 2 });
    const { browser } = await signedIn();
    const first = await open(`/sparen/${codeOf(event)}`, browser);
    expect(first.status).toBe(200);
    expect(first.html).toContain("+2 punten gespaard");
    expect(first.html).toContain(`Je spaarde 2 punten bij ${event.name}. Je nieuwe saldo: 2 punten.`);

    const again = await open(`/sparen/${codeOf(event)}`, browser);
    expect(again.status).toBe(409);
    expect(again.html).toContain("Je hebt vandaag al gespaard voor deze activiteit.");
    expect((await open("/punten", browser)).html).toMatch(/Je saldo: <strong>2 punten<\/strong>[\s\S]*Gespaard<\/span> \S*\s*Voorstelling/);
  });

  it("saves with a code typed on the scanner page, whole address or code alone", async () => {
    const first = await eventAround(-time.HOUR, time.HOUR);
    const second = await eventAround(-time.HOUR, time.HOUR);
    const { browser } = await signedIn();
    const byAddress = await submit(portal.base, "/sparen", { code: `https://uitpas.example/sparen/${codeOf(first)}` }, browser);
    expect(byAddress.status).toBe(200);
    expect(await byAddress.text()).toContain("Je nieuwe saldo: 1 punt.");
    const byCode = await submit(portal.base, "/sparen", { code: codeOf(second) }, browser);
    expect(await byCode.text()).toContain("Je nieuwe saldo: 2 punten.");
  });

  it("says when the event is not open for saving now", async () => {
    const later = await eventAround(3 * time.DAY, 3 * time.DAY + 2 * time.HOUR);
    const { browser } = await signedIn();
    const result = await open(`/sparen/${codeOf(later)}`, browser);
    expect(result.status).toBe(409);
    expect(result.html).toContain("Deze activiteit is nu niet open om te sparen.");
  });

  it("refuses a blocked card with its message", async () => {
    const event = await eventAround(-time.HOUR, time.HOUR);
    const { passholder, browser } = await signedIn();
    await context.db.prisma.card.update({ where: { number: passholder.cardNumber }, data: { status: "BLOCKED", blockedAt: new Date(), blockReason: "verloren" } });
    const result = await open(`/sparen/${codeOf(event)}`, browser);
    expect(result.status).toBe(409);
    expect(result.html).toContain("Je kaart is geblokkeerd");
    expect(await context.db.prisma.checkin.count({ where: { passholderId: passholder.id } })).toBe(0);
  });

  it("refuses forged, altered and expired codes", async () => {
    const { browser } = await signedIn();
    const event = await eventAround(-time.HOUR, time.HOUR);
    const code = codeOf(event);
    const forged = await open(`/sparen/${signSaveCode("x".repeat(40), { eventId: event.id, version: 1 })}`, browser);
    expect(forged.status).toBe(400);
    expect(forged.html).toContain("Deze QR-code is geen geldige spaarcode.");
    expect((await open(`/sparen/${code.slice(0, -1)}${code.endsWith("A") ? "B" : "A"}`, browser)).status).toBe(400);
    expect((await open("/sparen/kort", browser)).status).toBe(400);

    const over = await eventAround(-3 * time.DAY, -3 * time.DAY + time.HOUR);
    const expired = await open(`/sparen/${codeOf(over)}`, browser);
    expect(expired.status).toBe(410);
    expect(expired.html).toContain("Deze spaarcode is verlopen");
    await context.db.prisma.event.update({ where: { id: event.id }, data: { saveCodeVersion: 2 } });
    expect((await open(`/sparen/${code}`, browser)).status).toBe(410);
  });

  it("asks to sign in first, then saves the point right after signing in", async () => {
    const event = await eventAround(-time.HOUR, time.HOUR);
    const passholder = await createPassholder(context.db.prisma, context.world, { email: "later@example.be" });
    const browser: Browser = { headers: { "x-forwarded-for": "10.8.0.1" } };
    const path = `/sparen/${codeOf(event)}`;
    const asked = await get(portal.base, path, browser);
    expect(asked.status).toBe(303);
    expect(asked.headers.get("location")).toBe(`/aanmelden?terug=${encodeURIComponent(path)}`);
    await submit(portal.base, asked.headers.get("location")!, { email: "later@example.be", terug: path }, browser, "/aanmelden");
    const signedInResponse = await submit(portal.base, await mailedLinkPath(portal, "later@example.be"), {}, browser);
    expect(signedInResponse.headers.get("location")).toBe(path);
    expect((await open(path, browser)).html).toContain("Je nieuwe saldo: 1 punt.");
    expect((await context.db.prisma.passholder.findUniqueOrThrow({ where: { id: passholder.id } })).points).toBe(1);
  });

  it("limits scans per passholder", async () => {
    const { browser } = await signedIn();
    expect(await allowedBeforeRefusal(30, () => get(portal.base, "/sparen/ongeldig", browser))).toBeGreaterThanOrEqual(30);
  });
});
