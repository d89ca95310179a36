import { PrismaClient } from "@prisma/client";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { databaseUnreachableReason } from "./unreachable.js";
import { registerPlainRunner } from "./plain-query.js";

export type DatabaseKind = "pglite" | "postgres";

/** An open database: the Prisma client plus raw access for migrations, bulk seeds and health checks. */
export interface Database extends SqlRunner {
  readonly kind: DatabaseKind;
  readonly prisma: PrismaClient;
  /** True after a PostgreSQL connection was lost or refused, until a new one succeeds; always false for PGlite. */
  suspectsOutage(): boolean;
  /** Runs `work` on one dedicated connection (session-level locks, multi-statement transactions). */
  withConnection<T>(work: (connection: SqlRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface SqlRunner {
  /** Runs one or more SQL statements without parameters. */
  exec(sql: string): Promise<void>;
  query<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

const transactionOptions = { maxWait: 15_000, timeout: 30_000 };

export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//.test(url);
}

export async function openPostgres(url: string, options: { poolSize?: number } = {}): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  // An idle connection dropped by the server (restart, failover) must not crash the process; the pool reconnects.
  // A lost connection makes the next requests check the database before they start (server/health.ts).
  let outage = false;
  pool.on("error", (error: Error & { code?: string }) => {
    outage = true;
    if (error.code !== "57P01") console.warn(`PostgreSQL-verbinding verbroken: ${error.message}`);
  });
  pool.on("connect", () => (outage = false));
  const noteOutage = (error: unknown) => {
    if (databaseUnreachableReason(error)) outage = true;
    throw error;
  };
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions });
  const query: SqlRunner["query"] = async (sql, params) => {
    const { rows } = await pool.query(sql, params as unknown[]).catch(noteOutage);
    outage = false;
    return rows;
  };
  const exec: SqlRunner["exec"] = async (sql) => {
    await pool.query(sql).catch(noteOutage);
    outage = false;
  };
  registerPlainRunner(prisma, { exec, query });
  return {
    kind: "postgres",
    prisma,
    suspectsOutage: () => outage,
    exec,
    query,
    async withConnection(work) {
      const client = await pool.connect();
      try {
        return await work({
          exec: async (sql) => void (await client.query(sql)),
          query: async (sql, params) => (await client.query(sql, params as unknown[])).rows,
        });
      } finally {
        client.release();
      }
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/** Embedded PostgreSQL in a folder ("memory://" for a throw-away one); `loadDataDir` clones a dumped template. */
export async function openPglite(dataDir: string, options: { loadDataDir?: Blob } = {}): Promise<PgliteDatabase> {
  const pglite = await PGlite.create(dataDir, options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
  return wrapPglite(pglite);
}

// The adapter is typed against an older @prisma/driver-adapter-utils; the runtime protocol is the same.
function pgliteAdapter(pglite: PGlite): PrismaPg {
  return new PrismaPGlite(pglite) as unknown as PrismaPg;
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * PGlite runs every statement on this thread and hands the next queued one on without leaving the microtask
 * queue: a burst of requests would hold the event loop (new connections, /healthz) until all of them are done.
 * Here the adapter's statements and transactions queue in turn, and each lets the event loop take a turn first.
 */
function takingTurns(pglite: PGlite): PGlite {
  let last: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const run = last.then(turn).then(work);
    last = run.catch(() => undefined);
    return run;
  };
  const fair = Object.create(pglite) as PGlite;
  fair.query = ((...args: Parameters<PGlite["query"]>) => inTurn(() => pglite.query(...args))) as PGlite["query"];
  fair.exec = (...args: Parameters<PGlite["exec"]>) => inTurn(() => pglite.exec(...args));
  fair.transaction = ((...args: Parameters<PGlite["transaction"]>) => inTurn(() => pglite.transaction(...args))) as PGlite["transaction"];
  return fair;
}

export interface PgliteDatabase extends Database {
  readonly pglite: PGlite;
}

export function wrapPglite(pglite: PGlite): PgliteDatabase {
  // The ORM's statements and the plain ones (plainQuery, migrations, the rate limiter) take turns in one line.
  const fair = takingTurns(pglite);
  const prisma = new PrismaClient({ adapter: pgliteAdapter(fair), transactionOptions });
  const runner: SqlRunner = {
    async exec(sql) {
      await fair.exec(sql);
    },
    async query(sql, params) {
      return (await fair.query(sql, params as unknown[])).rows as never;
    },
  };
  registerPlainRunner(prisma, runner);
  return {
    kind: "pglite",
    prisma,
    pglite,
    ...runner,
    suspectsOutage: () => false,
    // PGlite is a single connection already.
    withConnection: (work) => work(runner),
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}
