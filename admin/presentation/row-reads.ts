import type { PrismaClient } from "@prisma/client";
import type { Where } from "../../core/access/scope.js";
import { titleRules } from "./title-rules.js";

export type Row = Record<string, unknown>;
type Delegate = { findMany(args: { where: Where; include?: Record<string, unknown> }): Promise<Row[]> };

/**
 * One request's reads of rows by id, each with what its title needs (title-rules.ts `include`). A list page
 * reads the rows its records refer to for their titles and again to show them as references; this reads
 * each row once per request and scope. Never shared between requests, so nothing read here goes stale.
 */
export class RowReads {
  private readonly known = new Map<string, Map<string, Promise<Row | undefined>>>();

  constructor(private readonly client: PrismaClient) {}

  /** Rows of `model` read elsewhere in this request, with their title's `include`, all within `scope`. */
  remember(model: string, idField: string, scope: Where, rows: Row[]): void {
    const known = this.knownIn(model, scope);
    for (const row of rows) known.set(String(row[idField]), Promise.resolve(row));
  }

  /** The rows of `model` with these ids (already typed as the column wants) that lie within `scope`, keyed by String(id). */
  async byId(model: string, idField: string, ids: unknown[], scope: Where): Promise<Map<string, Row>> {
    const known = this.knownIn(model, scope);
    const missing = [...new Set(ids.filter((id) => id !== null && id !== undefined && !known.has(String(id))))];
    if (missing.length > 0) {
      const condition: Where = { [idField]: { in: missing } };
      const delegate = (this.client as unknown as Record<string, Delegate>)[model.charAt(0).toLowerCase() + model.slice(1)]!;
      const read = delegate
        .findMany({ where: Object.keys(scope).length ? { AND: [condition, scope] } : condition, include: titleRules[model]?.include })
        .then((rows) => new Map(rows.map((row) => [String(row[idField]), row])));
      for (const id of missing) known.set(String(id), read.then((rows) => rows.get(String(id))));
    }
    const found = await Promise.all(ids.map(async (id) => [String(id), await known.get(String(id))] as const));
    return new Map(found.filter((entry): entry is readonly [string, Row] => entry[1] !== undefined));
  }

  private knownIn(model: string, scope: Where): Map<string, Promise<Row | undefined>> {
    const key = `${model} ${JSON.stringify(scope)}`;
    const known = this.known.get(key) ?? new Map<string, Promise<Row | undefined>>();
    this.known.set(key, known);
    return known;
  }
}
