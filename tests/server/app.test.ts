import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../../core/auth/password.js";
import { rowId } from "../../server/session-store.js";
import { freshDatabase, type TestDatabase } from "../helpers/databases.js";
import { adminLogin, adminLogout, get, loginError, postForm, sessionIdOf, type Browser } from "./http.js";
import { createUser, PASSWORD, serve } from "./serve-app.js";

describe("web application (in-process)", () => {
  let db: TestDatabase;
  let base: string;
  let server: Server;

  beforeAll(async () => {
    db = await freshDatabase("pglite");
    ({ base, server } = await serve(db));
    await createUser(db, "coordinator@comeet.be", "COORDINATOR");
    await createUser(db, "balie@eeklo.be", "COUNTER_STAFF");
    await createUser(db, "oud@eeklo.be", "MUNICIPAL_ADMIN", { active: false });
  });

  afterAll(async () => {
    server?.closeAllConnections();
    server?.close();
    await db?.dispose();
  });

  it("answers /healthz with the database's state", async () => {
    const response = await get(base, "/healthz");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = await response.json();
    expect(body).toMatchObject({ status: "ok", database: { kind: "pglite", ok: true } });
    expect(typeof body.database.latencyMs).toBe("number");
  });

  it("serves the Dutch portal page with strict security headers", async () => {
    const response = await get(base, "/");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<html lang="nl-BE">');
    expect(html).toContain('name="viewport"');
    for (const text of ["UiTPAS Meetjesland", "Mijn punten", "Voordelen", "Mijn kaart", "Sparen met QR-code", 'href="/admin"']) {
      expect(html).toContain(text);
    }
    expect(html).not.toMatch(/<style|style=|<script/);
    const csp = response.headers.get("content-security-policy")!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("x-powered-by")).toBeNull();
    expect((await get(base, "/assets/portal.css")).status).toBe(200);
  });

  it("answers unknown portal addresses with a Dutch 404 page", async () => {
    const response = await get(base, "/bestaat-niet?x=<script>");
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain("Pagina niet gevonden");
    expect(html).not.toContain("<script>");
  });

  it("sends visitors without a session to the login page", async () => {
    for (const path of ["/admin", "/admin/resources/Passholder", "/admin/api/resources/User/actions/list"]) {
      const response = await get(base, path);
      expect(response.status, path).toBe(302);
      expect(response.headers.get("location")).toBe("/admin/login");
    }
    const login = await get(base, "/admin/login");
    expect(login.status).toBe(200);
    const html = await login.text();
    expect(html).toContain("<html lang=nl>");
    expect(html).toContain("E-mailadres of wachtwoord onjuist");
    expect(login.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });

  it("logs a coordinator in with a database session and a safe cookie", async () => {
    const browser: Browser = {};
    const response = await adminLogin(base, "Coordinator@Comeet.be ", PASSWORD, browser);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/admin");
    const cookie = response.headers.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\/;/);
    expect(cookie).not.toMatch(/Secure/i);

    const sid = sessionIdOf(browser);
    const rows = await db.prisma.session.findMany();
    const row = rows.find((candidate) => candidate.id === rowId(sid));
    expect(row).toMatchObject({ kind: "ADMIN", userId: expect.any(Number) });
    expect(rows.some((candidate) => candidate.id === sid)).toBe(false);
    expect(row!.expiresAt.getTime()).toBeGreaterThan(Date.now());

    expect((await get(base, "/admin", browser)).status).toBe(200);
    const list = await get(base, "/admin/api/resources/Passholder/actions/list", browser);
    expect(list.status).toBe(200);
    expect((await list.json()).meta.total).toBe(0);
  });

  it("refuses a wrong password and an unknown address with the same generic message", async () => {
    const wrong = await adminLogin(base, "coordinator@comeet.be", "niet het wachtwoord");
    const unknown = await adminLogin(base, "niemand@comeet.be", PASSWORD);
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(200);
      expect(response.headers.get("set-cookie")).toBeNull();
      expect(loginError(await response.text())).toBe("invalidCredentials");
    }
  });

  it("tells counter staff and an inactive account why they are refused, but only with the right password", async () => {
    for (const [email, reason] of [["balie@eeklo.be", "loginCounterStaff"], ["oud@eeklo.be", "loginInactive"]] as const) {
      const response = await adminLogin(base, email, PASSWORD);
      expect(response.status, email).not.toBe(302);
      expect(response.headers.get("set-cookie"), email).toBeNull();
      expect(loginError(await response.text()), email).toBe(reason);
      const guessed = await adminLogin(base, email, "niet het wachtwoord");
      expect(loginError(await guessed.text()), email).toBe("invalidCredentials");
    }
  });

  it("never sends password hashes and never shows sessions or rate limits", async () => {
    const browser: Browser = {};
    await adminLogin(base, "coordinator@comeet.be", PASSWORD, browser);
    const users = await (await get(base, "/admin/api/resources/User/actions/list", browser)).text();
    expect(users).toContain("coordinator@comeet.be");
    expect(users).not.toMatch(/passwordHash|scrypt\$/);
    const filtered = await (await get(base, "/admin/api/resources/User/actions/list?filters.passwordHash=scrypt", browser)).json();
    expect(filtered.meta.total).toBe(3);
    for (const resource of ["Session", "RateLimit"]) {
      const response = await get(base, `/admin/api/resources/${resource}/actions/list`, browser);
      const body = await response.json();
      expect(body.records, resource).toEqual([]);
      expect(body.notice?.type, resource).toBe("error");
    }
  });

  it("creates a user from a password field, storing only its hash", async () => {
    const browser: Browser = {};
    await adminLogin(base, "coordinator@comeet.be", PASSWORD, browser);
    const tooShort = await postForm(base, "/admin/api/resources/User/actions/new", { email: "kort@aalter.be", name: "Kort", role: "COORDINATOR", password: "kort" }, browser);
    expect(JSON.stringify(await tooShort.json())).toContain("passwordRequired");
    const withoutMunicipality = await postForm(base, "/admin/api/resources/User/actions/new", { email: "gemeente@aalter.be", name: "Gemeente", role: "MUNICIPAL_ADMIN", password: "lang genoeg wachtwoord" }, browser);
    expect((await withoutMunicipality.json()).record.errors.municipality.message).toBe("Kies de gemeente van deze lokale verantwoordelijke.");
    const response = await postForm(
      base,
      "/admin/api/resources/User/actions/new",
      { email: "lokaal@aalter.be", name: "Lokaal", role: "COORDINATOR", password: "nieuw en lang wachtwoord", passwordHash: "scrypt$gekozen" },
      browser,
    );
    const body = await response.json();
    expect(body.notice?.type).toBe("success");
    expect(JSON.stringify(body)).not.toContain("scrypt");
    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: "lokaal@aalter.be" } });
    expect(await verifyPassword("nieuw en lang wachtwoord", user.passwordHash)).toBe(true);
    expect((await adminLogin(base, "lokaal@aalter.be", "nieuw en lang wachtwoord")).status).toBe(302);

    const edited = await postForm(base, `/admin/api/resources/User/records/${user.id}/edit`, { name: "Lokaal Aalter" }, browser);
    expect(JSON.stringify(await edited.json())).not.toContain("scrypt");
    const after = await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after).toMatchObject({ name: "Lokaal Aalter", passwordHash: user.passwordHash });
    const shown = await get(base, `/admin/api/resources/User/records/${user.id}/show`, browser);
    expect(await shown.text()).not.toMatch(/passwordHash|scrypt\$/);
    const sorted = await get(base, "/admin/api/resources/User/actions/list?sortBy=passwordHash", browser);
    expect(sorted.status).toBe(200);
  });

  it("lists and shows link tables (composite keys) and BigInt ids", async () => {
    const browser: Browser = {};
    await adminLogin(base, "coordinator@comeet.be", PASSWORD, browser);
    const cardSystem = await db.prisma.cardSystem.create({ data: { name: "UiTPAS Meetjesland" } });
    const municipality = await db.prisma.municipality.create({ data: { cardSystemId: cardSystem.id, name: "Eeklo", joinedAt: new Date("2020-01-01") } });
    const counter = await db.prisma.counter.create({
      data: { cardSystemId: cardSystem.id, municipalityId: municipality.id, name: "Bib Eeklo", consumerKey: "bib-eeklo" },
    });
    const staff = await db.prisma.user.findUniqueOrThrow({ where: { email: "balie@eeklo.be" } });
    await db.prisma.counterStaff.create({ data: { counterId: counter.id, userId: staff.id } });
    const auditRow = await db.prisma.auditLog.create({ data: { actor: "test", action: "create", resource: "Counter", recordId: String(counter.id) } });

    const links = await (await get(base, "/admin/api/resources/CounterStaff/actions/list", browser)).json();
    expect(links.records).toHaveLength(1);
    const key = links.records[0].id as string;
    expect(key).toBe(`${counter.id},${staff.id}`);
    const shown = await (await get(base, `/admin/api/resources/CounterStaff/records/${encodeURIComponent(key)}/show`, browser)).json();
    expect(shown.record.params).toMatchObject({ counter: counter.id, user: staff.id });
    expect(JSON.stringify(shown)).not.toContain("scrypt");

    const audit = await get(base, "/admin/api/resources/AuditLog/actions/list", browser);
    expect(audit.status).toBe(200);
    const auditRecords = (await audit.json()).records as Array<{ params: { id: unknown; resource: string } }>;
    expect(auditRecords.find((record) => record.params.resource === "Counter")?.params.id).toBe(String(auditRow.id));
  });

  it("keeps history read-only and ignores typed-in derived values", async () => {
    const browser: Browser = {};
    await adminLogin(base, "coordinator@comeet.be", PASSWORD, browser);
    const deleted = await (await postForm(base, "/admin/api/resources/AuditLog/records/1/delete", {}, browser)).json();
    expect(deleted.notice?.type).toBe("error");
    expect(await db.prisma.auditLog.findUnique({ where: { id: BigInt(1) } })).not.toBeNull();
    const created = await (await postForm(base, "/admin/api/resources/PointsTransaction/actions/new", { amount: "5" }, browser)).json();
    expect(created.notice?.type).toBe("error");

    const municipality = await db.prisma.municipality.findFirstOrThrow();
    const passholder = await db.prisma.passholder.create({
      data: { cardSystemId: municipality.cardSystemId, municipalityId: municipality.id, firstName: "An", lastName: "Peeters", birthDate: new Date("1990-02-03"), postalCode: "9900", city: "Eeklo" },
    });
    const edited = await postForm(base, `/admin/api/resources/Passholder/records/${passholder.id}/edit`, { firstName: "Anna", points: "999" }, browser);
    expect((await edited.json()).notice?.type).toBe("success");
    expect(await db.prisma.passholder.findUniqueOrThrow({ where: { id: passholder.id } })).toMatchObject({ firstName: "Anna", points: 0 });
  });

  it("logs out by deleting the session row, and drops sessions of deactivated users", async () => {
    const browser: Browser = {};
    await adminLogin(base, "lokaal@aalter.be", "nieuw en lang wachtwoord", browser);
    const before = await db.prisma.session.count();
    expect((await adminLogout(base, browser)).headers.get("location")).toBe("/admin/login");
    expect(await db.prisma.session.count()).toBe(before - 1);
    expect((await get(base, "/admin", browser)).status).toBe(302);

    const other: Browser = {};
    await adminLogin(base, "lokaal@aalter.be", "nieuw en lang wachtwoord", other);
    expect((await get(base, "/admin", other)).status).toBe(200);
    await db.prisma.user.update({ where: { email: "lokaal@aalter.be" }, data: { active: false } });
    expect((await get(base, "/admin", other)).headers.get("location")).toBe("/admin/login");
  });

  it("ignores an expired session and removes its row", async () => {
    const browser: Browser = {};
    await adminLogin(base, "coordinator@comeet.be", PASSWORD, browser);
    const sid = sessionIdOf(browser);
    expect((await get(base, "/admin", browser)).status).toBe(200);
    await db.prisma.session.update({ where: { id: rowId(sid) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await get(base, "/admin", browser)).headers.get("location")).toBe("/admin/login");
    expect(await db.prisma.session.findUnique({ where: { id: rowId(sid) } })).toBeNull();
  });

  it("throttles repeated failed logins per address, even with the right password afterwards", async () => {
    await createUser(db, "doelwit@evergem.be", "MUNICIPAL_ADMIN");
    for (let attempt = 0; attempt < 10; attempt++) await adminLogin(base, "doelwit@evergem.be", `fout ${attempt}`);
    const response = await adminLogin(base, "doelwit@evergem.be", PASSWORD);
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(loginError(await response.text())).toBe("loginThrottled");
    expect((await adminLogin(base, "coordinator@comeet.be", PASSWORD)).status).toBe(302);
  });
});

describe("/healthz without a database", () => {
  it("answers 503 with database ok:false once the database is closed", async () => {
    const db = await freshDatabase("pglite");
    const { base, server } = await serve(db);
    try {
      expect((await get(base, "/healthz")).status).toBe(200);
      await db.dispose();
      const response = await get(base, "/healthz");
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ status: "error", database: { kind: "pglite", ok: false } });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
