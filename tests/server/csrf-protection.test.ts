import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Counter, Municipality } from "@prisma/client";
import { rowId } from "../../server/session-store.js";
import { freshDatabase, type TestDatabase } from "../helpers/databases.js";
import { adminLogin, adminLogout, CSRF_COOKIE, get, postForm, send, sessionIdOf, type Browser } from "./http.js";
import { createUser, PASSWORD, serve, stop } from "./serve-app.js";

const REFUSED = /beveiligingscode ontbreekt of niet klopt/;

describe("CSRF protection of the backoffice", () => {
  let db: TestDatabase;
  let base: string;
  let server: Server;
  let municipality: Municipality;
  let counter: Counter;

  beforeAll(async () => {
    db = await freshDatabase("pglite");
    ({ base, server } = await serve(db));
    await createUser(db, "coordinator@comeet.be", "COORDINATOR");
    const cardSystem = await db.prisma.cardSystem.create({ data: { name: "UiTPAS Meetjesland" } });
    municipality = await db.prisma.municipality.create({ data: { cardSystemId: cardSystem.id, name: "Eeklo", joinedAt: new Date("2020-01-01") } });
    counter = await db.prisma.counter.create({
      data: { cardSystemId: cardSystem.id, municipalityId: municipality.id, name: "Bib Eeklo", consumerKey: "bib-eeklo" },
    });
  });

  afterAll(async () => {
    stop(server);
    await db?.dispose();
  });

  async function signedIn(): Promise<Browser> {
    const browser: Browser = {};
    expect((await adminLogin(base, "coordinator@comeet.be", PASSWORD, browser)).status).toBe(302);
    expect(browser.csrfToken).toBeTruthy();
    return browser;
  }

  const editCounter = (browser: Browser, name: string, headers: Record<string, string> = {}) =>
    postForm(base, `/admin/api/resources/Counter/records/${counter.id}/edit`, { name }, browser, headers);

  async function counterName(): Promise<string> {
    return (await db.prisma.counter.findUniqueOrThrow({ where: { id: counter.id } })).name;
  }

  it("refuses AdminJS API posts without a token or with a wrong one, changing nothing", async () => {
    const browser = await signedIn();
    const withoutToken: Browser = { cookie: browser.cookie, crossSite: true };
    const attempts = [
      await editCounter(withoutToken, "Zonder code"),
      await editCounter(browser, "Verkeerde code", { "x-xsrf-token": "verkeerd" }),
      await postForm(base, "/admin/api/resources/Provider/actions/new", { name: "Zonder code", municipality: String(municipality.id) }, withoutToken),
      await postForm(base, `/admin/api/resources/Counter/records/${counter.id}/delete`, {}, withoutToken),
      await postForm(base, "/admin/api/resources/Counter/bulk/bulkDelete?recordIds=" + counter.id, {}, withoutToken),
    ];
    for (const response of attempts) {
      expect(response.status).toBe(403);
      expect((await response.json()).error).toMatch(REFUSED);
    }
    expect(await counterName()).toBe("Bib Eeklo");
    expect(await db.prisma.provider.count()).toBe(0);
  });

  it("refuses a token taken from another session", async () => {
    const victim = await signedIn();
    const attacker = await signedIn();
    const response = await editCounter(victim, "Code van iemand anders", { "x-xsrf-token": attacker.csrfToken! });
    expect(response.status).toBe(403);
    expect(await counterName()).toBe("Bib Eeklo");
  });

  it("refuses a valid token from a foreign Origin or Referer", async () => {
    const browser = await signedIn();
    const foreign: Array<Record<string, string>> = [{ origin: "https://aanvaller.example" }, { origin: "null" }, { referer: "https://aanvaller.example/pagina" }];
    for (const headers of foreign) {
      const response = await editCounter(browser, "Van elders", headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect((await response.json()).error).toMatch(REFUSED);
    }
    expect(await counterName()).toBe("Bib Eeklo");
  });

  it("accepts the token as AdminJS sends it, as a form or multipart, from the same origin", async () => {
    const browser = await signedIn();
    const edited = await editCounter(browser, "Bibliotheek Eeklo", { origin: base, referer: `${base}/admin/resources/Counter` });
    expect(edited.status).toBe(200);
    expect((await edited.json()).notice?.type).toBe("success");
    expect(await counterName()).toBe("Bibliotheek Eeklo");

    const form = new FormData();
    form.set("name", "Vereniging Eeklo");
    form.set("municipality", String(municipality.id));
    const created = await send(base, "/admin/api/resources/Provider/actions/new", { method: "POST", body: form, headers: { "x-xsrf-token": browser.csrfToken! } }, browser);
    expect(created.status).toBe(200);
    expect((await created.json()).notice?.type).toBe("success");
    expect(await db.prisma.provider.count()).toBe(1);
  });

  it("hands the token out in a cookie that script can read, and the same one for the whole session", async () => {
    const browser = await signedIn();
    const token = browser.csrfToken;
    const page = await get(base, "/admin/resources/Counter", browser);
    expect(page.status).toBe(200);
    expect(browser.csrfToken).toBe(token);
    const login = await get(base, "/admin/login");
    const cookie = login.headers.getSetCookie().find((line) => line.startsWith(`${CSRF_COOKIE}=`))!;
    expect(cookie).toMatch(/Path=\/admin/);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).not.toMatch(/HttpOnly/i);
  });

  it("refuses the login form without its token, with a forged one, or from a foreign Origin", async () => {
    const tries: Array<{ browser: Browser; fields: Record<string, string>; headers?: Record<string, string> }> = [
      { browser: {}, fields: {} },
      { browser: { cookie: `${CSRF_COOKIE}=zelfgemaakt` }, fields: { csrfToken: "zelfgemaakt" } },
    ];
    const fresh: Browser = {};
    await get(base, "/admin/login", fresh);
    tries.push({ browser: { cookie: fresh.cookie }, fields: { csrfToken: `${fresh.csrfToken}x` } });
    tries.push({ browser: { cookie: fresh.cookie }, fields: { csrfToken: fresh.csrfToken! }, headers: { origin: "https://aanvaller.example" } });
    const sessionsBefore = await db.prisma.session.count();
    for (const { browser, fields, headers } of tries) {
      const response = await postForm(base, "/admin/login", { email: "coordinator@comeet.be", password: PASSWORD, ...fields }, browser, headers);
      expect(response.status).toBe(403);
      expect(await response.text()).toMatch(REFUSED);
      expect(response.headers.getSetCookie().some((line) => line.startsWith("uitpas_beheer="))).toBe(false);
    }
    expect(await db.prisma.session.count()).toBe(sessionsBefore);
  });

  it("does not log out on GET /admin/logout", async () => {
    const browser = await signedIn();
    const response = await get(base, "/admin/logout", browser);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/admin");
    expect((await get(base, "/admin", browser)).status).toBe(200);
    expect(await db.prisma.session.findUnique({ where: { id: rowId(sessionIdOf(browser)) } })).not.toBeNull();
  });

  it("logs out by POST only with the token, deleting the session row", async () => {
    const browser = await signedIn();
    const row = rowId(sessionIdOf(browser));
    const withoutToken = await postForm(base, "/admin/logout", {}, { cookie: browser.cookie, crossSite: true });
    expect(withoutToken.status).toBe(403);
    expect((await get(base, "/admin", browser)).status).toBe(200);

    const response = await adminLogout(base, browser);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/admin/login");
    expect(response.headers.getSetCookie().some((line) => /^uitpas_beheer=;.*Path=\/;.*Expires=Thu, 01 Jan 1970/.test(line))).toBe(true);
    expect(await db.prisma.session.findUnique({ where: { id: row } })).toBeNull();
    expect(browser.cookie ?? "").not.toContain("uitpas_beheer=");
  });
});
