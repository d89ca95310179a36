import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowId } from "../../server/session-store.js";
import { freshDatabase, type TestDatabase } from "../helpers/databases.js";
import { adminLogin, adminLogout, CSRF_COOKIE, get, sessionIdOf, type Browser } from "./http.js";
import { createUser, PASSWORD, serve, stop } from "./serve-app.js";

const SECRETS = { SESSION_SECRET: "s".repeat(40), QR_SECRET: "q".repeat(40) };

describe("backoffice session", () => {
  let db: TestDatabase;
  let base: string;
  let server: Server;

  beforeAll(async () => {
    db = await freshDatabase("pglite");
    ({ base, server } = await serve(db));
    await createUser(db, "coordinator@comeet.be", "COORDINATOR");
    await createUser(db, "beheerder@eeklo.be", "MUNICIPAL_ADMIN");
  });

  afterAll(async () => {
    stop(server);
    await db?.dispose();
  });

  it("gives a new session id at login; the id held before login is worthless afterwards", async () => {
    const browser: Browser = {};
    await adminLogin(base, "beheerder@eeklo.be", PASSWORD, browser);
    const before = sessionIdOf(browser);
    const plantedCookie = browser.cookie!;

    const response = await adminLogin(base, "coordinator@comeet.be", PASSWORD, browser);
    expect(response.status).toBe(302);
    const after = sessionIdOf(browser);
    expect(after).not.toBe(before);
    expect(await db.prisma.session.findUnique({ where: { id: rowId(before) } })).toBeNull();

    const planted: Browser = { cookie: plantedCookie };
    expect((await get(base, "/admin", planted)).headers.get("location")).toBe("/admin/login");
    expect((await get(base, "/admin", browser)).status).toBe(200);
  });

  it("hands out no session cookie and stores no session before login", async () => {
    const before = await db.prisma.session.count();
    const login = await get(base, "/admin/login");
    expect(login.headers.getSetCookie().map((line) => line.split("=")[0])).toEqual([CSRF_COOKIE]);
    expect(await db.prisma.session.count()).toBe(before);
  });
});

describe("backoffice session cookie in production", () => {
  let db: TestDatabase;
  let base: string;
  let server: Server;
  // Behind the TLS proxy (the loopback address is trusted), as in production.
  const https = (): Browser => ({ headers: { "x-forwarded-proto": "https" } });

  beforeAll(async () => {
    db = await freshDatabase("pglite");
    ({ base, server } = await serve(db, { NODE_ENV: "production", PUBLIC_URL: "https://uitpas.example", ...SECRETS }));
    await createUser(db, "coordinator@comeet.be", "COORDINATOR");
  });

  afterAll(async () => {
    stop(server);
    await db?.dispose();
  });

  it("names the cookie __Host- with Secure, HttpOnly, SameSite=Lax and Path=/, without Domain", async () => {
    const browser = https();
    const response = await adminLogin(base, "coordinator@comeet.be", PASSWORD, browser);
    expect(response.status).toBe(302);
    const [cookie, ...others] = response.headers.getSetCookie();
    expect(others).toEqual([]);
    expect(cookie).toMatch(/^__Host-uitpas_beheer=s%3A/);
    const attributes = cookie!.split(";").slice(1).map((part) => part.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(["path=/", "httponly", "secure", "samesite=lax"]));
    expect(attributes.some((attribute) => attribute.startsWith("domain"))).toBe(false);
    // A coordinator in production without two-factor sign-in is led to set it up first (tests/hostile/two-factor).
    const home = await get(base, "/admin", browser);
    expect([home.status, home.headers.get("location")]).toEqual([303, "/admin/twee-staps/instellen"]);
    expect(browser.csrfToken).toBeTruthy();

    const logout = await adminLogout(base, browser);
    expect(logout.status).toBe(303);
    expect(logout.headers.getSetCookie().some((line) => /^__Host-uitpas_beheer=;.*Path=\/;.*Secure/.test(line))).toBe(true);
    expect(await db.prisma.session.count()).toBe(0);
  });

  it("marks the CSRF cookie Secure too", async () => {
    const login = await get(base, "/admin/login", https());
    const cookie = login.headers.getSetCookie().find((line) => line.startsWith(`${CSRF_COOKIE}=`))!;
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it("accepts posts from the public address (Origin of the proxy's site)", async () => {
    const browser = https();
    await adminLogin(base, "coordinator@comeet.be", PASSWORD, browser);
    browser.headers = { ...browser.headers, origin: "https://uitpas.example" };
    expect((await adminLogout(base, browser)).status).toBe(303);
  });
});
