import type { PrismaClient } from "@prisma/client";
import type { Where } from "../core/access/scope.js";
import type { Tx } from "../core/transaction.js";
import { loadDatamodel, type DatamodelModel } from "./datamodel.js";
import { whereSql } from "./where-sql.js";

/** Lists up to this many rows get an exact total; beyond it the pager shows PostgreSQL's estimate. */
export const EXACT_COUNT_LIMIT = 10_000;

type Counting = { count(args: { where: Where; take: number }): Promise<number> };

/** An estimate this many times the limit (or the default limit, for small ones) is taken as it is, without counting first. */
const ESTIMATE_MARGIN = 3;

/**
 * The total a list's pager shows, for rows matching `where` (filters and the user's scope together):
 * exact up to `limit`, otherwise the planner's estimate for the same condition, never less than limit + 1.
 * Counting millions of check-ins exactly on every list page would cost far more than the page itself.
 */
export async function listTotal(client: PrismaClient, model: DatamodelModel, rows: Counting, where: Where, limit = EXACT_COUNT_LIMIT): Promise<number> {
  const condition = whereSql(await loadDatamodel(), model, where);
  // Prisma's own bounded count orders the rows by id first, which can cost a full sort; it is only the fallback.
  if (!condition) return rows.count({ where, take: limit + 1 });
  const rowsSql = `SELECT 1 FROM "${model.dbName ?? model.name}" WHERE ${condition.sql}`;
  const [plan] = await client.$queryRawUnsafe<Array<{ "QUERY PLAN": unknown }>>(`EXPLAIN (FORMAT JSON) ${rowsSql}`, ...condition.params);
  const estimate = Math.round(planRows(plan?.["QUERY PLAN"]));
  if (estimate > ESTIMATE_MARGIN * Math.max(limit, EXACT_COUNT_LIMIT)) return estimate;
  const countSql = `SELECT count(*)::int AS n FROM (${rowsSql} LIMIT ${limit + 1}) AS bounded`;
  type Counted = Array<{ n: number }>;
  // The planner costs a "contains" filter (LIKE) far too cheap per row: it would rather test every entry of a btree
  // that holds the column (an index-only scan) than read the trigram index (90–130 ms instead of 13 ms over 200,000
  // passholders).
  const [counted] = condition.sql.includes("LIKE")
    ? (await client.$transaction([client.$executeRawUnsafe("SET LOCAL enable_indexonlyscan = off"), client.$queryRawUnsafe<Counted>(countSql, ...condition.params)]))[1]
    : await client.$queryRawUnsafe<Counted>(countSql, ...condition.params);
  return counted!.n <= limit ? counted!.n : Math.max(counted!.n, estimate);
}

/** Shorter typed text has no trigram for an index to look up: the planner's own choice is better there. */
const TRIGRAM_LENGTH = 3;

/**
 * Whether a list's condition holds a "contains" filter (a name or card number typed in part) that a trigram index
 * can look up. The planner then walks the sort order's btree, testing every row, because it expects matches to be
 * spread evenly: a name late in the alphabet made the list read nearly every passholder (130–150 ms at 200,000 for
 * "Verstraete", growing with the table). Read from the matches instead (readMatchesFirst), its statement takes
 * about 5 ms, growing only with the matches.
 */
export function filtersTypedText(where: unknown): boolean {
  if (Array.isArray(where)) return where.some(filtersTypedText);
  if (!where || typeof where !== "object") return false;
  return Object.entries(where).some(([key, value]) => (key === "contains" ? typeof value === "string" && value.trim().length >= TRIGRAM_LENGTH : filtersTypedText(value)));
}

/** Reads a list page from the rows its typed text matches, then sorts them, instead of walking an index in order. */
export function readMatchesFirst<T>(client: PrismaClient, read: (tx: Tx) => Promise<T>): Promise<T> {
  return client.$transaction(async (tx) => {
    // SET LOCAL for both in one round trip.
    await tx.$queryRawUnsafe("SELECT set_config('enable_indexscan', 'off', true), set_config('enable_indexonlyscan', 'off', true)");
    return read(tx);
  });
}

function planRows(plan: unknown): number {
  const parsed = (typeof plan === "string" ? JSON.parse(plan) : plan) as Array<{ Plan?: { "Plan Rows"?: number } }> | undefined;
  return parsed?.[0]?.Plan?.["Plan Rows"] ?? 0;
}
