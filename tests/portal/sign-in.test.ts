import { describe, expect, it, beforeAll, afterAll } from "vitest";
import { requestSignInLink } from "../../core/portal/sign-in-links.js";
import { rowId } from "../../server/session-store.js";
import { createPassholder, worldOn } from "../helpers/fixtures.js";
import { databaseKinds } from "../helpers/databases.js";
import { get, send, type Browser } from "../server/http.js";
import { allowedBeforeRefusal, csrfIn, mailedLinkPath, servePortal, signIn, submit, type Portal } from "./portal-client.js";

const SESSION_COOKIE = "uitpas_portaal";
const sessionIdOf = (browser: Browser) => {
  const value = decodeURIComponent(/uitpas_portaal=([^;]+)/.exec(browser.cookie ?? "")?.[1] ?? "");
  return value.slice(2, value.lastIndexOf("."));
};

describe.each(databaseKinds)("portal sign-in (%s)", (kind) => {
  const context = worldOn(kind);
  let portal: Portal;
  beforeAll(async () => {
    portal = await servePortal(context.db);
  });
  afterAll(async () => {
    await portal?.close();
  });

  it("answers the same for a known and an unknown address, and mails only the known one", async () => {
    await createPassholder(context.db.prisma, context.world, { email: "lotte@example.be" });
    const answers = [];
    for (const email of ["niemand@example.be", "lotte@example.be"]) {
      const response = await submit(portal.base, "/aanmelden", { email }, { headers: { "x-forwarded-for": "10.0.0.1" } });
      answers.push({ status: response.status, text: (await response.text()).replace(/name="csrf" value="[^"]+"/, "") });
    }
    expect(answers[0]!.status).toBe(200);
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[0]!.text).toContain("Als dit e-mailadres bij een UiTPAS hoort");
    const mail = await portal.mailbox.take("lotte@example.be");
    expect(mail.subject).toContain("aanmeldlink");
    expect(mail.text).toMatch(/15 minuten geldig/);
    expect(portal.mailbox.mails.filter((sent) => sent.to === "niemand@example.be")).toEqual([]);
  });

  it("names the field when the address is malformed", async () => {
    const response = await submit(portal.base, "/aanmelden", { email: "geen-adres" }, { headers: { "x-forwarded-for": "10.0.0.2" } });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('id="email-error"');
    expect(html).toContain("E-mailadres is ongeldig.");
  });

  it("signs in once per link, with a new session id, and shows the balance", async () => {
    const passholder = await createPassholder(context.db.prisma, context.world, { email: "jonas@example.be", points: 0 });
    const browser: Browser = { headers: { "x-forwarded-for": "10.0.0.3" } };
    await submit(portal.base, "/aanmelden", { email: "Jonas@Example.be" }, browser);
    const linkPath = await mailedLinkPath(portal, "jonas@example.be");

    // Opening the link (as a mail scanner would) does not use it up.
    const opened = await get(portal.base, linkPath, browser);
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain("Klik op de knop om aan te melden");

    const first = await submit(portal.base, linkPath, {}, browser);
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toBe("/punten");
    const cookie = first.headers.getSetCookie().find((line) => line.startsWith(`${SESSION_COOKIE}=`))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const session = await context.db.prisma.session.findUnique({ where: { id: rowId(sessionIdOf(browser)) } });
    expect(session).toMatchObject({ kind: "PORTAL", passholderId: passholder.id });

    const points = await get(portal.base, "/punten", browser);
    expect(points.status).toBe(200);
    expect(await points.text()).toMatch(/Je saldo: <strong>0 punten<\/strong>/);

    const again = await submit(portal.base, linkPath, {}, { headers: { "x-forwarded-for": "10.0.0.4" } });
    expect(again.status).toBe(410);
    expect(await again.text()).toContain("Deze aanmeldlink is ongeldig, verlopen of al gebruikt");

    // Signing in again gives another session id; the old one is gone.
    const before = sessionIdOf(browser);
    await submit(portal.base, "/aanmelden", { email: "jonas@example.be" }, { headers: { "x-forwarded-for": "10.0.0.5" } });
    expect((await submit(portal.base, await mailedLinkPath(portal, "jonas@example.be"), {}, browser)).status).toBe(303);
    expect(sessionIdOf(browser)).not.toBe(before);
    expect(await context.db.prisma.session.findUnique({ where: { id: rowId(before) } })).toBeNull();
  });

  it("refuses a link after its 15 minutes", async () => {
    await createPassholder(context.db.prisma, context.world, { email: "oud@example.be" });
    const link = await requestSignInLink(context.db.prisma, { email: "oud@example.be", at: new Date(Date.now() - 16 * 60_000) });
    const response = await submit(portal.base, `/aanmelden/${link!.token}`, {}, {});
    expect(response.status).toBe(410);
    expect(await context.db.prisma.portalSignInToken.count({ where: { usedAt: { not: null }, email: "oud@example.be" } })).toBe(0);
  });

  it("links a card by number and date of birth, then the address, without telling which part was wrong", async () => {
    const passholder = await createPassholder(context.db.prisma, context.world, { birthDate: new Date("1985-02-03") });
    const headers = { "x-forwarded-for": "10.0.0.6" };
    const wrong = await submit(portal.base, "/kaart-koppelen", { cardNumber: passholder.cardNumber, birthDate: "1985-02-04", email: "nieuw@example.be" }, { headers });
    const right = await submit(portal.base, "/kaart-koppelen", { cardNumber: passholder.cardNumber, birthDate: "1985-02-03", email: "nieuw@example.be" }, { headers });
    const strip = async (response: Response) => (await response.text()).replace(/value="[^"]*"/g, "");
    expect(wrong.status).toBe(200);
    expect(right.status).toBe(200);
    expect(await strip(wrong)).toEqual(await strip(right));

    const browser: Browser = { headers: { ...headers, "user-agent": "Testbrowser/1.0 (portaal)" } };
    const confirmed = await submit(portal.base, await mailedLinkPath(portal, "nieuw@example.be"), {}, browser);
    expect(confirmed.status).toBe(303);
    expect(portal.mailbox.mails.filter((mail) => mail.to === "nieuw@example.be")).toHaveLength(1);
    expect((await context.db.prisma.passholder.findUniqueOrThrow({ where: { id: passholder.id } })).email).toBe("nieuw@example.be");
    const audit = await context.db.prisma.auditLog.findFirst({ where: { action: "passholder.link-email", recordId: passholder.id } });
    expect(audit).toMatchObject({ ip: "10.0.0.6", userAgent: "Testbrowser/1.0 (portaal)" });

    // From now on the address alone signs in.
    await signIn(portal, "nieuw@example.be", {}, "10.0.0.7");
  });

  it("refuses a malformed card number by name, before anything is looked up", async () => {
    const response = await submit(portal.base, "/kaart-koppelen", { cardNumber: "1234", birthDate: "1990-01-01", email: "x@example.be" }, { headers: { "x-forwarded-for": "10.0.0.8" } });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('id="cardNumber-error"');
  });

  it("limits link requests per address, per card and per network address", async () => {
    const passholder = await createPassholder(context.db.prisma, context.world, { email: "veel@example.be" });
    const perEmail = await allowedBeforeRefusal(3, (i) => submit(portal.base, "/aanmelden", { email: "veel@example.be" }, { headers: { "x-forwarded-for": `10.1.0.${i}` } }));
    expect(perEmail).toBeGreaterThanOrEqual(3);
    const card = { cardNumber: passholder.cardNumber, birthDate: "2000-01-01", email: "a@example.be" };
    expect(await allowedBeforeRefusal(3, (i) => submit(portal.base, "/kaart-koppelen", card, { headers: { "x-forwarded-for": `10.2.0.${i}` } }))).toBeGreaterThanOrEqual(3);
    const perIp = await allowedBeforeRefusal(10, (i) => submit(portal.base, "/aanmelden", { email: `persoon${i}@example.be` }, { headers: { "x-forwarded-for": "10.3.0.1" } }));
    expect(perIp).toBeGreaterThanOrEqual(10);
    // Only the allowed requests for that address were mailed.
    for (let i = 0; i < perEmail; i++) await portal.mailbox.take("veel@example.be");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(portal.mailbox.mails.filter((mail) => mail.to === "veel@example.be")).toHaveLength(perEmail);
  });

  it("refuses form posts without the token or from another site", async () => {
    const browser: Browser = { headers: { "x-forwarded-for": "10.0.0.9" } };
    const page = await get(portal.base, "/aanmelden", browser);
    const csrf = csrfIn(await page.text());
    const post = (fields: Record<string, string>, origin: string) =>
      send(portal.base, "/aanmelden", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", origin }, body: new URLSearchParams(fields).toString() }, browser);
    expect((await post({ email: "x@example.be" }, portal.base)).status).toBe(403);
    expect((await post({ email: "x@example.be", csrf: "vals" }, portal.base)).status).toBe(403);
    const foreign = await post({ email: "x@example.be", csrf }, "https://evil.example");
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).toContain("Aanvraag geweigerd");
    expect((await post({ email: "x@example.be", csrf }, portal.base)).status).toBe(200);
  });

  it("signs out by POST only, and forgets the session", async () => {
    await createPassholder(context.db.prisma, context.world, { email: "weg@example.be" });
    const browser = await signIn(portal, "weg@example.be", {}, "10.0.0.10");
    const id = sessionIdOf(browser);
    expect((await get(portal.base, "/afmelden", browser)).status).not.toBe(303);
    const out = await submit(portal.base, "/punten", {}, browser, "/afmelden");
    expect(out.status).toBe(303);
    expect(await context.db.prisma.session.findUnique({ where: { id: rowId(id) } })).toBeNull();
    const after = await get(portal.base, "/punten", browser);
    expect(after.status).toBe(303);
    expect(after.headers.get("location")).toBe("/aanmelden?terug=%2Fpunten");
  });
});
