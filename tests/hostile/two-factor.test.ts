import type { Server } from "node:http";
import { Secret, TOTP } from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds, freshDatabase, type TestDatabase } from "../helpers/databases.js";
import { adminLogout, get, postForm, send, type Browser } from "../server/http.js";
import { createUser, PASSWORD, serve, stop } from "../server/serve-app.js";
import { csrfIn, SECRETS } from "../portal/portal-client.js";
import { deskPost, deskSignIn, pageText } from "../desk/desk-client.js";

/** The code the app shows `offsetSeconds` from now. */
const codeOf = (secret: string, offsetSeconds = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 }).generate({ timestamp: Date.now() + offsetSeconds * 1000 });
/** A six-digit code that is not the one of now. */
const wrongCode = (secret: string) => String((Number(codeOf(secret)) + 500_000) % 1_000_000).padStart(6, "0");

/** Sets up two-factor sign-in on the enrolment page as its user does; returns the secret and the recovery codes shown. */
async function enrol(base: string, browser: Browser): Promise<{ secret: string; recoveryCodes: string[] }> {
  const page = await get(base, "/admin/twee-staps/instellen", browser);
  const html = await page.text();
  expect(page.status).toBe(200);
  expect(html).toContain("Tweestapsverificatie instellen");
  expect(html).toContain("<svg");
  const secret = /data-secret>([A-Z2-7]+)</.exec(html)![1]!;
  const confirmed = await postForm(base, "/admin/twee-staps/instellen", { code: codeOf(secret) }, browser);
  const shown = await confirmed.text();
  expect(confirmed.status).toBe(200);
  const recoveryCodes = [...shown.matchAll(/data-recovery-code>([A-Z0-9-]+)</g)].map((match) => match[1]!);
  return { secret, recoveryCodes };
}

/**
 * adminLogin, reading every answer to its end: the session is saved as an answer ends, and the next request of
 * this quick client must not overtake that save (a browser reads the page first).
 */
async function adminLogin(base: string, email: string, password: string, browser: Browser = {}): Promise<Response> {
  await (await get(base, "/admin/login", browser)).text();
  const response = await postForm(base, "/admin/login", { email, password, csrfToken: browser.csrfToken ?? "" }, browser);
  await response.clone().text();
  if (response.status === 302) await (await get(base, "/admin", browser)).text();
  return response;
}

/** Password, then the code: the answer to the code. */
async function signInWithCode(base: string, email: string, code: string, browser: Browser = {}): Promise<Response> {
  expect((await adminLogin(base, email, PASSWORD, browser)).status).toBe(302);
  return postForm(base, "/admin/twee-staps", { code }, browser);
}

const LIST = "/admin/api/resources/User/actions/list";

describe.each(databaseKinds)("two-factor sign-in for staff accounts (%s)", (kind) => {
  let db: TestDatabase;
  let base: string;
  let server: Server;
  beforeAll(async () => {
    db = await freshDatabase(kind);
    ({ base, server } = await serve(db, { NODE_ENV: "test", ...SECRETS }));
  }, 120_000);
  afterAll(async () => {
    stop(server);
    await db?.dispose();
  });

  /** A coordinator with two-factor sign-in set up (from a session that did not need it yet). */
  async function enrolled(email: string) {
    const user = await createUser(db, email, "COORDINATOR");
    const browser: Browser = {};
    expect((await adminLogin(base, email, PASSWORD, browser)).status).toBe(302);
    return { user, ...(await enrol(base, browser)) };
  }

  it("sets up with a QR code and a secret, shows ten recovery codes once and stores neither in the clear, audited", async () => {
    const { user, secret, recoveryCodes } = await enrolled("instellen@example.be");
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const row = await db.prisma.staffTwoFactor.findUniqueOrThrow({ where: { userId: user.id } });
    expect(row.enabledAt).not.toBeNull();
    expect(JSON.stringify(row)).not.toContain(secret);
    for (const code of recoveryCodes) expect(JSON.stringify(row)).not.toContain(code);
    const audit = await db.prisma.auditLog.findMany({ where: { recordId: String(user.id), action: "user.twoFactorEnable" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe("instellen@example.be");
    // The backoffice's user screens never show the secret.
    const browser: Browser = {};
    expect((await signInWithCode(base, "instellen@example.be", codeOf(secret, 30), browser)).status).toBe(303);
    const listed = await (await get(base, LIST, browser)).text();
    expect(listed).toContain("instellen@example.be");
    expect(listed).not.toContain(row.secret);
  });

  it("answers no backoffice page or API call with data after the password alone", async () => {
    await enrolled("halfweg@example.be");
    const browser: Browser = {};
    expect((await adminLogin(base, "halfweg@example.be", PASSWORD, browser)).status).toBe(302);
    const home = await get(base, "/admin", browser);
    expect([home.status, home.headers.get("location")]).toEqual([303, "/admin/twee-staps"]);
    for (const path of [LIST, "/admin/api/dashboard", "/admin/api/resources/Passholder/actions/list", "/admin/api/resources/User/records/1/show"]) {
      const response = await get(base, path, browser);
      expect(response.status, path).toBe(401);
      expect(await response.text(), path).not.toContain("@example.be");
    }
    for (const path of ["/admin/resources/User", "/admin/twee-staps/instellen", "/admin/exports/Passholder.csv"]) {
      expect((await get(base, path, browser)).headers.get("location"), path).toBe("/admin/twee-staps");
    }
    const write = await postForm(base, "/admin/api/resources/User/actions/new", { email: "nieuw@example.be", name: "x", role: "COORDINATOR", password: "x".repeat(20) }, browser);
    expect(write.status).toBe(401);
    expect(await db.prisma.user.count({ where: { email: "nieuw@example.be" } })).toBe(0);
    const page = await (await get(base, "/admin/twee-staps", browser)).text();
    expect(page).toContain("Code uit je app of herstelcode");
  });

  it("refuses a wrong code, and after five wrong ones the right one too for a quarter hour, each attempt audited", async () => {
    const { user, secret } = await enrolled("geraden@example.be");
    for (let i = 0; i < 5; i++) {
      const wrong = await signInWithCode(base, "geraden@example.be", wrongCode(secret));
      expect(wrong.status).toBe(401);
      expect(await pageText(wrong)).toContain("Die code klopt niet");
    }
    const browser: Browser = {};
    const right = await signInWithCode(base, "geraden@example.be", codeOf(secret, 30), browser);
    expect(right.status).toBe(429);
    expect(await pageText(right)).toContain("Te veel verkeerde codes");
    expect((await get(base, LIST, browser)).status).toBe(401);
    expect(await db.prisma.auditLog.count({ where: { recordId: String(user.id), action: "user.twoFactorFailed" } })).toBe(5);
  });

  it("lets in with the right code (once) and with a recovery code (once), on a new session id", async () => {
    const { user, secret, recoveryCodes } = await enrolled("binnen@example.be");
    const browser: Browser = {};
    const code = codeOf(secret, 30);
    expect((await adminLogin(base, "binnen@example.be", PASSWORD, browser)).status).toBe(302);
    const halfway = browser.cookie;
    const answer = await postForm(base, "/admin/twee-staps", { code }, browser);
    expect([answer.status, answer.headers.get("location")]).toEqual([303, "/admin"]);
    expect(browser.cookie).not.toBe(halfway);
    expect((await get(base, "/admin", browser)).status).toBe(200);
    expect((await get(base, LIST, browser)).status).toBe(200);

    expect((await signInWithCode(base, "binnen@example.be", code)).status).toBe(401);

    const recovered: Browser = {};
    expect((await signInWithCode(base, "binnen@example.be", recoveryCodes[0]!.toLowerCase(), recovered)).status).toBe(303);
    expect((await get(base, LIST, recovered)).status).toBe(200);
    expect((await signInWithCode(base, "binnen@example.be", recoveryCodes[0]!)).status).toBe(401);
    const row = await db.prisma.staffTwoFactor.findUniqueOrThrow({ where: { userId: user.id } });
    expect(row.recoveryCodes).toHaveLength(9);
    const actions = (await db.prisma.auditLog.findMany({ where: { recordId: String(user.id) } })).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(["user.twoFactorSignIn", "user.recoveryCodeUsed", "user.twoFactorFailed"]));
  });

  it("asks the code at the desk too, for an account that set it up", async () => {
    const { secret } = await enrolled("balie.tweestaps@example.be");
    const browser: Browser = {};
    const password = await deskSignIn(base, "balie.tweestaps@example.be", PASSWORD, browser);
    expect([password.status, password.headers.get("location")]).toEqual([303, "/balie/aanmelden"]);
    expect((await get(base, "/balie", browser)).headers.get("location")).toBe("/balie/aanmelden");
    expect(await pageText(await get(base, "/balie/aanmelden", browser))).toContain("Code uit je app of herstelcode");
    const wrong = await deskPost(base, "/balie/aanmelden", { code: wrongCode(secret) }, browser);
    expect(wrong.status).toBe(401);
    expect((await get(base, "/balie", browser)).status).toBe(303);
    const right = await deskPost(base, "/balie/aanmelden", { code: codeOf(secret, 30) }, browser);
    expect([right.status, right.headers.get("location")]).toEqual([303, "/balie"]);
    // Signed in: on to choosing a counter, no longer to the sign-in form.
    const home = await get(base, "/balie", browser);
    expect([home.status, home.headers.get("location")]).toEqual([303, "/balie/balies"]);
    expect((await get(base, "/balie/balies", browser)).status).toBe(200);
  });

  it("a coordinator resets it for a lost phone: the user's sessions end and the password alone signs in again; no one else may", async () => {
    const { user } = await enrolled("telefoon.kwijt@example.be");
    const lost: Browser = {};
    expect((await adminLogin(base, user.email, PASSWORD, lost)).status).toBe(302);
    const coordinator = await enrolled("regio.reset@example.be");
    const admin: Browser = {};
    expect((await signInWithCode(base, coordinator.user.email, codeOf(coordinator.secret, 30), admin)).status).toBe(303);
    await (await get(base, "/admin", admin)).text();
    await createUser(db, "beheerder.reset@example.be", "MUNICIPAL_ADMIN");
    const municipal: Browser = {};
    expect((await adminLogin(base, "beheerder.reset@example.be", PASSWORD, municipal)).status).toBe(302);
    const path = `/admin/api/resources/User/records/${user.id}/resetTwoFactor`;

    const reason = { reason: "Telefoon verloren, aan de balie met identiteitskaart nagekeken" };
    const refused = await postForm(base, path, reason, municipal);
    const refusal = (await refused.json().catch(() => ({}))) as { notice?: { type: string } };
    expect(refused.status >= 400 || refusal.notice?.type === "error").toBe(true);
    expect(await db.prisma.staffTwoFactor.count({ where: { userId: user.id } })).toBe(1);

    const withoutReason = await postForm(base, path, {}, admin);
    expect(((await withoutReason.json()) as { record: { errors: object } }).record.errors).toHaveProperty("reason");
    expect(await db.prisma.staffTwoFactor.count({ where: { userId: user.id } })).toBe(1);
    const reset = await postForm(base, path, reason, admin);
    expect(((await reset.json()) as { notice: { message: string } }).notice.message).toContain("Tweestapsverificatie gereset");
    expect(await db.prisma.staffTwoFactor.count({ where: { userId: user.id } })).toBe(0);
    expect((await get(base, "/admin", lost)).headers.get("location")).toContain("/admin/login");
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "user.twoFactorReset", recordId: String(user.id) } });
    expect(audit.actor).toContain(coordinator.user.email);
    expect(audit.changes).toMatchObject({ reason: reason.reason, sessionsEnded: 2 });

    const again: Browser = {};
    expect((await adminLogin(base, user.email, PASSWORD, again)).status).toBe(302);
    expect((await get(base, LIST, again)).status).toBe(200);
    const twice = await postForm(base, path, reason, admin);
    expect(((await twice.json()) as { notice: { message: string } }).notice.message).toContain("had geen tweestapsverificatie");
  });

  it("leaves accounts without it as they were: password only, in the backoffice and at the desk", async () => {
    await createUser(db, "zonder@example.be", "COORDINATOR");
    const browser: Browser = {};
    expect((await adminLogin(base, "zonder@example.be", PASSWORD, browser)).status).toBe(302);
    expect((await get(base, LIST, browser)).status).toBe(200);
    expect((await deskSignIn(base, "zonder@example.be", PASSWORD, {})).headers.get("location")).toBe("/balie");
  });
});

describe("two-factor sign-in in production", () => {
  let db: TestDatabase;
  let base: string;
  let server: Server;
  const https = (): Browser => ({ headers: { "x-forwarded-proto": "https" } });
  beforeAll(async () => {
    db = await freshDatabase("pglite");
    ({ base, server } = await serve(db, { NODE_ENV: "production", PUBLIC_URL: "https://uitpas.example", ...SECRETS }));
  }, 120_000);
  afterAll(async () => {
    stop(server);
    await db?.dispose();
  });

  it("leads a coordinator without it to set it up before anything else, and asks the code from then on", async () => {
    await createUser(db, "regio@example.be", "COORDINATOR");
    const browser = https();
    expect((await adminLogin(base, "regio@example.be", PASSWORD, browser)).status).toBe(302);
    const home = await get(base, "/admin", browser);
    expect([home.status, home.headers.get("location")]).toEqual([303, "/admin/twee-staps/instellen"]);
    expect((await get(base, LIST, browser)).status).toBe(401);
    expect((await get(base, "/admin/twee-staps", browser)).headers.get("location")).toBe("/admin/twee-staps/instellen");

    // The desk's form posts from the public address, as the browser behind the proxy does.
    const deskBrowser = https();
    const csrf = csrfIn(await (await get(base, "/balie/aanmelden", deskBrowser)).text());
    const form = new URLSearchParams({ email: "regio@example.be", password: PASSWORD, csrf }).toString();
    const headers = { "content-type": "application/x-www-form-urlencoded", origin: "https://uitpas.example" };
    const desk = await send(base, "/balie/aanmelden", { method: "POST", headers, body: form }, deskBrowser);
    expect(desk.status).toBe(403);
    expect(await pageText(desk)).toContain("Stel eerst tweestapsverificatie in");

    const { secret, recoveryCodes } = await enrol(base, browser);
    expect(recoveryCodes).toHaveLength(10);
    expect((await get(base, "/admin", browser)).status).toBe(200);
    expect((await get(base, LIST, browser)).status).toBe(200);
    expect((await adminLogout(base, browser)).status).toBe(303);

    const again = https();
    expect((await adminLogin(base, "regio@example.be", PASSWORD, again)).status).toBe(302);
    expect((await get(base, "/admin", again)).headers.get("location")).toBe("/admin/twee-staps");
    expect((await postForm(base, "/admin/twee-staps", { code: codeOf(secret, 30) }, again)).status).toBe(303);
    expect((await get(base, LIST, again)).status).toBe(200);
  });
});
