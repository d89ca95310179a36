import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { openPglite } from "../../core/db/database.js";
import { migrate } from "../../core/db/migrate.js";
import { seedDemo } from "../../seeds/demo.js";
import { DEMO_NOW } from "./demo-now.js";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplates: { migrated: string; demo: string };
  }
}

/**
 * vitest globalSetup: migrates one embedded database, and seeds the demo region into it, once per run. Test files
 * start from copies of these data folders instead of migrating (and seeding) their own.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const folder = await mkdtemp(path.join(tmpdir(), "pglite-templates-"));
  const db = await openPglite("memory://");
  const dump = async (name: string) => {
    const file = path.join(folder, `${name}.tar`);
    await writeFile(file, Buffer.from(await (await db.pglite.dumpDataDir("none")).arrayBuffer()));
    return file;
  };
  try {
    await migrate(db);
    const migrated = await dump("migrated");
    await seedDemo(db, { now: DEMO_NOW });
    project.provide("pgliteTemplates", { migrated, demo: await dump("demo") });
  } finally {
    await db.close();
  }
  return () => rm(folder, { recursive: true, force: true });
}
