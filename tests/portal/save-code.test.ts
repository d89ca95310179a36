import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { formatManualCode } from "../../core/savecodes/manual-code.js";
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

  it("sends a scan's statements over the database driver itself, also from the built portal's copy of core", async () => {
    const event = await eventAround(-time.HOUR, time.HOUR);
    const { browser } = await signedIn();
    const throughOrm = vi.spyOn(context.db.prisma, "$queryRawUnsafe");
    try {
      const page = await open(`/sparen/${codeOf(event)}`, browser);
      expect(throughOrm).not.toHaveBeenCalled();
      expect(page.html).toContain("Je nieuwe saldo: 1 punt.");
    } finally {
      throughOrm.mockRestore();
    }
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

  it("saves with the code to type under the QR code, in small letters, capitals, with or without dash", async () => {
    const first = await eventAround(-time.HOUR, time.HOUR, { points: 2 });
    const second = await eventAround(-time.HOUR, time.HOUR);
    const { browser } = await signedIn();
    const lower = await submit(portal.base, "/sparen", { code: formatManualCode(first.manualCode).toLowerCase() }, browser);
    expect(lower.status).toBe(200);
    const html = await lower.text();
    expect(html).toContain("+2 punten gespaard");
    expect(html).toContain(`Je spaarde 2 punten bij ${first.name}. Je nieuwe saldo: 2 punten.`);
    const spaced = await submit(portal.base, "/sparen", { code: ` ${second.manualCode.slice(0, 4)} ${second.manualCode.slice(4)} ` }, browser);
    expect(await spaced.text()).toContain("Je nieuwe saldo: 3 punten.");
    const again = await submit(portal.base, "/sparen", { code: first.manualCode }, browser);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("Je hebt vandaag al gespaard voor deze activiteit.");
  });

  it("refuses a wrong typed code at the field, in Dutch, keeps what was typed and puts the focus there", async () => {
    const event = await eventAround(-time.HOUR, time.HOUR);
    const { passholder, browser } = await signedIn();
    // A look-alike typed for a real character: the code has no O, so this can never be one.
    const typed = `${formatManualCode(event.manualCode).slice(0, -1)}O`;
    const refused = await submit(portal.base, "/sparen", { code: typed }, browser);
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain("Deze code is niet gekend. Typ de 8 tekens over die onder de QR-code op de affiche staan");
    expect(html).toMatch(new RegExp(`<input id="code" name="code" type="text" value="${typed}"[^>]*aria-invalid="true"[^>]*autofocus`));
    expect(html).not.toContain("Deze QR-code is geen geldige spaarcode");
    expect(await context.db.prisma.checkin.count({ where: { passholderId: passholder.id } })).toBe(0);
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
    const signInPage = await (await get(portal.base, asked.headers.get("location")!, browser)).text();
    expect(signInPage).toContain(`Meld je eerst aan. Daarna wordt je punt voor ${event.name} meteen gespaard.`);
    // A typed code in the address is never looked up for a signed-out visitor: no way to try codes unlimited.
    const typedAddress = `/sparen/${event.manualCode}`;
    const typedSignIn = await (await get(portal.base, `/aanmelden?terug=${encodeURIComponent(typedAddress)}`, browser)).text();
    expect(typedSignIn).toContain("Meld je eerst aan. Daarna wordt je punt meteen gespaard.");
    expect(typedSignIn).not.toContain(event.name);
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

  it("limits typed codes like scans: the same count per passholder, the same limit", async () => {
    const { passholder, browser } = await signedIn();
    const typed = await allowedBeforeRefusal(30, (i) =>
      i % 2 === 0 ? submit(portal.base, "/sparen", { code: "ABCD-EFGH" }, browser) : get(portal.base, "/sparen/ABCDEFGH", browser),
    );
    expect(typed).toBeGreaterThanOrEqual(30);
    // Every attempt, typed or scanned, was counted under the one key of this passholder.
    const counted = await context.db.prisma.rateLimit.aggregate({ where: { key: `portal-save:${passholder.id}` }, _sum: { count: true } });
    expect(counted._sum.count).toBe(typed + 1);
  });
});
