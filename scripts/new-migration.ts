// Writes a new migration from the difference between the committed schema (git HEAD) and the working one.
// Prisma 7's CLI needs a native schema engine that cannot be downloaded here; its WebAssembly build diffs schema
// to schema offline, with an embedded PostgreSQL as the scratch database it asks for.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Gebruik: npm run db:migration -- naam_in_kleine_letters");
  process.exit(1);
}

async function schemaEngine() {
  const folder = path.dirname(createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm"));
  const bindings = await import(pathToFileURL(path.join(folder, "schema_engine_bg.js")).href);
  const module = new WebAssembly.Module(readFileSync(path.join(folder, "schema_engine_bg.wasm")));
  const instance = new WebAssembly.Instance(module, { "./schema_engine_bg.js": bindings });
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(new PGlite("memory://")) as never);
  return bindings.SchemaEngine.new({ datamodels: undefined }, () => undefined, adapter);
}

// A schema of before Prisma 7 still names its URL in the datasource; the diff needs no URL.
const committed = execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], { encoding: "utf8" }).replace(/^\s*url\s*=.*$/m, "");
const datamodel = (file: string, content: string) => ({ tag: "schemaDatamodel", files: [{ path: file, content }] });
const engine = await schemaEngine();
const { stdout: sql } = (await engine.diff({
  from: datamodel("HEAD:prisma/schema.prisma", committed),
  to: datamodel("prisma/schema.prisma", readFileSync("prisma/schema.prisma", "utf8")),
  script: true,
  exitCode: null,
  filters: { externalTables: [], externalEnums: [] },
})) as { stdout: string };
if (/This is an empty migration/.test(sql)) {
  console.log("Geen wijzigingen in prisma/schema.prisma ten opzichte van de laatste commit.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const folder = path.join("prisma", "migrations", `${stamp}_${name}`);
mkdirSync(folder, { recursive: true });
writeFileSync(path.join(folder, "migration.sql"), sql);
console.log(`Nieuwe migratie: ${folder}/migration.sql — lees ze na en voeg regels toe die Prisma niet kent (CHECK, partiële indexen).`);
