import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowId } from "../../server/session-store.js";
import { databaseKinds, freshDatabase, type TestDatabase } from "../helpers/databases.js";
import { adminLogin, get, sessionIdOf, type Browser } from "./http.js";
import { createUser, PASSWORD, serve, stop } from "./serve-app.js";

describe.each(databaseKinds)("backoffice session writes (%s)", (kind) => {
  let db: TestDatabase;
  let base: string;
  let server: Server;

  beforeAll(async () => {
    db = await freshDatabase(kind);
    ({ base, server } = await serve(db));
    await createUser(db, "coordinator@comeet.be", "COORDINATOR");
  });

  afterAll(async () => {
    stop(server);
    await db?.dispose();
  });

  it("leaves the stored session as it is when a signed-in page only reads, yet still refuses a deactivated user at once", async () => {
    const browser: Browser = {};
    await adminLogin(base, "coordinator@comeet.be", PASSWORD, browser);
    const id = rowId(sessionIdOf(browser));
    expect((await get(base, "/admin/api/resources/Passholder/actions/list", browser)).status).toBe(200);
    const stored = await db.prisma.session.findUniqueOrThrow({ where: { id } });

    for (let view = 0; view < 3; view++) expect((await get(base, "/admin/api/resources/Municipality/actions/list", browser)).status).toBe(200);
    expect(await db.prisma.session.findUniqueOrThrow({ where: { id } })).toEqual(stored);

    await db.prisma.user.update({ where: { email: "coordinator@comeet.be" }, data: { active: false } });
    expect((await get(base, "/admin/api/resources/Municipality/actions/list", browser)).headers.get("location")).toBe("/admin/login");
  });
});
