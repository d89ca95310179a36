import { CardStatus, type PrismaClient } from "@prisma/client";
import type { ResourceOptions } from "adminjs";
import type { Datamodel, DatamodelModel } from "../datamodel.js";
import { RecordTitles } from "./record-titles.js";
import { TITLE_PATH, type ScreenHooks } from "./screen-hooks.js";
import { compoundFilters, momentFilters, momentWhere, searchWhere } from "./search.js";
import { partScreens, screenOf } from "./screens.js";
import { AUDITED_RECORD_PATH, CARD_NUMBER_PATH, CARD_STATUS_PATH } from "./title-rules.js";

type Properties = NonNullable<ResourceOptions["properties"]>;

const onlyInFilter = { list: false, filter: true, show: false, edit: false };

/**
 * The AdminJS options of screen `id` over `model`: its columns, filters and sort, the record title, and the
 * fields its form leaves out. `properties` (the model's own, with their help texts) get the screen's additions.
 */
export function screenOptions(id: string, model: DatamodelModel, properties: Properties): ResourceOptions {
  const screen = screenOf(id);
  const part = partScreens[id];
  properties[TITLE_PATH] = { type: "string", isSortable: false, isVisible: { ...onlyInFilter, filter: !!screen?.filter.includes(TITLE_PATH) } };
  for (const path of Object.keys(compoundFilters[model.name] ?? {})) {
    if (!model.fields.some((field) => field.name === path)) properties[path] = { type: "string", isSortable: false, isVisible: onlyInFilter };
  }
  for (const path of Object.keys(momentFilters[model.name] ?? {})) properties[path] = { type: "boolean", isSortable: false, isVisible: onlyInFilter };
  for (const [path, options] of Object.entries(readColumns[model.name]?.(model) ?? {})) properties[path] = { ...properties[path], ...options };
  for (const field of part?.notInForm ?? []) {
    properties[field] = { ...properties[field], isVisible: { list: true, filter: true, show: field !== "kind", edit: false } };
  }
  const options: ResourceOptions = { titleProperty: TITLE_PATH, properties };
  if (part) options.id = id;
  if (screen) {
    options.listProperties = screen.list;
    options.filterProperties = screen.filter;
    options.sort = { sortBy: screen.sort[0], direction: screen.sort[1] };
  }
  return options;
}

/** Paths a screen of `model` shows or filters on that are no field of the model (search box, card, filters). */
export function screenOnlyPaths(model: DatamodelModel): string[] {
  const columns = Object.keys(readColumns[model.name]?.(model) ?? {});
  return [TITLE_PATH, ...Object.keys(compoundFilters[model.name] ?? {}), ...Object.keys(momentFilters[model.name] ?? {}), ...columns];
}

const shown = { list: true, show: true, edit: false };

/** Columns that are no field of the model, read along with the record's title (title-rules.ts `columns`). */
const readColumns: Readonly<Record<string, (model: DatamodelModel) => Properties>> = {
  Passholder: (model) => {
    // On the passholder's page right after the name (AdminJS places a field at 100 + its place in the schema).
    const afterName = 100 + model.fields.filter((field) => !field.isReadOnly && !(field.relationName && !field.relationFromFields?.length)).findIndex((field) => field.name === "lastName") + 0.5;
    return {
      [CARD_NUMBER_PATH]: { type: "string", isSortable: false, isVisible: { ...shown, filter: true }, position: afterName },
      [CARD_STATUS_PATH]: {
        type: "string",
        isSortable: false,
        isVisible: { ...shown, filter: false },
        position: afterName + 0.1,
        availableValues: Object.values(CardStatus).map((status) => ({ value: status, label: status })),
      },
    };
  },
  AuditLog: () => ({ [AUDITED_RECORD_PATH]: { type: "string", isSortable: false, isVisible: { ...shown, filter: false } } }),
};

/** What the resource of screen `id` needs at run time: its part of the model, compound filters and titles. */
export function screenHooks(id: string, model: string, datamodel: Datamodel, client: PrismaClient): ScreenHooks {
  const titles = new RecordTitles(datamodel);
  return {
    fixed: partScreens[id]?.fixed,
    filterWhere: async (path, value, readScopeOf) => searchWhere(datamodel, model, path, value, readScopeOf) ?? momentWhere(client, model, path, value),
    async addTitles(records, readScopeOf, reads) {
      const found = await titles.of(model, records, readScopeOf, reads);
      records.forEach((record, index) => {
        const { title, columns } = found[index]!;
        if (title !== undefined) record[TITLE_PATH] = title;
        Object.assign(record, columns);
      });
    },
  };
}
