import type { SqlRunner } from "../core/db/database.js";

/** Empties every model table (not the migration bookkeeping) and restarts their id sequences. */
export async function emptyAllTables(db: SqlRunner): Promise<string[]> {
  const tables = (
    await db.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY tablename`,
    )
  ).map((row) => row.tablename);
  if (tables.length > 0) {
    await db.exec(`TRUNCATE ${tables.map((name) => `"${name.replace(/"/g, '""')}"`).join(", ")} RESTART IDENTITY CASCADE`);
  }
  return tables;
}
