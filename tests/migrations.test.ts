import { Prisma } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../core/db/migrate.js";
import { databaseKinds, freshDatabase, type TestDatabase } from "./helpers/databases.js";

describe.each(databaseKinds)("committed migrations on %s", (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await freshDatabase(kind);
  });
  afterAll(() => db.dispose());

  it("create a table and column for every model and scalar field of the schema", async () => {
    const columns = await db.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    const present = new Set(columns.map((column) => `${column.table_name}.${column.column_name}`));
    const missing = Prisma.dmmf.datamodel.models.flatMap((model) =>
      model.fields
        .filter((field) => field.kind === "scalar" || field.kind === "enum")
        .map((field) => `${model.dbName ?? model.name}.${field.dbName ?? field.name}`)
        .filter((column) => !present.has(column)),
    );
    expect(missing).toEqual([]);
  });

  it("create every enum value of the schema", async () => {
    const rows = await db.query<{ typname: string; enumlabel: string }>(
      `SELECT t.typname, e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid`,
    );
    const present = new Set(rows.map((row) => `${row.typname}.${row.enumlabel}`));
    const missing = Prisma.dmmf.datamodel.enums.flatMap((enumType) =>
      enumType.values.map((value) => `${enumType.name}.${value.name}`).filter((label) => !present.has(label)),
    );
    expect(missing).toEqual([]);
  });

  it("are recorded like prisma migrate deploy does, and applying them again changes nothing", async () => {
    const recorded = await db.query<{ migration_name: string; checksum: string }>(`SELECT migration_name, checksum FROM "_prisma_migrations"`);
    expect(recorded.length).toBeGreaterThan(0);
    expect(recorded.every((row) => /^[0-9a-f]{64}$/.test(row.checksum))).toBe(true);
    expect(await migrate(db)).toEqual({ applied: [] });
  });
});

describe("an edited migration", () => {
  it("is refused on a database that applied the original", async () => {
    const db = await freshDatabase("pglite");
    try {
      await db.exec(`UPDATE "_prisma_migrations" SET checksum = repeat('0', 64)`);
      await expect(migrate(db)).rejects.toThrow(/werd gewijzigd nadat ze op deze databank werd toegepast/);
    } finally {
      await db.dispose();
    }
  });
});
