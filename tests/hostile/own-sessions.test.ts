import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds, freshDatabase, type TestDatabase } from "../helpers/databases.js";
import { rowId } from "../../server/session-store.js";
import { adminLogin, get, postForm, sessionIdOf, type Browser } from "../server/http.js";
import { createUser, PASSWORD, serve, stop } from "../server/serve-app.js";
import { deskPost, deskSignIn, pageText } from "../desk/desk-client.js";
import { deskWorld } from "../desk/desk-world.js";

const SECRETS = { SESSION_SECRET: "s".repeat(40), QR_SECRET: "q".repeat(40) };
const PAGE = "/admin/mijn-sessies";
const DESK_PAGE = "/balie/sessies";

describe.each(databaseKinds)("a staff user sees and ends their own sessions (%s)", (kind) => {
  let db: TestDatabase;
  let base: string;
  let server: Server;
  beforeAll(async () => {
    db = await freshDatabase(kind);
    await deskWorld(db.prisma);
    ({ base, server } = await serve(db, { NODE_ENV: "test", ...SECRETS }));
  });
  afterAll(async () => {
    stop(server);
    await db?.dispose();
  });

  const login = async (email: string) => {
    const browser: Browser = {};
    expect((await adminLogin(base, email, PASSWORD, browser)).status).toBe(302);
    return browser;
  };
  const otherUsersSession = async () => {
    const other = await createUser(db, `ander.${Math.random()}@example.be`, "MUNICIPAL_ADMIN");
    const row = await db.prisma.session.create({ data: { id: `ander-${Math.random()}`, kind: "DESK", userId: other.id, data: {}, expiresAt: new Date(Date.now() + 60 * 60_000) } });
    return row.id;
  };

  it("in the backoffice: a municipal administrator sees both sessions, ends the other after confirming, and cannot end someone else's", async () => {
    const user = await createUser(db, "beheerder.eigen@example.be", "MUNICIPAL_ADMIN");
    const here = await login(user.email);
    const elsewhere = await login(user.email);
    const elsewhereRow = rowId(sessionIdOf(elsewhere));

    const list = await get(base, PAGE, here);
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html.match(/<tr><td>Backoffice/g)).toHaveLength(2);
    expect(html.match(/deze sessie/g)).toHaveLength(1);
    expect(html).toContain(`value="${elsewhereRow}"`);
    expect(html).not.toContain(`value="${rowId(sessionIdOf(here))}"`);

    // Without the form's token nothing happens.
    const forged = await postForm(base, PAGE, { sessie: elsewhereRow, bevestigd: "ja" }, { ...here, csrfToken: undefined });
    expect(forged.status).toBe(403);
    expect((await get(base, PAGE, elsewhere)).status).toBe(200);

    const asked = await postForm(base, PAGE, { sessie: elsewhereRow }, here);
    expect(await asked.text()).toContain("Wil je deze sessie beëindigen?");
    expect((await get(base, PAGE, elsewhere)).status).toBe(200);
    const ended = await postForm(base, PAGE, { sessie: elsewhereRow, bevestigd: "ja" }, here);
    expect(ended.status).toBe(200);
    expect(await ended.text()).toContain("Sessie beëindigd.");
    expect((await get(base, PAGE, elsewhere)).status).toBe(303);
    expect((await get(base, PAGE, here)).status).toBe(200);
    expect(await db.prisma.auditLog.count({ where: { action: "user.end-sessions", recordId: String(user.id) } })).toBe(1);

    const foreign = await otherUsersSession();
    const refused = await postForm(base, PAGE, { sessie: foreign, bevestigd: "ja" }, here);
    expect(refused.status).toBe(404);
    expect(await db.prisma.session.count({ where: { id: foreign } })).toBe(1);

    const third = await login(user.email);
    const fourth = await login(user.email);
    expect((await postForm(base, PAGE, { sessie: "andere", bevestigd: "ja" }, here)).status).toBe(200);
    expect((await get(base, PAGE, third)).status).toBe(303);
    expect((await get(base, PAGE, fourth)).status).toBe(303);
    expect((await get(base, PAGE, here)).status).toBe(200);
  });

  it("at the desk: counter staff see both sessions, end the other after confirming, and cannot end someone else's", async () => {
    const here: Browser = {};
    const elsewhere: Browser = {};
    expect((await deskSignIn(base, "balie@sociaalhuis.test", PASSWORD, here)).status).toBe(303);
    expect((await deskSignIn(base, "balie@sociaalhuis.test", PASSWORD, elsewhere)).status).toBe(303);
    const elsewhereRow = rowId(sessionIdOf(elsewhere, "uitpas_balie"));

    const list = await get(base, DESK_PAGE, here);
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html.match(/<strong>Balie<\/strong>/g)).toHaveLength(2);
    expect(html.match(/\(deze sessie\)/g)).toHaveLength(1);
    expect(html).toContain(`value="${elsewhereRow}"`);

    expect(await pageText(await deskPost(base, DESK_PAGE, { sessie: elsewhereRow }, here))).toContain("Wil je deze sessie beëindigen?");
    expect((await get(base, DESK_PAGE, elsewhere)).status).toBe(200);
    const ended = await deskPost(base, DESK_PAGE, { sessie: elsewhereRow, bevestigd: "ja" }, here);
    expect(ended.status).toBe(303);
    expect(await pageText(await get(base, DESK_PAGE, here))).toContain("Sessie beëindigd");
    expect((await get(base, DESK_PAGE, elsewhere)).status).toBe(303);

    const foreign = await otherUsersSession();
    const refused = await deskPost(base, DESK_PAGE, { sessie: foreign, bevestigd: "ja" }, here);
    expect(refused.status).toBe(303);
    expect(await pageText(await get(base, DESK_PAGE, here))).toContain("Die sessie bestaat niet (meer).");
    expect(await db.prisma.session.count({ where: { id: foreign } })).toBe(1);
  });
});
