import type { ResourceOptions } from "adminjs";
import type { Datamodel, DatamodelModel } from "../datamodel.js";
import { RecordTitles } from "./record-titles.js";
import { TITLE_PATH, type ScreenHooks } from "./screen-hooks.js";
import { compoundFilters, searchWhere } from "./search.js";
import { partScreens, screenOf } from "./screens.js";

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

/** What the resource of screen `id` needs at run time: its part of the model, compound filters and titles. */
export function screenHooks(id: string, model: string, datamodel: Datamodel): ScreenHooks {
  const titles = new RecordTitles(datamodel);
  return {
    fixed: partScreens[id]?.fixed,
    filterWhere: (path, value, readScopeOf) => searchWhere(datamodel, model, path, value, readScopeOf),
    async addTitles(records, readScopeOf, reads) {
      const found = await titles.of(model, records, readScopeOf, reads);
      records.forEach((record, index) => {
        if (found[index] !== undefined) record[TITLE_PATH] = found[index];
      });
    },
  };
}
