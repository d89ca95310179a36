import { BaseProperty, BaseRecord, ForbiddenError, ValidationError, type ActionContext, type Filter } from "adminjs";
import { Resource } from "@adminjs/prisma";
import type { PrismaClient } from "@prisma/client";
import { recordAudit } from "../core/audit/record-audit.js";
import type { Tx } from "../core/transaction.js";
import { actorOf, type Actor } from "./access/actor.js";
import { readScope, scopeField, writeScope, type Where } from "./access/scope.js";
import { changedFields } from "./audit-changes.js";
import { auditOriginOf } from "./audit-origin.js";
import type { DatamodelModel } from "./datamodel.js";
import { fieldLabelsNl } from "./locale/field-labels.js";

export interface PrismaResourceArgs {
  model: DatamodelModel;
  client: PrismaClient;
  clientModule: unknown;
  /** Fields that may be written but are never read back, filtered or sorted on (e.g. passwordHash). */
  secretFields?: string[];
  /** Fields shown, filtered, sorted and written only by users with mayViewInsz (need to know). */
  inszFields?: string[];
}

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
  findMany(args: { where?: Where }): Promise<Row[]>;
  count(args: { where?: Where }): Promise<number>;
  create(args: { data: Row }): Promise<Row>;
  update(args: { where: Where; data: Row }): Promise<Row>;
  delete(args: { where: Where }): Promise<Row>;
};
type ListDelegate = Pick<Delegate, "findMany" | "count">;

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
  private readonly compositeKey?: { name: string; fields: string[] };

  constructor(args: PrismaResourceArgs) {
    super(args as unknown as ConstructorParameters<typeof Resource>[0]);
    this.secretFields = new Set(args.secretFields ?? []);
    this.inszFields = new Set(args.inszFields ?? []);
    const primaryKey = args.model.primaryKey;
    if (primaryKey && primaryKey.fields.length > 1) {
      this.compositeKey = { name: primaryKey.name ?? primaryKey.fields.join("_"), fields: [...primaryKey.fields] };
      const key = new CompositeKeyProperty();
      this.propertiesObject[COMPOSITE_KEY_PATH] = key as never;
      this.idProperty = key as never;
    }
  }

  override async count(filter: Filter, context?: Context): Promise<number> {
    const actor = await actorOf(this.client, context);
    const scope = readScope(actor, this.model.name);
    if (!scope) return 0;
    return Resource.prototype.count.call(this.view(scoped(this.delegate(), scope)), this.allowedFilter(filter, actor));
  }

  override async find(filter: Filter, params: { limit?: number; offset?: number; sort?: Sort } = {}, context?: Context): Promise<BaseRecord[]> {
    const actor = await actorOf(this.client, context);
    const scope = readScope(actor, this.model.name);
    if (!scope) return [];
    const sort = this.isHiddenFrom(actor, params.sort?.sortBy) ? {} : params.sort;
    const records = await Resource.prototype.find.call(this.view(scoped(this.delegate(), scope)), this.allowedFilter(filter, actor), { ...params, sort });
    return this.visibleTo(actor, records);
  }

  override async findOne(id: string | number, context?: Context): Promise<BaseRecord | null> {
    const actor = await actorOf(this.client, context);
    const scope = readScope(actor, this.model.name);
    if (!scope) return null;
    const row = await this.delegate().findFirst({ where: and(this.keyWhere(id), scope) });
    return row ? this.visibleTo(actor, [new BaseRecord(this.prepareReturnValues(row), this)])[0]! : null;
  }

  override async findMany(ids: Array<string | number>, context?: Context): Promise<BaseRecord[]> {
    const actor = await actorOf(this.client, context);
    const scope = readScope(actor, this.model.name);
    if (!scope || ids.length === 0) return [];
    const rows = await this.delegate().findMany({ where: and({ OR: ids.map((id) => this.keyWhere(id)) }, scope) });
    return this.visibleTo(actor, rows.map((row) => new BaseRecord(this.prepareReturnValues(row), this)));
  }

  override async create(params: Record<string, unknown>, context?: Context): Promise<Record<string, unknown>> {
    const { actor, scope } = await this.writer(context);
    const data = this.allowedWrite(params, actor, true);
    return this.client.$transaction(async (tx) => {
      const values = this.prepareReturnValues(await this.delegate(tx).create({ data: this.prepareParams(data) }));
      const after = await this.rowIn(tx, values[this.idProperty.path()] as string, scope);
      if (!after) throw this.outOfScope();
      await this.audit(tx, actor, context, after, changedFields(null, after));
      return this.valuesVisibleTo(actor, values);
    });
  }

  override async update(pk: string | number, params: Record<string, unknown> = {}, context?: Context): Promise<Record<string, unknown>> {
    const { actor, scope } = await this.writer(context);
    const data = this.allowedWrite(params, actor, false);
    return this.client.$transaction(async (tx) => {
      const before = await this.rowIn(tx, pk, scope);
      if (!before) throw notYours();
      const values = this.prepareReturnValues(await this.delegate(tx).update({ where: this.uniqueWhere(pk), data: this.prepareParams(data) }));
      const after = await this.rowIn(tx, values[this.idProperty.path()] as string, scope);
      if (!after) throw this.outOfScope();
      await this.audit(tx, actor, context, after, changedFields(before, after));
      return this.valuesVisibleTo(actor, values);
    });
  }

  override async delete(id: string | number, context?: Context): Promise<void> {
    const { actor, scope } = await this.writer(context);
    await this.client.$transaction(async (tx) => {
      const before = await this.rowIn(tx, id, scope);
      if (!before) throw notYours();
      await this.delegate(tx).delete({ where: this.uniqueWhere(id) });
      await this.audit(tx, actor, context, before);
    });
  }

  protected override buildSortBy(sort: Sort = {}): ReturnType<Resource["buildSortBy"]> {
    const { sortBy } = sort;
    if (!sortBy || this.secretFields.has(sortBy) || sortBy === COMPOSITE_KEY_PATH) {
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
    const scope = writeScope(actor, this.model.name);
    if (!actor || !scope) throw new ForbiddenError("forbiddenError");
    return { actor, scope };
  }

  /** The row with this id if it lies within `scope`, read inside the write's transaction. */
  private rowIn(tx: Tx, id: string | number, scope: Where): Promise<Row | null> {
    return this.delegate(tx).findFirst({ where: and(this.keyWhere(id), scope) });
  }

  private async audit(tx: Tx, actor: Actor, context: Context, row: Row, changes?: Record<string, unknown>): Promise<void> {
    const key = this.prepareReturnValues(row)[this.idProperty.path()];
    await recordAudit(tx, {
      actor: actor.email,
      action: `admin.${context?.action?.name ?? "write"}`,
      resource: this.model.name,
      recordId: String(key),
      changes,
      ...auditOriginOf(context),
    });
  }

  /**
   * The submitted values a user may write. Without mayViewInsz an INSZ is neither typed in nor cleared.
   * A municipal administrator's new row lands in their own municipality when none was chosen.
   */
  private allowedWrite(params: Record<string, unknown>, actor: Actor, isNew: boolean): Record<string, unknown> {
    const data = { ...params };
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
    return data;
  }

  private outOfScope(): ValidationError {
    const field = scopeField(this.model.name)?.field ?? "id";
    const label = fieldLabelsNl[field] ?? field;
    const message = `Dit valt buiten uw gemeente: kies bij "${label}" een waarde van uw eigen gemeente.`;
    return new ValidationError({ [field]: { message } }, { message });
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
    const name = this.model.name.charAt(0).toLowerCase() + this.model.name.slice(1);
    return ((tx ?? this.client) as unknown as Record<string, Delegate>)[name]!;
  }

  /** The row's key as plain field conditions (usable together with a scope). */
  private keyWhere(id: string | number): Where {
    if (!this.compositeKey) return { [this.idProperty.path()]: this.keyValue(this.idProperty.path(), String(id)) };
    const parts = String(id).split(",").map((part) => decodeURIComponent(part));
    if (parts.length !== this.compositeKey.fields.length) throw new Error(`Ongeldige sleutel: ${String(id)}`);
    return Object.fromEntries(this.compositeKey.fields.map((field, index) => [field, this.keyValue(field, parts[index]!)]));
  }

  private uniqueWhere(id: string | number): Where {
    return this.compositeKey ? { [this.compositeKey.name]: this.keyWhere(id) } : this.keyWhere(id);
  }

  private keyValue(field: string, part: string): unknown {
    const type = this.model.fields.find((candidate) => candidate.name === field)?.type;
    if (type === "Int") return Number(part);
    if (type === "BigInt") return BigInt(part);
    if (type === "DateTime") return new Date(part);
    return part;
  }
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

function notYours(): ForbiddenError {
  return new ForbiddenError("U mag dit record niet wijzigen of verwijderen: het hoort niet bij uw gemeente.");
}

function keyPart(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}
