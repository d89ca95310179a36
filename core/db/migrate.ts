import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Database, SqlRunner } from "./database.js";

export const migrationsDir = fileURLToPath(new URL("../../prisma/migrations/", import.meta.url));

// Same bookkeeping table as `prisma migrate deploy`, so both tools agree on what is applied.
const bookkeeping = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// Any constant works; it only has to be the same for every instance of the app.
const MIGRATION_LOCK_KEY = 72_447_001;

export class MigrationChangedError extends Error {
  constructor(readonly migration: string) {
    super(
      `Migratie ${migration} werd gewijzigd nadat ze op deze databank werd toegepast. ` +
        `Wijzig nooit een toegepaste migratie: zet de wijziging in een nieuwe migratie (npm run db:migration -- naam).`,
    );
    this.name = "MigrationChangedError";
  }
}

export interface MigrationResult {
  applied: string[];
}

/** Applies the committed migrations that are not applied yet, each in its own transaction. */
export function migrate(db: Database): Promise<MigrationResult> {
  return db.withConnection((connection) => applyPending(connection, db.kind === "postgres"));
}

async function applyPending(db: SqlRunner, shared: boolean): Promise<MigrationResult> {
  const names = (await readdir(migrationsDir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  await db.exec(bookkeeping);
  // Several app instances may start at once on one PostgreSQL: one migrates, the others wait.
  if (shared) await db.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
  try {
    const done = new Map(
      (await db.query<{ migration_name: string; checksum: string }>(
        `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      )).map((row) => [row.migration_name, row.checksum]),
    );
    const applied: string[] = [];
    for (const name of names) {
      const sql = await readFile(path.join(migrationsDir, name, "migration.sql"), "utf8");
      const checksum = createHash("sha256").update(sql).digest("hex");
      const appliedChecksum = done.get(name);
      if (appliedChecksum !== undefined) {
        // An edited migration never reaches databases that ran the old one: refuse rather than drift silently.
        if (appliedChecksum !== checksum) throw new MigrationChangedError(name);
        continue;
      }
      await db.exec(`BEGIN;\n${sql}\n;INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
        VALUES ('${randomUUID()}', '${checksum}', now(), '${name.replace(/'/g, "''")}', 1);\nCOMMIT;`).catch(async (error: unknown) => {
        await db.exec("ROLLBACK").catch(() => undefined);
        throw new Error(`Migratie ${name} mislukt: ${(error as Error).message}`);
      });
      applied.push(name);
    }
    return { applied };
  } finally {
    if (shared) await db.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
  }
}
