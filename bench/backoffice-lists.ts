import pg from "pg";
import { get, type Browser } from "../tests/server/http.js";
import type { BenchRole, ListCase } from "./list-cases.js";
import { measure, type Timing, type TimingOptions } from "./measure.js";

export interface ListResult {
  case: string;
  role: BenchRole;
  path: string;
  /** The pager's total as the endpoint answered it. */
  total: number;
  endpoint: Timing;
  raw: Timing;
  /** The statements the endpoint sent for the page, replayed as the raw baseline. */
  rawSql: string[];
  ratio: number;
}

interface ListMeta {
  total: number;
  perPage: number;
  sortBy?: string;
  direction?: "asc" | "desc";
}

/** One statement as the endpoint sent it to PostgreSQL. */
interface Statement {
  text: string;
  values?: unknown[];
  rowMode?: string;
}

export interface ListBench {
  base: string;
  browsers: Record<BenchRole, Browser>;
  databaseUrl: string;
  timing: TimingOptions;
}

/** Each list page as each role opens it, against the same page's statements replayed by plain pg on its own connection. */
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
        const { result: meta, statements } = await recordStatements(open);
        const endpoint = await measure(open, bench.timing);
        const rawTiming = await measure(() => replay(raw, statements), bench.timing);
        const result = {
          case: listCase.name,
          role,
          path,
          total: meta.total,
          endpoint,
          raw: rawTiming,
          rawSql: statements.map((statement) => statement.text),
          ratio: endpoint.p95 / rawTiming.p95,
        };
        results.push(result);
        onResult(result);
      }
    }
  } finally {
    await raw.end();
  }
  return results;
}

/**
 * Runs `work` while noting every statement any pg client of this process sends: the in-process server's own
 * queries for one page, exactly as Prisma wrote them (session, rows, total, references).
 */
async function recordStatements<T>(work: () => Promise<T>): Promise<{ result: T; statements: Statement[] }> {
  const statements: Statement[] = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [first, second] = args as [string | Statement, unknown[] | undefined];
    statements.push(typeof first === "string" ? { text: first, values: second } : { text: first.text, values: first.values, rowMode: first.rowMode });
    return (original as (...params: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    return { result: await work(), statements };
  } finally {
    pg.Client.prototype.query = original;
  }
}

/** The page's statements again, one after another on one plain connection: the page without the software around it. */
async function replay(client: pg.Client, statements: Statement[]): Promise<void> {
  for (const statement of statements) await client.query(statement);
}
