import { randomBytes } from "node:crypto";
import pg from "pg";
import { openPglite, openPostgres, type Database, type DatabaseKind } from "../../core/db/database.js";
import { migrate } from "../../core/db/migrate.js";

/** Database tests run on embedded PGlite always, and also on real PostgreSQL when TEST_DATABASE_URL is set. */
export const databaseKinds: DatabaseKind[] = process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

export interface TestDatabase extends Database {
  dispose(): Promise<void>;
}

let pgliteTemplate: Promise<Blob> | undefined;

function migratedPgliteTemplate(): Promise<Blob> {
  pgliteTemplate ??= (async () => {
    const db = await openPglite("memory://");
    await migrate(db);
    const blob = await db.pglite.dumpDataDir("none");
    await db.close();
    return blob;
  })();
  return pgliteTemplate;
}

/** A fresh, migrated, empty database of the given kind; `dispose` closes it (and drops it on PostgreSQL). */
export async function freshDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === "pglite") {
    const db = await openPglite("memory://", { loadDataDir: await migratedPgliteTemplate() });
    return Object.assign(db, { dispose: () => db.close() });
  }
  const baseUrl = process.env.TEST_DATABASE_URL;
  if (!baseUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString(), { poolSize: 60 });
  await migrate(db);
  return Object.assign(db, {
    async dispose() {
      await db.close();
      const cleanup = new pg.Client({ connectionString: baseUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await cleanup.end();
    },
  });
}
