import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import internals from "@prisma/internals";

export const schemaPath = fileURLToPath(new URL("../prisma/schema.prisma", import.meta.url));

export type Datamodel = Awaited<ReturnType<typeof internals.getDMMF>>["datamodel"];
export type DatamodelModel = Datamodel["models"][number];
export type DatamodelField = DatamodelModel["fields"][number];

let loaded: Promise<Datamodel> | undefined;

/**
 * The full datamodel read from the schema. Prisma's runtime DMMF is trimmed (no isId, no `///` documentation),
 * which breaks @adminjs/prisma; this one has both. Read once per process (about a second); treat it as read-only.
 */
export function loadDatamodel(): Promise<Datamodel> {
  loaded ??= readFile(schemaPath, "utf8").then(async (datamodel) => (await internals.getDMMF({ datamodel })).datamodel);
  loaded.catch(() => (loaded = undefined));
  return loaded;
}

/** The field's `///` help text; a relation without its own falls back to that of its foreign-key field. */
export function fieldDocumentation(model: DatamodelModel, field: DatamodelField): string | undefined {
  if (field.documentation) return field.documentation;
  const foreignKey = field.relationFromFields?.[0];
  return foreignKey ? model.fields.find((candidate) => candidate.name === foreignKey)?.documentation : undefined;
}
