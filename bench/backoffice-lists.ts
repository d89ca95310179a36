import pg from "pg";
import type { Datamodel } from "../admin/datamodel.js";
import { get, type Browser } from "../tests/server/http.js";
import { municipalScopeSql, type BenchRole, type ListCase } from "./list-cases.js";
import { measure, type Timing, type TimingOptions } from "./measure.js";

export interface ListResult {
  case: string;
  role: BenchRole;
  path: string;
  /** The pager's total as the endpoint answered it. */
  total: number;
  endpoint: Timing;
  raw: Timing;
  rawSql: string;
  ratio: number;
}

interface ListMeta {
  total: number;
  perPage: number;
  sortBy?: string;
  direction?: "asc" | "desc";
}

export interface ListBench {
  base: string;
  browsers: Record<BenchRole, Browser>;
  municipalityId: number;
  databaseUrl: string;
  datamodel: Datamodel;
  timing: TimingOptions;
}

/** Each list page as each role opens it, against the same page's rows read by plain SQL on its own connection. */
export async function benchLists(bench: ListBench, cases: ListCase[], onResult: (result: ListResult) => void): Promise<ListResult[]> {
  const raw = new pg.Client({ connectionString: bench.databaseUrl });
  await raw.connect();
  const results: ListResult[] = [];
  try {
    for (const role of ["COORDINATOR", "MUNICIPAL_ADMIN"] as const) {
      for (const listCase of cases) {
        const browser = bench.browsers[role];
        const path = `/admin/api/resources/${listCase.resource}/actions/list?${new URLSearchParams(listCase.filters).toString()}`;
        const open = async (): Promise<ListMeta> => {
          const response = await get(bench.base, path, browser);
          const body = (await response.json()) as { meta?: ListMeta };
          if (response.status !== 200 || !body.meta) throw new Error(`${path} as ${role} answered ${response.status}`);
          return body.meta;
        };
        const meta = await open();
        const query = pageSql(bench, listCase, role, meta);
        const endpoint = await measure(open, bench.timing);
        const rawTiming = await measure(() => raw.query(query.sql, query.params), bench.timing);
        const result = { case: listCase.name, role, path, total: meta.total, endpoint, raw: rawTiming, rawSql: query.sql, ratio: endpoint.p95 / rawTiming.p95 };
        results.push(result);
        onResult(result);
      }
    }
  } finally {
    await raw.end();
  }
  return results;
}

/** The first page the endpoint answered, in SQL: same WHERE (scope and filter), ORDER BY and LIMIT. */
function pageSql(bench: ListBench, listCase: ListCase, role: BenchRole, meta: ListMeta): { sql: string; params: unknown[] } {
  const model = bench.datamodel.models.find((candidate) => candidate.name === listCase.resource);
  if (!model) throw new Error(`no model ${listCase.resource}`);
  const params = [...listCase.where.params];
  const conditions = listCase.where.sql ? [listCase.where.sql] : [];
  if (role === "MUNICIPAL_ADMIN") {
    params.push(bench.municipalityId);
    conditions.push(municipalScopeSql(listCase.resource, `$${params.length}`));
  }
  // Sorting by a reference sorts by its key; the foreign key column gives the same order.
  const sortField = model.fields.find((field) => field.name === meta.sortBy);
  const sortColumn = sortField?.relationFromFields?.[0] ?? sortField?.name ?? "id";
  const where = conditions.length ? ` WHERE ${conditions.join(" AND ")}` : "";
  const direction = meta.direction === "desc" ? "DESC" : "ASC";
  return { sql: `SELECT * FROM "${model.dbName ?? model.name}"${where} ORDER BY "${sortColumn}" ${direction} LIMIT ${meta.perPage} OFFSET 0`, params };
}
