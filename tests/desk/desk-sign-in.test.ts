import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "../helpers/databases.js";
import { adminLogin, get, loginError, send, type Browser } from "../server/http.js";
import { rowId } from "../../server/session-store.js";
import { deskPost, deskSignIn, pageText, serveDesk } from "./desk-client.js";
import { deskWorld, PASSWORD } from "./desk-world.js";

describe("signing in at the desk (/balie)", () => {
  let db: TestDatabase;
  let desk: Awaited<ReturnType<typeof serveDesk>>;

  beforeAll(async () => {
    db = await freshDatabase("pglite");
    await deskWorld(db.prisma);
    desk = await serveDesk(db);
  });
  afterAll(async () => {
    desk?.close();
    await db?.dispose();
  });

  it("sends a signed-out visitor to the sign-in form with E-mailadres, Wachtwoord and Aanmelden", async () => {
    const response = await get(desk.base, "/balie");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/balie/aanmelden");
    const html = await (await get(desk.base, "/balie/aanmelden")).text();
    expect(html).toContain('<label for="email">E-mailadres</label>');
    expect(html).toContain('<label for="password">Wachtwoord</label>');
    expect(html).toContain(">Aanmelden</button>");
  });

  it("refuses a wrong password and an unknown address alike, and a counter staff member linked to no counter with what to do", async () => {
    const wrong = await deskSignIn(desk.base, "balie@sociaalhuis.test", "fout wachtwoord");
    const unknown = await deskSignIn(desk.base, "niemand@balie.test", PASSWORD);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await pageText(wrong)).toContain("Het e-mailadres of het wachtwoord is niet juist.");
    const none = await deskSignIn(desk.base, "nergens@balie.test", PASSWORD);
    expect(none.status).toBe(403);
    expect(await pageText(none)).toContain("Stuur je e-mailadres en de naam van je organisatie naar de regioverantwoordelijke");
    expect(none.headers.getSetCookie().some((cookie) => cookie.startsWith("uitpas_balie="))).toBe(false);
  });

  it("starts a new database session (path /balie) at sign-in, goes straight to the only counter, and signs out by POST only", async () => {
    const browser: Browser = {};
    const signedIn = await deskSignIn(desk.base, "balie@sociaalhuis.test", PASSWORD, browser);
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get("location")).toBe("/balie");
    const cookie = signedIn.headers.getSetCookie().find((line) => line.startsWith("uitpas_balie="))!;
    expect(cookie).toMatch(/Path=\/balie/);
    expect(cookie).toMatch(/HttpOnly/);
    const sid = decodeURIComponent(cookie.split(";")[0]!.slice("uitpas_balie=".length)).slice(2).split(".")[0]!;
    const row = await db.prisma.session.findUnique({ where: { id: rowId(sid) } });
    expect(row?.kind).toBe("DESK");
    expect(row?.userId).not.toBeNull();

    const deskPage = await pageText(await get(desk.base, "/balie", browser));
    expect(deskPage).toContain("Sociaal Huis Eeklo");
    expect(deskPage).toContain("Kaartnummer");

    expect((await get(desk.base, "/balie/afmelden", browser)).status).not.toBe(303);
    const out = await deskPost(desk.base, "/balie/afmelden", {}, browser, "/balie");
    expect(out.status).toBe(303);
    expect(await db.prisma.session.findUnique({ where: { id: rowId(sid) } })).toBeNull();
    expect((await get(desk.base, "/balie", browser)).status).toBe(303);
  });

  it("turns a signed-in staff member away at their next click once their counter is taken from them, or their account locked or deactivated", async () => {
    const email = "balie@sporthal.test";
    const user = await db.prisma.user.findUniqueOrThrow({ where: { email }, include: { counters: true } });
    const { counterId } = user.counters[0]!;
    const browser: Browser = {};
    await deskSignIn(desk.base, email, PASSWORD, browser);
    const landsOn = async () => {
      const response = await get(desk.base, "/balie", browser);
      return response.status === 303 ? response.headers.get("location") : /Sporthal Assenede/.exec(await pageText(response))?.[0];
    };
    expect(await landsOn()).toBe("Sporthal Assenede");

    await db.prisma.counterStaff.delete({ where: { counterId_userId: { counterId, userId: user.id } } });
    expect(await landsOn()).toBe("/balie/balies");
    await db.prisma.counterStaff.create({ data: { counterId, userId: user.id } });
    expect(await landsOn()).toBe("Sporthal Assenede");

    await db.prisma.user.update({ where: { id: user.id }, data: { lockedUntil: new Date(Date.now() + 60_000) } });
    expect(await landsOn()).toBe("/balie/aanmelden");
    await db.prisma.user.update({ where: { id: user.id }, data: { lockedUntil: new Date(Date.now() - 60_000) } });
    expect(await landsOn()).toBe("/balie/aanmelden");
    await deskSignIn(desk.base, email, PASSWORD, browser);
    expect(await landsOn()).toBe("Sporthal Assenede");

    await db.prisma.user.update({ where: { id: user.id }, data: { active: false } });
    expect(await landsOn()).toBe("/balie/aanmelden");
  });

  it("refuses a post without the form's token, and the backoffice still refuses counter staff", async () => {
    const browser: Browser = {};
    await get(desk.base, "/balie/aanmelden", browser);
    const forged = await send(
      desk.base,
      "/balie/aanmelden",
      { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", origin: desk.base }, body: new URLSearchParams({ email: "balie@sociaalhuis.test", password: PASSWORD }).toString() },
      browser,
    );
    expect(forged.status).toBe(403);
    expect(await pageText(forged)).toContain("Aanvraag geweigerd");
    const admin = await adminLogin(desk.base, "balie@sociaalhuis.test", PASSWORD);
    expect(loginError(await admin.text())).toBe("loginCounterStaff");
  });

  it("throttles repeated wrong passwords for one address", async () => {
    let status = 0;
    for (let i = 0; i < 12 && status !== 429; i++) status = (await deskSignIn(desk.base, "balie@sporthal.test", `fout ${i}`)).status;
    expect(status).toBe(429);
    expect((await deskSignIn(desk.base, "balie@sporthal.test", PASSWORD)).status).toBe(429);
  });
});
