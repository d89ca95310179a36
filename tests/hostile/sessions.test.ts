import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staffActor } from "../helpers/fixtures.js";
import { databaseKinds, freshDatabase, type TestDatabase } from "../helpers/databases.js";
import { expectRefusal } from "../helpers/refusal.js";
import { endUserSessions, listUserSessions } from "../../core/users/sessions.js";
import { rowId } from "../../server/session-store.js";
import { adminLogin, get, postForm, sessionIdOf, type Browser } from "../server/http.js";
import { createUser, PASSWORD, serve, stop } from "../server/serve-app.js";

const API = "/admin/api/resources/User";
const SECRETS = { SESSION_SECRET: "s".repeat(40), QR_SECRET: "q".repeat(40) };

describe.each(databaseKinds)("a changed account ends its other sessions at once (%s)", (kind) => {
  let db: TestDatabase;
  let base: string;
  let server: Server;
  beforeAll(async () => {
    db = await freshDatabase(kind);
    ({ base, server } = await serve(db, { NODE_ENV: "test", ...SECRETS }));
  });
  afterAll(async () => {
    stop(server);
    await db?.dispose();
  });

  const signedIn = async (browser: Browser) => (await get(base, `${API}/actions/list`, browser)).status === 200;
  const login = async (email: string) => {
    const browser: Browser = {};
    expect((await adminLogin(base, email, PASSWORD, browser)).status).toBe(302);
    return browser;
  };
  const deskSession = (userId: number) =>
    db.prisma.session.create({ data: { id: `balie-${userId}-${Math.random()}`, kind: "DESK", userId, data: {}, expiresAt: new Date(Date.now() + 60 * 60_000) } });
  const sessionsOf = (userId: number) => db.prisma.session.count({ where: { userId } });

  it("a password change, a deactivation and a role change each end the user's backoffice and desk sessions", async () => {
    const coordinator = await createUser(db, "coordinator.sessies@example.be", "COORDINATOR");
    const admin = await login(coordinator.email);
    for (const [field, value] of [["password", "een heel nieuw wachtwoord"], ["role", "COORDINATOR"], ["active", "false"]] as const) {
      const user = await createUser(db, `gebruiker.${field}@example.be`, "MUNICIPAL_ADMIN");
      if (field === "role") await db.prisma.user.update({ where: { id: user.id }, data: { role: "COUNTER_STAFF" } });
      const theirs = await login(user.email).catch(() => ({}) as Browser);
      await deskSession(user.id);
      expect(await sessionsOf(user.id)).toBeGreaterThanOrEqual(1);
      const edited = await postForm(base, `${API}/records/${user.id}/edit`, { [field]: value }, admin);
      expect(edited.status, field).toBe(200);
      expect(await sessionsOf(user.id), field).toBe(0);
      if (theirs.cookie) expect(await signedIn(theirs), field).toBe(false);
      expect(await signedIn(admin)).toBe(true);
    }
    // A change of name alone ends nothing.
    const kept = await createUser(db, "gebruiker.naam@example.be", "MUNICIPAL_ADMIN");
    await deskSession(kept.id);
    await postForm(base, `${API}/records/${kept.id}/edit`, { name: "Nieuwe naam" }, admin);
    expect(await sessionsOf(kept.id)).toBe(1);
  });

  it("changing one's own password keeps the session that did it and ends the others", async () => {
    const coordinator = await createUser(db, "eigen.wachtwoord@example.be", "COORDINATOR");
    const here = await login(coordinator.email);
    const elsewhere = await login(coordinator.email);
    await deskSession(coordinator.id);
    expect((await postForm(base, `${API}/records/${coordinator.id}/edit`, { password: "mijn nieuwe lange wachtwoord" }, here)).status).toBe(200);
    expect(await signedIn(here)).toBe(true);
    expect(await signedIn(elsewhere)).toBe(false);
    expect(await db.prisma.session.findMany({ where: { userId: coordinator.id }, select: { id: true } })).toEqual([{ id: rowId(sessionIdOf(here)) }]);
  });

  it("a coordinator ends a user's sessions with \"Sessies beëindigen\" (audited); others may not", async () => {
    const coordinator = await createUser(db, "coordinator.beeindigen@example.be", "COORDINATOR");
    const admin = await login(coordinator.email);
    const user = await createUser(db, "beheerder.beeindigen@example.be", "MUNICIPAL_ADMIN");
    const theirs = await login(user.email);
    await deskSession(user.id);
    const other = await createUser(db, "andere.beheerder@example.be", "MUNICIPAL_ADMIN");
    const otherBrowser = await login(other.email);

    const refused = await postForm(base, `${API}/records/${user.id}/endSessions`, { reason: "Laptop gestolen" }, otherBrowser);
    const refusal = (await refused.json().catch(() => ({}))) as { notice?: { type: string }; record?: { params?: object } };
    expect(refused.status >= 400 || refusal.notice?.type === "error").toBe(true);
    expect(refusal.record?.params ?? {}).toEqual({});
    expect(await sessionsOf(user.id)).toBe(2);

    const withoutReason = await postForm(base, `${API}/records/${user.id}/endSessions`, {}, admin);
    expect(((await withoutReason.json()) as { record: { errors: object } }).record.errors).toHaveProperty("reason");
    expect(await sessionsOf(user.id)).toBe(2);
    const ended = await postForm(base, `${API}/records/${user.id}/endSessions`, { reason: "Laptop gestolen" }, admin);
    expect(ended.status).toBe(200);
    expect(((await ended.json()) as { notice: { message: string } }).notice.message).toBe("2 sessies beëindigd.");
    expect(await sessionsOf(user.id)).toBe(0);
    expect(await signedIn(theirs)).toBe(false);
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "user.end-sessions", recordId: String(user.id) } });
    expect(audit).toMatchObject({ actor: expect.stringContaining(coordinator.email), changes: { sessionsEnded: 2, reason: "Laptop gestolen" } });
  });

  it("core: a user sees and ends their own sessions, never someone else's unless coordinator", async () => {
    const staff = await createUser(db, "balie.eigen@example.be", "COUNTER_STAFF");
    const colleague = await createUser(db, "balie.collega@example.be", "COUNTER_STAFF");
    const own = await deskSession(staff.id);
    await deskSession(colleague.id);
    const me = { ...staffActor("COUNTER_STAFF", { email: staff.email }), userId: staff.id };
    expect((await listUserSessions(db.prisma, { userId: staff.id, actor: me })).map((session) => session.id)).toEqual([own.id]);
    await expectRefusal(listUserSessions(db.prisma, { userId: colleague.id, actor: me }), "NOT_ALLOWED");
    await expectRefusal(endUserSessions(db.prisma, { userId: colleague.id, actor: me }), "NOT_ALLOWED");
    expect(await endUserSessions(db.prisma, { userId: staff.id, actor: me })).toBe(1);
    expect(await sessionsOf(colleague.id)).toBe(1);
  });
});
