import { flat, ValidationError, type BaseRecord, type Filter, type PropertyOptions } from "adminjs";
import type { PrismaClient } from "@prisma/client";
import type { Tx } from "../core/transaction.js";
import type { Actor } from "./access/actor.js";
import { pickScope, type Where } from "../core/access/scope.js";
import type { DatamodelModel } from "./datamodel.js";
import { fieldLabelsNl } from "./locale/field-labels.js";
import { screenFieldLabels } from "./locale/screen-field-labels.js";

// Fields that hold a list, which @adminjs/prisma does not handle: a list of enum values in a column (a counter's
// permission groups) and a list of rows of another model kept in a link table (an advantage's counters). The
// resource hands them out as arrays, writes them within its transaction and audits what was added and removed.

export const CHOICE_LIST_COMPONENT = "ChoiceList";
export const REFERENCE_LIST_COMPONENT = "ReferenceList";

/** Rows of `model` an owner row lists through the link table `link` (owner column, target column). */
interface LinkList {
  link: string;
  owner: string;
  target: string;
  model: string;
  /** The owner's field its form places the list after. */
  after: string;
  /** Help text under the field, and the message (admin/locale) that says what an empty list means. */
  help: string;
  whenEmpty: string;
}

const linkLists: Readonly<Record<string, Readonly<Record<string, LinkList>>>> = {
  // Manual p. 9–10: the counters where it can be redeemed, and "geldig voor inwoners van" (none = all).
  Advantage: {
    counters: {
      link: "AdvantageCounter",
      owner: "advantageId",
      target: "counterId",
      model: "Counter",
      after: "ownerMunicipality",
      help: "Leeg = alle balies van het kaartsysteem.",
      whenEmpty: "listAllCounters",
    },
    municipalities: {
      link: "AdvantageMunicipality",
      owner: "advantageId",
      target: "municipalityId",
      model: "Municipality",
      after: "ownerMunicipality",
      help: "Leeg = geldig voor inwoners van alle gemeenten van het kaartsysteem.",
      whenEmpty: "listAllMunicipalities",
    },
  },
};

/** The form, show and list options of a model's list fields, placed in its form after the field they follow. */
export function listFieldOptions(model: DatamodelModel): Record<string, PropertyOptions> {
  const options: Record<string, PropertyOptions> = {};
  for (const field of model.fields.filter((candidate) => candidate.kind === "enum" && candidate.isList)) {
    // An empty list is a value too (a counter without permission groups), not a field left open.
    const choices = CHOICE_LIST_COMPONENT;
    options[field.name] = { isSortable: false, isRequired: false, components: { edit: choices, show: choices, list: choices } };
  }
  // AdminJS places a field at 100 + the number @adminjs/prisma gives it: its place in the schema, leaving out
  // back-relations and foreign-key columns.
  const shown = model.fields.filter((field) => !field.isReadOnly && !(field.relationName && !field.relationFromFields?.length));
  for (const [index, [path, list]] of Object.entries(linkLists[model.name] ?? {}).entries()) {
    const after = shown.findIndex((field) => field.name === list.after);
    options[path] = {
      reference: list.model,
      isSortable: false,
      // On the record only: a column of names would not fit the list beside the advantage's periods.
      isVisible: { list: false, show: true, edit: true, filter: false },
      position: 100 + after + (index + 1) / 10,
      description: list.help,
      custom: { whenEmpty: list.whenEmpty },
      components: { edit: REFERENCE_LIST_COMPONENT, show: REFERENCE_LIST_COMPONENT },
    };
  }
  return options;
}

type Row = Record<string, unknown>;
type Delegate = {
  findMany(args: object): Promise<Row[]>;
  count(args: object): Promise<number>;
  deleteMany(args: object): Promise<unknown>;
  createMany(args: object): Promise<unknown>;
};

/** The rows chosen for one link list of a submitted form. */
interface LinkChoice {
  path: string;
  list: LinkList;
  ids: number[];
}

const INT_MAX = 2 ** 31 - 1;

/** The list fields of one model, as the resource over it reads, filters and writes them. */
export class ListFields {
  private readonly enumLists: ReadonlyMap<string, readonly string[]>;
  private readonly links: Readonly<Record<string, LinkList>>;
  // find and count get the same Filter; its list filters are taken out of it once.
  private readonly filterConditions = new WeakMap<Filter, Where[] | null>();

  constructor(model: DatamodelModel, enumMembers: (field: string) => readonly string[]) {
    const enumFields = model.fields.filter((field) => field.kind === "enum" && field.isList);
    this.enumLists = new Map(enumFields.map((field) => [field.name, enumMembers(field.name)]));
    this.links = linkLists[model.name] ?? {};
  }

  /**
   * The submitted values with each enum list as an array of its members (refused in Dutch when a value is none),
   * and the link lists taken out, to be written by `write`. A list that was not submitted is left as it is.
   */
  split(params: Row): { data: Row; links: LinkChoice[] } {
    const data = { ...params };
    const links: LinkChoice[] = [];
    for (const [path, members] of this.enumLists) {
      const values = takeList(data, path);
      if (values === undefined) continue;
      if (!values.every((value) => members.includes(value))) throw fieldError(path, `Kies bij "${labelOf(path)}" enkel uit de getoonde waarden.`);
      data[path] = members.filter((member) => values.includes(member));
    }
    for (const [path, list] of Object.entries(this.links)) {
      const values = takeList(data, path);
      if (values === undefined) continue;
      const ids = values.map((value) => (/^\d{1,10}$/.test(value.trim()) && Number(value) <= INT_MAX ? Number(value) : undefined));
      if (ids.includes(undefined)) throw fieldError(path, notFound(path));
      links.push({ path, list, ids: [...new Set(ids as number[])] });
    }
    return { data, links };
  }

  /**
   * Makes the owner row's link lists what was chosen, inside the write's transaction: only rows of the owner's
   * card system that the actor may pick can be added or removed. Returns the audit's account of the change
   * (what was added and removed, by name) and the lists as the record now holds them.
   */
  async write(tx: Tx, actor: Actor, owner: Row, choices: LinkChoice[]): Promise<{ changes: Row; values: Row }> {
    const changes: Row = {};
    const values: Row = {};
    for (const { path, list, ids } of choices) {
      values[path] = ids;
      const links = delegateOf(tx, list.link);
      const current = (await links.findMany({ where: { [list.owner]: owner.id } })).map((row) => row[list.target] as number);
      const added = ids.filter((id) => !current.includes(id));
      const removed = current.filter((id) => !ids.includes(id));
      if (added.length === 0 && removed.length === 0) continue;
      const targets = delegateOf(tx, list.model);
      const changed = [...added, ...removed];
      const rows = await targets.findMany({ where: { id: { in: changed } }, select: { id: true, name: true, cardSystemId: true } });
      const byId = new Map(rows.map((row) => [row.id as number, row]));
      if (added.some((id) => byId.get(id)?.cardSystemId !== owner.cardSystemId)) throw fieldError(path, notFound(path));
      const scope = pickScope(actor, list.model);
      const reachable = scope && (Object.keys(scope).length === 0 ? changed.length : await targets.count({ where: { AND: [{ id: { in: changed } }, scope] } }));
      if (reachable !== changed.length) throw fieldError(path, `Dit valt buiten uw gemeente: kies bij "${labelOf(path)}" enkel waarden van uw eigen gemeente.`);
      if (removed.length) await links.deleteMany({ where: { [list.owner]: owner.id, [list.target]: { in: removed } } });
      if (added.length) await links.createMany({ data: added.map((id) => ({ [list.owner]: owner.id, [list.target]: id })), skipDuplicates: true });
      const named = (some: number[]) => some.map((id) => ({ id, name: byId.get(id)?.name ?? null }));
      changes[path] = { added: named(added), removed: named(removed) };
    }
    return { changes, values };
  }

  /** Gives each record its link lists (the ids of the rows it lists), for its show and edit screens. */
  async addTo(client: PrismaClient, records: BaseRecord[]): Promise<void> {
    const owners = records.map((record) => record.params.id).filter((id) => typeof id === "number");
    if (owners.length === 0) return;
    for (const [path, list] of Object.entries(this.links)) {
      const rows = await delegateOf(client, list.link).findMany({ where: { [list.owner]: { in: owners } }, orderBy: { [list.target]: "asc" } });
      for (const record of records) record.set(path, rows.filter((row) => row[list.owner] === record.params.id).map((row) => row[list.target]));
    }
  }

  /**
   * The conditions of the list filters of `filter` ("has this permission group"), taken out of it; null when a
   * filter value is no member, so nothing can match.
   */
  filterWhere(filter: Filter): Where[] | null {
    if (this.filterConditions.has(filter)) return this.filterConditions.get(filter)!;
    const conditions: Where[] = [];
    let fits = true;
    for (const [path, members] of this.enumLists) {
      const value = filter.filters[path]?.value;
      if (value === undefined) continue;
      delete filter.filters[path];
      if (typeof value === "string" && members.includes(value)) conditions.push({ [path]: { has: value } });
      else fits = false;
    }
    const result = fits ? conditions : null;
    this.filterConditions.set(filter, result);
    return result;
  }
}

/**
 * The list a form submitted for `path` (as `path.0`, `path.1`… or one value; empty when cleared), taken out of
 * `data`; undefined when the form did not submit it.
 */
function takeList(data: Row, path: string): string[] | undefined {
  const value = flat.get(data as Parameters<typeof flat.get>[0], path) as unknown;
  for (const key of Object.keys(data)) if (key === path || key.startsWith(`${path}.`)) delete data[key];
  if (value === undefined) return undefined;
  if (value === null || value === "") return [];
  const values = Array.isArray(value) ? value : [value];
  // Anything but plain values (a nested object posted as path.a.b) is no choice at all.
  return values.map((item) => (typeof item === "string" || typeof item === "number" ? String(item) : "\u0000"));
}

function labelOf(path: string): string {
  return (screenFieldLabels.nl as Record<string, string>)[path] ?? fieldLabelsNl[path] ?? path;
}

function notFound(path: string): string {
  return `De gekozen waarde bij "${labelOf(path)}" bestaat niet (meer).`;
}

function fieldError(path: string, message: string): ValidationError {
  return new ValidationError({ [path]: { message } }, { message });
}

function delegateOf(client: PrismaClient | Tx, model: string): Delegate {
  return (client as unknown as Record<string, Delegate>)[model.charAt(0).toLowerCase() + model.slice(1)]!;
}
