import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { DatabaseKind } from "../core/db/database.js";
import { openConfiguredDatabase, type OpenedDatabase } from "../core/db/open-configured.js";

/** A throw-away database for one torture run, on disk (PGlite) or on a PostgreSQL server. */
export interface DatabaseUnderTest {
  kind: DatabaseKind;
  /** What the server's environment needs to use this database. */
  serverEnv: Record<string, string>;
  /** Opens it from this process, as the server does; for PGlite only while no server holds the folder. */
  open(): Promise<OpenedDatabase>;
  /** Removes the folder and drops the database. */
  dispose(): Promise<void>;
}

/** The default admin connection used to create (and drop) the temporary PostgreSQL database. */
export const DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createDatabaseUnderTest(kind: DatabaseKind, adminUrl = DEFAULT_ADMIN_URL): Promise<DatabaseUnderTest> {
  // Also the server's DATA_DIR on PostgreSQL: mails without SMTP become files there.
  const workDir = await mkdtemp(path.join(tmpdir(), `uitpas-torture-${kind}-`));
  if (kind === "pglite") {
    const dataDir = path.join(workDir, "data");
    return {
      kind,
      serverEnv: { DATA_DIR: dataDir, DATABASE_URL: "" },
      open: () => openConfiguredDatabase({ dataDir }),
      dispose: () => rm(workDir, { recursive: true, force: true }),
    };
  }
  const name = `torture_${process.pid}_${randomBytes(4).toString("hex")}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  return {
    kind,
    serverEnv: { DATA_DIR: workDir, DATABASE_URL: databaseUrl },
    open: () => openConfiguredDatabase({ databaseUrl, dataDir: workDir }),
    async dispose() {
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await rm(workDir, { recursive: true, force: true });
    },
  };
}
