import type session from "express-session";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DatabaseSessionStore, rowId } from "../../server/session-store.js";
import { databaseKinds, freshDatabase, type TestDatabase } from "../helpers/databases.js";

const DAY = 24 * 60 * 60_000;

function data(maxAge: number, expires: Date): session.SessionData {
  return { cookie: { originalMaxAge: maxAge, expires, path: "/", httpOnly: true } } as unknown as session.SessionData;
}

describe.each(databaseKinds)("the session store's expiry (%s)", (kind) => {
  let db: TestDatabase;
  let store: DatabaseSessionStore;
  const call = <T>(work: (done: (error?: unknown, value?: T) => void) => void) =>
    new Promise<T>((resolve, reject) => work((error, value) => (error ? reject(error) : resolve(value as T))));
  const expiryOf = async (sid: string) => (await db.prisma.session.findUniqueOrThrow({ where: { id: rowId(sid) } })).expiresAt.getTime();

  beforeAll(async () => {
    db = await freshDatabase(kind);
    store = new DatabaseSessionStore(db, "PORTAL");
  });
  afterAll(() => db?.dispose());

  it("moves a 30-day session's expiry on when it has moved by more than 1% of its lifetime, not for every request", async () => {
    const written = new Date(Date.now() + 30 * DAY - 8 * 60 * 60_000);
    await call((done) => store.set("a", data(30 * DAY, written), done));
    await call((done) => store.get("a", done));
    const soon = new Date(written.getTime() + 60 * 60_000);
    await call((done) => store.touch("a", data(30 * DAY, soon), () => done()));
    expect(await expiryOf("a")).toBe(written.getTime());

    await call((done) => store.get("a", done));
    const later = new Date(written.getTime() + 8 * 60 * 60_000);
    await call((done) => store.touch("a", data(30 * DAY, later), () => done()));
    expect(await expiryOf("a")).toBe(later.getTime());
  });

  it("never revives a session that has ended, and reads an ended one as none", async () => {
    const ended = new Date(Date.now() - 1000);
    await call((done) => store.set("b", data(8 * 60 * 60_000, ended), done));
    await call((done) => store.touch("b", data(8 * 60 * 60_000, new Date(Date.now() + 8 * 60 * 60_000)), () => done()));
    expect(await expiryOf("b")).toBe(ended.getTime());
    expect(await call((done) => store.get("b", done))).toBeNull();
  });

  it("reads a session's expiry right in a process east of UTC (a session one minute from its end is still on)", async () => {
    const zone = process.env.TZ;
    process.env.TZ = "Europe/Brussels";
    try {
      await call((done) => store.set("c", data(8 * 60 * 60_000, new Date(Date.now() + 60_000)), done));
      expect(await call((done) => store.get("c", done))).toMatchObject({ cookie: { originalMaxAge: 8 * 60 * 60_000 } });
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});
