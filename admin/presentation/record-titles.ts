import type { Where } from "../../core/access/scope.js";
import type { Datamodel, DatamodelModel } from "../datamodel.js";
import type { RowReads } from "./row-reads.js";
import type { RecordValues } from "./screen-hooks.js";
import { outOfReach } from "./out-of-reach.js";
import { titleRules, type TitleRule } from "./title-rules.js";

type ScopeOf = (model: string) => Where | null;

/**
 * Human titles of records (see title-rules.ts). A title that names another record (a check-in's passholder)
 * reads it within the reader's scope of that model, so no title shows what its reader may not open: such a
 * record is described instead ("pashouder uit een andere gemeente", see out-of-reach.ts).
 */
export class RecordTitles {
  constructor(private readonly datamodel: Datamodel) {}

  /**
   * Titles of these records of `model` (values as the resource hands them out), in the same order, with the
   * columns their rule reads along (title-rules.ts `columns`).
   */
  async of(model: string, records: RecordValues[], scopeOf: ScopeOf, reads: RowReads): Promise<Array<{ title?: string; columns?: RecordValues }>> {
    const rule = titleRules[model];
    if (!rule || records.length === 0) return records.map(() => ({}));
    const id = this.idField(model);
    const rows = rule.include && (await this.rowsById(model, records.map((record) => record[id]), scopeOf, reads));
    const values = rows ? records.map((record) => rows.get(String(record[id]))) : records;
    const titles = await this.format(model, values, scopeOf, reads);
    const named = rule.names && (await this.named(values, rule.names, scopeOf, reads));
    return values.map((row, index) => ({ title: titles[index], columns: row && { ...rule.columns?.(row), ...named?.[index] } }));
  }

  /** For each row, `names.column`: the title of the record it points to by model name and key, if that model has titles. */
  private async named(rows: Array<RecordValues | undefined>, names: NonNullable<TitleRule["names"]>, scopeOf: ScopeOf, reads: RowReads): Promise<RecordValues[]> {
    const keyOf = (row: RecordValues | undefined) => {
      const model = this.datamodel.models.find((candidate) => candidate.name === row?.[names.model]);
      return model && titleRules[model.name] && model.fields.some((field) => field.isId) ? { model: model.name, id: typedKey(model, String(row![names.key])) } : undefined;
    };
    const keys = rows.map(keyOf);
    const models = [...new Set(keys.flatMap((key) => (key && key.id !== undefined ? [key.model] : [])))];
    const titles = new Map(
      await Promise.all(models.map(async (model) => [model, await this.byId(model, keys.filter((key) => key?.model === model).map((key) => key!.id), scopeOf, reads, GONE)] as const)),
    );
    return keys.map((key) => (key && key.id !== undefined ? { [names.column]: titles.get(key.model)?.get(String(key.id)) } : {}));
  }

  /** Titles of the rows of `model` with these ids; one the reader may not open (or that is gone) gets `missing`. */
  private async byId(model: string, ids: unknown[], scopeOf: ScopeOf, reads: RowReads, missing = outOfReach(model)): Promise<Map<string, string | undefined>> {
    const rows = [...(await this.rowsById(model, ids, scopeOf, reads)).entries()];
    const titles = await this.format(model, rows.map(([, values]) => values), scopeOf, reads);
    const found = new Map(rows.map(([key], index) => [key, titles[index]]));
    const hidden = ids.filter((id) => id !== null && id !== undefined && !found.has(String(id)));
    return new Map([...hidden.map((id) => [String(id), missing] as const), ...found]);
  }

  private async format(model: string, records: Array<RecordValues | undefined>, scopeOf: ScopeOf, reads: RowReads): Promise<Array<string | undefined>> {
    const rule = titleRules[model]!;
    const refTitles = await Promise.all(
      (rule.refs ?? []).map(async (ref) => {
        const target = this.model(model).fields.find((field) => field.name === ref)!.type;
        return [ref, await this.byId(target, records.map((record) => record?.[ref]), scopeOf, reads)] as const;
      }),
    );
    return records.map((record) => {
      if (!record) return undefined;
      const refs = Object.fromEntries(refTitles.map(([ref, titles]) => [ref, titles.get(String(record[ref]))]));
      return rule.format(record, refs);
    });
  }

  /** Rows of `model` with these ids that lie in the reader's scope, keyed by id, each reference under its relation name. */
  private async rowsById(model: string, ids: unknown[], scopeOf: ScopeOf, reads: RowReads): Promise<Map<string, RecordValues>> {
    const scope = scopeOf(model);
    if (!scope) return new Map();
    const rows = await reads.byId(model, this.idField(model), ids, scope);
    const references = this.model(model).fields.filter((field) => field.relationFromFields?.length === 1);
    return new Map(
      [...rows].map(([key, row]) => {
        const values: RecordValues = { ...row };
        for (const reference of references) values[reference.name] = row[reference.relationFromFields![0]!];
        return [key, values];
      }),
    );
  }

  private model(name: string): DatamodelModel {
    return this.datamodel.models.find((model) => model.name === name)!;
  }

  private idField(model: string): string {
    return this.model(model).fields.find((field) => field.isId)?.name ?? "id";
  }
}

/** The audit trail outlives what it records: a deleted row has no title left. */
const GONE = "(verwijderd)";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A record key as its model's id column holds it; undefined when no row can have it (a composite or mistyped key). */
function typedKey(model: DatamodelModel, key: string): string | number | undefined {
  const id = model.fields.find((field) => field.isId);
  if (id?.type === "Int") return /^\d{1,10}$/.test(key) && Number(key) < 2 ** 31 ? Number(key) : undefined;
  if (id?.nativeType?.[0] === "Uuid") return UUID.test(key) ? key : undefined;
  return id?.type === "String" ? key : undefined;
}
