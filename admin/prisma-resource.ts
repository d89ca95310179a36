import { BaseProperty, BaseRecord, ForbiddenError, ValidationError, type ActionContext, type Filter } from "adminjs";
import { convertFilter, Resource } from "@adminjs/prisma";
import type { PrismaClient } from "@prisma/client";
import { recordAudit } from "../core/audit/record-audit.js";
import type { Tx } from "../core/transaction.js";
import { actorOf, type Actor } from "./access/actor.js";
import { pickScope, readScope, scopeField, writeScope, type Where } from "../core/access/scope.js";
import { changedFields } from "./audit-changes.js";
import { auditOriginOf } from "./audit-origin.js";
import type { DatamodelField, DatamodelModel } from "./datamodel.js";
import { fieldLabelsNl } from "./locale/field-labels.js";
import { RowReads } from "./presentation/row-reads.js";
import type { ScreenHooks } from "./presentation/screen-hooks.js";
import { titleRules } from "./presentation/title-rules.js";
import { writeRefusal } from "./write-errors.js";
import { filtersTypedText, listTotal, readMatchesFirst } from "./list-count.js";
import { columnValue, filterValuesFit, formDateValue, unfitFormValue } from "./key-values.js";
import { submittedValuesOf } from "./submitted-values.js";
import { ListFields } from "./list-fields.js";

export interface PrismaResourceArgs {
  model: DatamodelModel;
  client: PrismaClient;
  clientModule: unknown;
  /** Fields that may be written but are never read back, filtered or sorted on (e.g. passwordHash). */
  secretFields?: string[];
  /** Fields shown, filtered, sorted and written only by users with mayViewInsz (need to know). */
  inszFields?: string[];
  /** The screen this resource serves: the part of the model it shows, compound filters, human titles. */
  screen?: ScreenHooks;
  /** Fields kept up to date by core/ (e.g. a balance): never written from a form, whatever it sends. */
  derivedFields?: string[];
  /** Text fields whose list filter matches the whole value, not a part (e.g. the audit trail's record id). */
  exactFilterFields?: string[];
}

/** Where a create or edit refused as a whole (not for one field) carries its message among the field errors. */
export const FORM_ERROR = "_form";

/** Path of the synthetic id of models whose primary key spans several fields. */
export const COMPOSITE_KEY_PATH = "recordKey";

class CompositeKeyProperty extends BaseProperty {
  constructor() {
    super({ path: COMPOSITE_KEY_PATH, type: "string", isId: true, isSortable: false });
  }
  override isEditable(): boolean {
    return false;
  }
  override isVisible(): boolean {
    return false;
  }
  foreignColumnName(): null {
    return null;
  }
  isEnum(): boolean {
    return false;
  }
}

type Sort = { sortBy?: string; direction?: "asc" | "desc" };
type Row = Record<string, unknown>;
type Context = Partial<ActionContext> | undefined;
// The slice of a Prisma model delegate the resource uses.
type Delegate = {
  findFirst(args: { where: Where }): Promise<Row | null>;
  findMany(args: { where?: Where; include?: Record<string, unknown> }): Promise<Row[]>;
  count(args: { where?: Where }): Promise<number>;
  create(args: { data: Row }): Promise<Row>;
  update(args: { where: Where; data: Row }): Promise<Row>;
  delete(args: { where: Where }): Promise<Row>;
};
type ListDelegate = Pick<Delegate, "findMany" | "count">;

// One RowReads per request of an action that only reads: AdminJS hands the same context to find, count and the
// populator of every resource. An action that writes reads afresh each time, so it never shows what it read before.
const requestReads = new WeakMap<object, RowReads>();
const READING_ACTIONS = new Set(["list", "show", "search"]);

/**
 * The @adminjs/prisma resource, made safe and complete for this schema:
 * - every read and write goes through the signed-in user's scope (admin/access/scope.ts): rows outside it are
 *   never listed, found by id, populated as references, changed or deleted, and no write may move a row out of it;
 * - INSZ is shown, filtered and written only by users allowed to see it;
 * - every create, update and delete writes its audit row in the same transaction;
 * - secret fields never leave the database, BigInt values become strings (JSON cannot carry them),
 *   and models with a composite primary key (link tables) get a synthetic id "a,b".
 */
export class PrismaResource extends Resource {
  private readonly secretFields: ReadonlySet<string>;
  private readonly inszFields: ReadonlySet<string>;
  private readonly derivedFields: ReadonlySet<string>;
  private readonly exactFilterFields: ReadonlySet<string>;
  // find and count get the same Filter; its exact-match filters are taken out of it once.
  private readonly exactConditions = new WeakMap<Filter, Where[]>();
  private readonly compositeKey?: { name: string; fields: string[] };
  private readonly screen?: ScreenHooks;
  // find and count get the same Filter; its compound filters are turned into conditions once.
  private readonly screenConditions = new WeakMap<Filter, Promise<Where[]>>();
  private readonly lists: ListFields;

  constructor(args: PrismaResourceArgs) {
    super(args as unknown as ConstructorParameters<typeof Resource>[0]);
    this.secretFields = new Set(args.secretFields ?? []);
    this.inszFields = new Set(args.inszFields ?? []);
    this.screen = args.screen;
    this.derivedFields = new Set(args.derivedFields ?? []);
    this.exactFilterFields = new Set(args.exactFilterFields ?? []);
    this.lists = new ListFields(args.model, (field) => this.property(field)?.availableValues() ?? []);
    const primaryKey = args.model.primaryKey;
    if (primaryKey && primaryKey.fields.length > 1) {
      this.compositeKey = { name: primaryKey.name ?? primaryKey.fields.join("_"), fields: [...primaryKey.fields] };
      const key = new CompositeKeyProperty();
      this.propertiesObject[COMPOSITE_KEY_PATH] = key as never;
      this.idProperty = key as never;
    }
  }

  /** The pager's total: exact for small lists, an estimate beyond admin/list-count.ts's limit; always within scope. */
  override async count(filter: Filter, context?: Context): Promise<number> {
    const actor = await actorOf(this.client, context);
    const scope = await this.listScope(actor, filter, context);
    if (!scope) return 0;
    const delegate = this.delegate();
    const counting: ListDelegate = { ...scoped(delegate, scope), count: ({ where }) => listTotal(this.client, this.model, delegate, and(where ?? {}, scope)) };
    return Resource.prototype.count.call(this.view(counting), this.allowedFilter(filter, actor));
  }

  override async find(filter: Filter, params: { limit?: number; offset?: number; sort?: Sort } = {}, context?: Context): Promise<BaseRecord[]> {
    const actor = await actorOf(this.client, context);
    const scope = await this.listScope(actor, filter, context);
    if (!scope) return [];
    const sort = this.isHiddenFrom(actor, params.sort?.sortBy) ? {} : params.sort;
    const listed = scoped(this.delegate(), scope);
    const titleScope = context?.action?.name === "search" ? null : readScope(actor, this.model.name);
    // The rows come with what their titles need, so the titles do not read them again.
    const withTitleData: ListDelegate = {
      ...listed,
      findMany: async (args) => {
        const withTitles = { ...args, include: titleRules[this.model.name]?.include };
        const rows = filtersTypedText([args.where, scope])
          ? await readMatchesFirst(this.client, (tx) => scoped(this.delegate(tx), scope).findMany(withTitles))
          : await listed.findMany(withTitles);
        if (titleScope && !this.compositeKey) this.readsOf(context).remember(this.model.name, this.idProperty.path(), titleScope, rows);
        return rows;
      },
    };
    const records = await Resource.prototype.find.call(this.view(withTitleData), this.allowedFilter(filter, actor), { ...pageOf(params), sort });
    return this.titled(actor, this.visibleTo(actor, records), context);
  }

  /** The Prisma condition of exactly the rows `find` lists for `filter` (scope, screen, filters), for exports; null is none. */
  async listWhere(filter: Filter, context?: Context): Promise<Where | null> {
    const actor = await actorOf(this.client, context);
    const scope = await this.listScope(actor, filter, context);
    return scope && and(convertFilter(this.model.fields, this.allowedFilter(filter, actor)) as Where, scope);
  }

  override async findOne(id: string | number, context?: Context): Promise<BaseRecord | null> {
    const actor = await actorOf(this.client, context);
    const scope = this.fixedWithin(readScope(actor, this.model.name));
    if (!scope) return null;
    const key = this.keyWhere(id);
    const row = key && (await this.delegate().findFirst({ where: and(key, scope) }));
    return row ? (await this.withLists(await this.titled(actor, this.visibleTo(actor, [new BaseRecord(this.prepareReturnValues(row), this)]), context)))[0]! : null;
  }

  override async findMany(ids: Array<string | number>, context?: Context): Promise<BaseRecord[]> {
    const actor = await actorOf(this.client, context);
    const scope = this.fixedWithin(readScope(actor, this.model.name));
    if (!scope || ids.length === 0) return [];
    const idField = this.idProperty.path();
    const keys = this.compositeKey && compositeIds(ids, this.compositeKey.fields.length).flatMap((id) => this.keyWhere(id) ?? []);
    // Prisma reads an empty OR inside AND as no condition at all: without one valid key there is no row, not every row.
    if (keys && keys.length === 0) return [];
    const rows = keys
      ? await this.delegate().findMany({ where: and({ OR: keys }, scope) })
      : [...(await this.readsOf(context).byId(this.model.name, idField, ids.map((id) => this.keyValue(idField, String(id))).filter((key) => key !== undefined), scope)).values()];
    const records = this.visibleTo(actor, rows.map((row) => new BaseRecord(this.prepareReturnValues(row), this)));
    // A bulk action takes the whole selection or nothing: an id out of reach (another municipality's row, a
    // tampered list) refuses it as not found, instead of dropping out of the selection unnoticed.
    if (context?.action?.isBulkType() && !this.coversSelection(ids, records)) return [];
    return this.titled(actor, records, context);
  }

  private coversSelection(ids: Array<string | number>, records: BaseRecord[]): boolean {
    const found = new Set(records.map((record) => String(record.id())));
    const wanted = this.compositeKey ? compositeIds(ids, this.compositeKey.fields.length) : ids.map(String);
    return wanted.every((id) => found.has(id));
  }

  override async create(params: Record<string, unknown>, context?: Context): Promise<Record<string, unknown>> {
    const { actor, scope } = await this.writer(context);
    const { data: submitted, links } = this.lists.split(params);
    const data = this.prepareParams(this.allowedWrite(submitted, actor, true, submittedValuesOf(context)));
    return this.refusingBadValues(params, async (tx) => {
      await this.checkReferences(tx, actor, data, null);
      const values = this.prepareReturnValues(await this.delegate(tx).create({ data }));
      const after = await this.rowIn(tx, values[this.idProperty.path()] as string, scope);
      if (!after) throw this.outOfScope();
      const listed = await this.lists.write(tx, actor, after, links);
      await this.audit(tx, actor, context, after, { ...changedFields(null, after), ...listed.changes });
      return { ...this.valuesVisibleTo(actor, values), ...listed.values };
    });
  }

  override async update(pk: string | number, params: Record<string, unknown> = {}, context?: Context): Promise<Record<string, unknown>> {
    const { actor, scope } = await this.writer(context);
    const { data: submitted, links } = this.lists.split(params);
    const data = this.prepareParams(this.allowedWrite(submitted, actor, false, submittedValuesOf(context)));
    return this.refusingBadValues(params, async (tx) => {
      const before = await this.rowIn(tx, pk, scope);
      if (!before) throw notYours();
      await this.checkReferences(tx, actor, data, before);
      // The row is updated (and so locked) before its link lists are read and changed.
      const values = this.prepareReturnValues(await this.delegate(tx).update({ where: this.uniqueWhere(pk), data }));
      const after = await this.rowIn(tx, values[this.idProperty.path()] as string, scope);
      if (!after) throw this.outOfScope();
      const listed = await this.lists.write(tx, actor, after, links);
      await this.audit(tx, actor, context, after, { ...changedFields(before, after), ...listed.changes });
      return { ...this.valuesVisibleTo(actor, values), ...listed.values };
    });
  }

  override async delete(id: string | number, context?: Context): Promise<void> {
    const { actor, scope } = await this.writer(context);
    await this.refusingBadValues(null, async (tx) => {
      const before = await this.rowIn(tx, id, scope);
      if (!before) throw notYours();
      await this.delegate(tx).delete({ where: this.uniqueWhere(id) });
      await this.audit(tx, actor, context, before);
    });
  }

  protected override buildSortBy(sort: Sort = {}): ReturnType<Resource["buildSortBy"]> {
    const { sortBy } = sort;
    if (!sortBy || this.secretFields.has(sortBy) || !this.property(sortBy.split(".")[0]!) || sortBy === COMPOSITE_KEY_PATH) {
      const direction = sort.direction ?? "desc";
      const first = this.compositeKey?.fields[0] ?? this.idProperty.path();
      return { [first]: direction };
    }
    return super.buildSortBy(sort);
  }

  protected override prepareParams(params: Record<string, unknown>): Record<string, unknown> {
    const prepared = super.prepareParams(params);
    delete prepared[COMPOSITE_KEY_PATH];
    return prepared;
  }

  protected override prepareReturnValues(params: Record<string, unknown>): Record<string, unknown> {
    const values = super.prepareReturnValues(params);
    for (const field of this.secretFields) delete values[field];
    for (const [key, value] of Object.entries(values)) {
      if (typeof value === "bigint") values[key] = value.toString();
    }
    if (this.compositeKey) {
      values[COMPOSITE_KEY_PATH] = this.compositeKey.fields.map((field) => encodeURIComponent(keyPart(params[field]))).join(",");
    }
    return values;
  }

  private async writer(context: Context): Promise<{ actor: Actor; scope: Where }> {
    const actor = await actorOf(this.client, context);
    const scope = this.fixedWithin(writeScope(actor, this.model.name));
    if (!actor || !scope) throw new ForbiddenError("forbiddenError");
    return { actor, scope };
  }

  /**
   * Runs a write in one transaction; a value the database refuses comes back as a Dutch error on its field. A
   * form (`submitted`) refused as a whole gets its message under FORM_ERROR: AdminJS reports a create or edit
   * without any field error as saved.
   */
  private async refusingBadValues<T>(submitted: Record<string, unknown> | null, write: (tx: Tx) => Promise<T>): Promise<T> {
    try {
      return await this.client.$transaction(write);
    } catch (error) {
      const refusal = writeRefusal(error, this.model, submitted ?? {});
      if (!refusal) throw error;
      if (submitted && Object.keys(refusal.propertyErrors).length === 0) refusal.propertyErrors[FORM_ERROR] = { message: refusal.baseError?.message ?? "" };
      throw refusal;
    }
  }

  /**
   * Every reference a write sets or changes must point to a row the user may pick (e.g. a counter of their own
   * municipality as an event's organiser); references left as they were are not judged again.
   */
  private async checkReferences(tx: Tx, actor: Actor, data: Row, before: Row | null): Promise<void> {
    for (const property of this.properties()) {
      const column = property.foreignColumnName();
      const target = property.reference();
      const key = (property as { referencedColumnName?: () => string | null }).referencedColumnName?.() ?? "id";
      if (!column || !target || data[column] === undefined || data[column] === null) continue;
      if (before && before[column] === data[column]) continue;
      const scope = pickScope(actor, target);
      if (scope && Object.keys(scope).length === 0) continue;
      const reachable = scope && (await delegateOf(tx, target).count({ where: and({ [key]: data[column] }, scope) }));
      if (!reachable) throw this.outOfScope(property.path());
    }
  }

  /** The row with this id if it lies within `scope`, read inside the write's transaction. */
  private async rowIn(tx: Tx, id: string | number, scope: Where): Promise<Row | null> {
    const key = this.keyWhere(id);
    return key && this.delegate(tx).findFirst({ where: and(key, scope) });
  }

  private async audit(tx: Tx, actor: Actor, context: Context, row: Row, changes?: Record<string, unknown>): Promise<void> {
    const key = this.prepareReturnValues(row)[this.idProperty.path()];
    await recordAudit(tx, {
      actor,
      request: auditOriginOf(context),
      action: `admin.${context?.action?.name ?? "write"}`,
      resource: this.model.name,
      recordId: String(key),
      changes,
    });
  }

  /**
   * The submitted values a user may write. Without mayViewInsz an INSZ is neither typed in nor cleared.
   * A municipal administrator's new row lands in their own municipality when none was chosen.
   */
  private allowedWrite(params: Record<string, unknown>, actor: Actor, isNew: boolean, submitted: Record<string, unknown>): Record<string, unknown> {
    const data = { ...params };
    for (const field of this.derivedFields) delete data[field];
    Object.assign(data, this.screen?.fixed);
    if (!actor.mayViewInsz) {
      for (const field of this.inszFields) {
        if (data[field] !== undefined && data[field] !== null && data[field] !== "") {
          throw new ValidationError({ [field]: { message: "U mag het INSZ niet invullen of wijzigen." } }, { message: "U mag het INSZ niet invullen of wijzigen." });
        }
        delete data[field];
      }
    }
    const placement = scopeField(this.model.name);
    if (isNew && actor.role === "MUNICIPAL_ADMIN" && placement?.defaultsToOwn && (data[placement.field] ?? "") === "") {
      data[placement.field] = actor.municipalityId;
    }
    return this.typedValues(data, submitted);
  }

  /**
   * An empty form field means "no value" for anything but text (a number, date, choice or reference left
   * empty); a value its column cannot hold (a word in a number, 30 February, a key no row can have, a NUL
   * character, a text of a book's length) is refused in Dutch before the database is asked. Dates are read as
   * typed: a day as dd/mm/jjjj, a moment on the clock of Brussels.
   */
  private typedValues(data: Record<string, unknown>, submitted: Record<string, unknown>): Record<string, unknown> {
    for (const property of this.properties()) {
      const path = property.path();
      const value = data[path];
      const typed = value !== undefined && typeof submitted[path] === "string" ? submitted[path] : value;
      // AdminJS has already turned an emptied number field into 0: what was typed decides.
      if (typed === "" && (property.type() !== "string" || property.isEnum())) {
        data[path] = null;
        continue;
      }
      const column = this.model.fields.find((field: DatamodelField) => field.name === (property.foreignColumnName() ?? path));
      if (value !== undefined && (property.type() === "date" || property.type() === "datetime")) {
        const date = formDateValue(column, typed, fieldLabelsNl[path] ?? path);
        if ("refusal" in date) throw new ValidationError({ [path]: { message: date.refusal } }, { message: date.refusal });
        data[path] = date.value;
        continue;
      }
      const message = unfitFormValue(property.type(), column, typed, fieldLabelsNl[path] ?? path);
      if (message) throw new ValidationError({ [path]: { message } }, { message });
    }
    return data;
  }

  private outOfScope(field = scopeField(this.model.name)?.field ?? "id"): ValidationError {
    const label = fieldLabelsNl[field] ?? field;
    const message = `Dit valt buiten uw gemeente: kies bij "${label}" een waarde van uw eigen gemeente.`;
    return new ValidationError({ [field]: { message } }, { message });
  }

  /** Within `scope`, the part of the model this screen shows (e.g. only welcome advantages). */
  private fixedWithin(scope: Where | null): Where | null {
    return scope && this.screen?.fixed ? and(this.screen.fixed, scope) : scope;
  }

  /** `scope` narrowed by the screen's compound filters (search, card number, names in any case), taken out of `filter`. */
  private async screenFiltered(actor: Actor | null, filter: Filter, scope: Where): Promise<Where> {
    const screen = this.screen;
    if (!screen) return scope;
    let conditions = this.screenConditions.get(filter);
    if (!conditions) {
      conditions = Promise.all(
        Object.entries(filter.filters).map(async ([path, entry]) => {
          const condition = await screen.filterWhere(path, entry.value, (model) => readScope(actor, model));
          if (condition) delete filter.filters[path];
          return condition;
        }),
      ).then((found) => found.filter((condition): condition is Where => !!condition));
      this.screenConditions.set(filter, conditions);
    }
    return (await conditions).reduce((where, condition) => and(condition, where), scope);
  }

  /** The records with their list fields read from their link tables (see admin/list-fields.ts). */
  private async withLists(records: BaseRecord[]): Promise<BaseRecord[]> {
    await this.lists.addTo(this.client, records);
    return records;
  }

  /** The records with their human titles, naming only rows this actor may see. */
  private async titled(actor: Actor | null, records: BaseRecord[], context: Context): Promise<BaseRecord[]> {
    await this.screen?.addTitles(records.map((record) => record.params), (model) => readScope(actor, model), this.readsOf(context));
    return records;
  }

  private readsOf(context: Context): RowReads {
    if (!context || !READING_ACTIONS.has(context.action?.name ?? "")) return new RowReads(this.client);
    let reads = requestReads.get(context);
    if (!reads) requestReads.set(context, (reads = new RowReads(this.client)));
    return reads;
  }

  private isHiddenFrom(actor: Actor | null, field: string | undefined): boolean {
    return !!field && this.inszFields.has(field) && !actor?.mayViewInsz;
  }

  private visibleTo(actor: Actor | null, records: BaseRecord[]): BaseRecord[] {
    // Records built on a scoped view are rebuilt on the resource itself, so later calls see the real one.
    return records.map((record) => new BaseRecord(this.valuesVisibleTo(actor, record.params), this));
  }

  private valuesVisibleTo(actor: Actor | null, values: Record<string, unknown>): Record<string, unknown> {
    if (actor?.mayViewInsz) return values;
    const visible = { ...values };
    for (const field of this.inszFields) delete visible[field];
    return visible;
  }

  /**
   * The rows a list, count or search may reach: the user's scope (for a search, which feeds the reference
   * dropdowns, the rows they may pick), narrowed by exact-match filters, which are taken out of `filter`.
   */
  private async listScope(actor: Actor | null, filter: Filter, context: Context): Promise<Where | null> {
    const scope = this.fixedWithin(context?.action?.name === "search" ? pickScope(actor, this.model.name) : readScope(actor, this.model.name));
    if (!scope || !filter?.filters) return scope;
    if (!filterValuesFit(this.model, filter)) return null;
    const lists = this.lists.filterWhere(filter);
    if (!lists) return null;
    let exact = this.exactConditions.get(filter);
    if (!exact) {
      exact = [];
      for (const field of this.exactFilterFields) {
        const value = filter.filters[field]?.value;
        if (typeof value !== "string") continue;
        delete filter.filters[field];
        exact.push({ [field]: value });
      }
      this.exactConditions.set(filter, exact);
    }
    return [...exact, ...lists].reduce((where, condition) => and(condition, where), await this.screenFiltered(actor, filter, scope));
  }

  private allowedFilter(filter: Filter, actor: Actor | null): Filter {
    if (!filter?.filters) return filter;
    for (const [path, entry] of Object.entries(filter.filters)) {
      if (!entry.property || this.secretFields.has(path) || path === COMPOSITE_KEY_PATH || this.isHiddenFrom(actor, path)) delete filter.filters[path];
    }
    return filter;
  }

  /** This resource reading through another model delegate (the scope of one call), nothing shared. */
  private view(manager: ListDelegate): this {
    return Object.create(this, { manager: { value: manager } }) as this;
  }

  private delegate(tx?: Tx): Delegate {
    return delegateOf(tx ?? this.client, this.model.name);
  }

  /** The row's key as plain field conditions (usable together with a scope). */
  /** The condition for the row with this id; null when no row can have it (a mistyped or tampered id). */
  private keyWhere(id: string | number): Where | null {
    const fields = this.compositeKey?.fields ?? [this.idProperty.path()];
    const parts = this.compositeKey ? String(id).split(",").map((part) => decodeURIComponent(part)) : [String(id)];
    if (parts.length !== fields.length) return null;
    const values = fields.map((field, index) => this.keyValue(field, parts[index]!));
    return values.includes(undefined) ? null : Object.fromEntries(fields.map((field, index) => [field, values[index]]));
  }

  /** Only called for a row just read by rowIn, whose id is valid. */
  private uniqueWhere(id: string | number): Where {
    const key = this.keyWhere(id)!;
    return this.compositeKey ? { [this.compositeKey.name]: key } : key;
  }

  private keyValue(field: string, part: string): unknown {
    return columnValue(this.model.fields.find((candidate: DatamodelField) => candidate.name === field), part);
  }
}

function delegateOf(client: PrismaClient | Tx, model: string): Delegate {
  return (client as unknown as Record<string, Delegate>)[model.charAt(0).toLowerCase() + model.slice(1)]!;
}

const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 500;

/** The page a list asks for; page and page size come from the address as typed (AdminJS passes "abc" on as NaN). */
function pageOf(params: { limit?: unknown; offset?: unknown }): { limit: number; offset: number } {
  const limit = Number(params.limit);
  const offset = Number(params.offset);
  return {
    limit: Number.isInteger(limit) && limit > 0 ? Math.min(limit, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE,
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
  };
}

function and(where: Where, scope: Where): Where {
  return Object.keys(scope).length === 0 ? where : { AND: [where, scope] };
}

/** What @adminjs/prisma's find and count need of a delegate, reaching only rows within `scope`. */
function scoped(delegate: Delegate, scope: Where): ListDelegate {
  return {
    findMany: (args) => delegate.findMany({ ...args, where: and(args.where ?? {}, scope) }),
    count: (args) => delegate.count({ ...args, where: and(args.where ?? {}, scope) }),
  };
}

/** AdminJS splits a bulk action's ids at every comma, also inside a composite id "a,b": put the parts back in order. */
function compositeIds(ids: Array<string | number>, width: number): string[] {
  const parts = ids.map(String).join(",").split(",");
  if (parts.length % width !== 0) return [];
  return Array.from({ length: parts.length / width }, (_, index) => parts.slice(index * width, (index + 1) * width).join(","));
}

function notYours(): ForbiddenError {
  return new ForbiddenError("U mag dit record niet wijzigen of verwijderen: het hoort niet bij uw gemeente.");
}

function keyPart(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}
