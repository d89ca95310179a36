import { DataDirLockedError } from "../core/db/data-dir-lock.js";
import { openConfiguredDatabase, type OpenedDatabase } from "../core/db/open-configured.js";

/** Opens the configured database; a data folder in use by the server is reported, not forced. */
export async function openForSeeding(): Promise<OpenedDatabase | undefined> {
  try {
    return await openConfiguredDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR ?? "./data" });
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      console.error(error.message);
      return undefined;
    }
    throw error;
  }
}
