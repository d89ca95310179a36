import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { inject } from "vitest";
import pg from "pg";
import { openPglite, openPostgres, type Database, type DatabaseKind } from "../../core/db/database.js";
import { migrate } from "../../core/db/migrate.js";

/** Database tests run on embedded PGlite always, and also on real PostgreSQL when TEST_DATABASE_URL is set. */
export const databaseKinds: DatabaseKind[] = process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

export interface TestDatabase extends Database {
  dispose(): Promise<void>;
}

/** Which embedded data folder a test database starts from: only migrated, or with the demo region seeded. */
export type PgliteTemplate = "migrated" | "demo";

async function templateBlob(template: PgliteTemplate): Promise<Blob> {
  return new Blob([await readFile(inject("pgliteTemplates")[template])]);
}

/** A fresh, migrated, empty database of the given kind; `dispose` closes it (and drops it on PostgreSQL). */
export async function freshDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  return kind === "pglite" ? freshPglite("migrated") : freshPostgres();
}

/** A fresh embedded database copied from one of the run's templates (see pglite-templates.ts). */
export async function freshPglite(template: PgliteTemplate): Promise<TestDatabase> {
  const db = await openPglite("memory://", { loadDataDir: await templateBlob(template) });
  return Object.assign(db, { dispose: () => db.close() });
}

async function freshPostgres(): Promise<TestDatabase> {
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
