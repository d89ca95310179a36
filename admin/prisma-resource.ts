import { BaseProperty, BaseRecord, type Filter } from "adminjs";
import { Resource } from "@adminjs/prisma";
import type { PrismaClient } from "@prisma/client";
import type { DatamodelModel } from "./datamodel.js";

export interface PrismaResourceArgs {
  model: DatamodelModel;
  client: PrismaClient;
  clientModule: unknown;
  /** Fields that may be written but are never read back, filtered or sorted on (e.g. passwordHash). */
  secretFields?: string[];
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

/**
 * The @adminjs/prisma resource, made safe and complete for this schema:
 * secret fields never leave the database, BigInt values become strings (JSON cannot carry them),
 * and models with a composite primary key (link tables) get a synthetic id "a,b".
 */
export class PrismaResource extends Resource {
  private readonly secretFields: ReadonlySet<string>;
  private readonly compositeKey?: { name: string; fields: string[] };

  constructor(args: PrismaResourceArgs) {
    super(args as unknown as ConstructorParameters<typeof Resource>[0]);
    this.secretFields = new Set(args.secretFields ?? []);
    const primaryKey = args.model.primaryKey;
    if (primaryKey && primaryKey.fields.length > 1) {
      this.compositeKey = { name: primaryKey.name ?? primaryKey.fields.join("_"), fields: [...primaryKey.fields] };
      const key = new CompositeKeyProperty();
      this.propertiesObject[COMPOSITE_KEY_PATH] = key as never;
      this.idProperty = key as never;
    }
  }

  override async count(filter: Filter): Promise<number> {
    return super.count(this.withoutForbiddenFilters(filter));
  }

  override async find(filter: Filter, params: { limit?: number; offset?: number; sort?: Sort } = {}): Promise<BaseRecord[]> {
    return super.find(this.withoutForbiddenFilters(filter), params);
  }

  override async findOne(id: string | number): Promise<BaseRecord | null> {
    if (!this.compositeKey) return super.findOne(id);
    const row = await this.manager.findUnique({ where: this.compositeWhere(id) });
    return row ? new BaseRecord(this.prepareReturnValues(row), this) : null;
  }

  override async findMany(ids: Array<string | number>): Promise<BaseRecord[]> {
    if (!this.compositeKey) return super.findMany(ids);
    if (ids.length === 0) return [];
    const rows: Record<string, unknown>[] = await this.manager.findMany({
      where: { OR: ids.map((id) => this.compositeWhere(id)[this.compositeKey!.name]) },
    });
    return rows.map((row) => new BaseRecord(this.prepareReturnValues(row), this));
  }

  override async update(pk: string | number, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    if (!this.compositeKey) return super.update(pk, params);
    const row = await this.manager.update({ where: this.compositeWhere(pk), data: this.prepareParams(params) });
    return this.prepareReturnValues(row);
  }

  override async delete(id: string | number): Promise<void> {
    if (!this.compositeKey) return super.delete(id);
    await this.manager.delete({ where: this.compositeWhere(id) });
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

  private withoutForbiddenFilters(filter: Filter): Filter {
    if (!filter?.filters) return filter;
    for (const [path, entry] of Object.entries(filter.filters)) {
      if (!entry.property || this.secretFields.has(path) || path === COMPOSITE_KEY_PATH) delete filter.filters[path];
    }
    return filter;
  }

  private compositeWhere(id: string | number): Record<string, Record<string, unknown>> {
    const { name, fields } = this.compositeKey!;
    const parts = String(id).split(",").map((part) => decodeURIComponent(part));
    if (parts.length !== fields.length) throw new Error(`Ongeldige sleutel: ${String(id)}`);
    const key: Record<string, unknown> = {};
    fields.forEach((field, index) => {
      key[field] = fromKeyPart(this.model.fields.find((candidate) => candidate.name === field)?.type, parts[index]!);
    });
    return { [name]: key };
  }
}

function keyPart(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

function fromKeyPart(type: string | undefined, part: string): unknown {
  if (type === "Int" || type === "BigInt") return Number(part);
  if (type === "DateTime") return new Date(part);
  return part;
}
