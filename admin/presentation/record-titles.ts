import type { Where } from "../access/scope.js";
import type { Datamodel, DatamodelModel } from "../datamodel.js";
import type { RowReads } from "./row-reads.js";
import type { RecordValues } from "./screen-hooks.js";
import { titleRules } from "./title-rules.js";

type ScopeOf = (model: string) => Where | null;

/**
 * Human titles of records (see title-rules.ts). A title that names another record (a check-in's passholder)
 * reads it within the reader's scope of that model, so no title shows what its reader may not open.
 */
export class RecordTitles {
  constructor(private readonly datamodel: Datamodel) {}

  /** Titles of these records of `model` (values as the resource hands them out), in the same order. */
  async of(model: string, records: RecordValues[], scopeOf: ScopeOf, reads: RowReads): Promise<Array<string | undefined>> {
    const rule = titleRules[model];
    if (!rule || records.length === 0) return records.map(() => undefined);
    if (!rule.include) return this.format(model, records, scopeOf, reads);
    const id = this.idField(model);
    const rows = await this.rowsById(model, records.map((record) => record[id]), scopeOf, reads);
    return this.format(model, records.map((record) => rows.get(String(record[id]))), scopeOf, reads);
  }

  private async byId(model: string, ids: unknown[], scopeOf: ScopeOf, reads: RowReads): Promise<Map<string, string | undefined>> {
    const rows = [...(await this.rowsById(model, ids, scopeOf, reads)).entries()];
    const titles = await this.format(model, rows.map(([, values]) => values), scopeOf, reads);
    return new Map(rows.map(([key], index) => [key, titles[index]]));
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
