import { lockDataDir } from "./data-dir-lock.js";
import { isPostgresUrl, openPglite, openPostgres, type Database } from "./database.js";

export interface DatabaseConfig {
  /** postgresql://… for a real PostgreSQL; otherwise the embedded database in dataDir is used. */
  databaseUrl?: string;
  dataDir: string;
}

export interface OpenedDatabase {
  db: Database;
  /** Closes the database and releases the data-folder lock. */
  close(): Promise<void>;
  describe: string;
}

/** Opens the configured database; the embedded one only after taking its folder's exclusive lock. */
export async function openConfiguredDatabase(config: DatabaseConfig): Promise<OpenedDatabase> {
  if (isPostgresUrl(config.databaseUrl)) {
    const db = await openPostgres(config.databaseUrl);
    const url = new URL(config.databaseUrl);
    return { db, close: () => db.close(), describe: `PostgreSQL ${url.host}${url.pathname}` };
  }
  const lock = lockDataDir(config.dataDir);
  try {
    const db = await openPglite(config.dataDir);
    return {
      db,
      async close() {
        try {
          await db.close();
        } finally {
          lock.release();
        }
      },
      describe: `ingebouwde PostgreSQL (PGlite) in ${config.dataDir}`,
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}
