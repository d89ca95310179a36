import type { Db } from "../transaction.js";
import type { SqlRunner } from "./database.js";

// One registry per process: the built portal bundles its own copy of this module, and must find the runner the
// server registered when it opened the database.
const REGISTRY: unique symbol = Symbol.for("uitpas.plainQueryRunners");
const runners = ((globalThis as { [REGISTRY]?: WeakMap<object, SqlRunner> })[REGISTRY] ??= new WeakMap());

/** Lets plainQuery send a client's hot statements over the database driver itself. */
export function registerPlainRunner(client: object, runner: SqlRunner): void {
  runners.set(client, runner);
}

/**
 * One SQL statement over the driver itself when `db` is a registered client (a third of the ORM's CPU per
 * statement), or inside the caller's transaction when it is one. Drivers map types differently: select a
 * moment as text (`momentText`) and a bigint or numeric as int or float, never a timestamp column as it is.
 */
export function plainQuery<T extends Record<string, unknown>>(db: Db, sql: string, params: unknown[]): Promise<T[]> {
  const runner = runners.get(db);
  return runner ? runner.query<T>(sql, params) : db.$queryRawUnsafe<T[]>(sql, ...params);
}

/** A timestamp column (UTC, without zone) as ISO text, read the same by every driver in every time zone. */
export const momentText = (column: string) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
