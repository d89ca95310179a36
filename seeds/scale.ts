import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { Database, SqlRunner } from "../core/db/database.js";
import { migrate } from "../core/db/migrate.js";
import { SeedRefused, refuseInProduction, seedDemo } from "./demo.js";
import { openForSeeding } from "./open-database.js";
import { insertScaleBatch, type BatchCounts } from "./scale-batch.js";
import { ensureScaleAdvantage, ensureScaleEvents, loadScaleContext } from "./scale-setup.js";
import { SCALE_CARD_PREFIX, scaleIds, scaleUuid, timestampSql } from "./scale-sql.js";
import { countRows, formatSummary, type DemoSummary } from "./summary.js";

export interface ScaleOptions {
  passholders: number;
  /** Benchmark events over three years (created on the first run only). */
  events?: number;
  batchSize?: number;
  now?: Date;
  log?: (line: string) => void;
}

export interface ScaleResult {
  added: BatchCounts;
  seconds: number;
  totals: DemoSummary;
}

/**
 * Adds a benchmark volume to the configured database: N passholders with cards, ≥ 10 check-ins each with
 * their ledger lines, kansentarief tickets and some redemptions. Seeds the demo region first when empty.
 */
export async function seedScale(db: Database, options: ScaleOptions): Promise<ScaleResult> {
  refuseInProduction();
  const now = options.now ?? new Date();
  const log = options.log ?? (() => undefined);
  const batchSize = options.batchSize ?? 25_000;
  const started = performance.now();
  if ((await db.prisma.cardSystem.count()) === 0) {
    log("Lege databank: eerst de demoregio laden…");
    await seedDemo(db, { now });
  }
  const context = await loadScaleContext(db);
  const createdEvents = await ensureScaleEvents(db, context, options.events ?? 2000, now);
  if (createdEvents > 0) log(`${createdEvents} evenementen aangemaakt.`);
  const advantage = await ensureScaleAdvantage(db, context, now);

  const added: BatchCounts = { passholders: 0, cards: 0, checkins: 0, ledger: 0, tickets: 0, redemptions: 0 };
  await db.withConnection(async (connection) => {
    // JIT compilation costs more than it saves on these one-off statements; sorts of a batch fit in memory.
    if (db.kind === "postgres") await connection.exec("SET jit = off; SET work_mem = '256MB'");
    const pastEvents = await preparePastEvents(connection, now);
    const first = (await lastScaleSequence(connection)) + 1;
    const batches = Math.ceil(options.passholders / batchSize);
    for (let batch = 0; batch < batches; batch++) {
      const from = first + batch * batchSize;
      const to = Math.min(first + options.passholders - 1, from + batchSize - 1);
      const batchStarted = performance.now();
      const counts = await insertScaleBatch(connection, context, { from, to, now, pastEvents, advantage });
      const seconds = (performance.now() - batchStarted) / 1000;
      const rows = Object.values(counts).reduce((sum, value) => sum + value, 0);
      for (const key of Object.keys(added) as (keyof BatchCounts)[]) added[key] += counts[key];
      log(
        `batch ${batch + 1}/${batches}: ${counts.passholders} pashouders, ${counts.checkins} check-ins, ${counts.tickets} tickets, ` +
          `${counts.redemptions} opnames in ${seconds.toFixed(1)} s (${Math.round(rows / seconds)} rijen/s)`,
      );
    }
    await connection.exec("DROP TABLE IF EXISTS scale_past");
    if (db.kind === "postgres") await connection.exec("RESET jit; RESET work_mem");
    await connection.query(
      `UPDATE "Advantage" a SET "redeemedCount" = (SELECT count(*)::int FROM "Redemption" r WHERE r."advantageId" = a.id AND r.status = 'ACTIVE') WHERE a.id = $1`,
      [advantage.id],
    );
  });
  // VACUUM too: a table PostgreSQL has not vacuumed yet has no visibility map, so no index-only scan (a
  // municipality's count of redemptions took 190 ms instead of 18 until autovacuum came by).
  log("VACUUM ANALYZE…");
  await db.exec("VACUUM (ANALYZE)");
  return { added, seconds: (performance.now() - started) / 1000, totals: await countRows(db, now) };
}

/** Past benchmark events numbered 1..n in time order, for picking distinct events per passholder. */
async function preparePastEvents(db: SqlRunner, now: Date): Promise<number> {
  await db.exec("DROP TABLE IF EXISTS scale_past");
  await db.query(
    `CREATE TEMP TABLE scale_past AS
     SELECT row_number() OVER (ORDER BY "startsAt", id)::int AS idx, id, "startsAt", "endsAt", points, "checkinLimitPeriod", "organiserCounterId"
     FROM "Event" WHERE id BETWEEN $1 AND $2 AND "endsAt" <= ${timestampSql(now)}`,
    [scaleUuid(scaleIds.event, 0), scaleUuid(scaleIds.event, 0xffffffff)],
  );
  await db.exec("CREATE UNIQUE INDEX ON scale_past (idx); ANALYZE scale_past");
  const [row] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM scale_past");
  if (row!.n < 60) throw new Error(`Te weinig voorbije benchmark-evenementen (${row!.n}); gebruik --events 200 of meer.`);
  return row!.n;
}

async function lastScaleSequence(db: SqlRunner): Promise<number> {
  const [row] = await db.query<{ last: number | null }>(
    `SELECT max(substr(number, ${SCALE_CARD_PREFIX.length + 1}, 8)::int) AS last FROM "Card" WHERE number LIKE '${SCALE_CARD_PREFIX}%'`,
  );
  return row?.last ?? 0;
}

function positiveInteger(value: string | undefined, fallback: number, option: string): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new SeedRefused(`--${option} verwacht een positief geheel getal, niet "${value}".`);
  return parsed;
}

async function main(): Promise<number> {
  let values: { passholders?: string; events?: string; batch?: string };
  try {
    ({ values } = parseArgs({ options: { passholders: { type: "string" }, events: { type: "string" }, batch: { type: "string" } }, strict: true }));
  } catch {
    throw new SeedRefused("Gebruik: npm run seed:scale -- --passholders 200000 [--events 2000] [--batch 25000]");
  }
  const passholders = positiveInteger(values.passholders, 200_000, "passholders");
  refuseInProduction();
  const opened = await openForSeeding();
  if (!opened) return 1;
  try {
    await migrate(opened.db);
    console.log(`Benchmarkdata: ${passholders} pashouders toevoegen aan ${opened.describe}`);
    const result = await seedScale(opened.db, {
      passholders,
      events: positiveInteger(values.events, 2000, "events"),
      batchSize: positiveInteger(values.batch, 25_000, "batch"),
      log: (line) => console.log(line),
    });
    console.log(`Klaar in ${result.seconds.toFixed(1)} s. Inhoud van de databank:`);
    console.log(formatSummary(result.totals));
    return 0;
  } finally {
    await opened.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof SeedRefused) console.error(error.message);
      else console.error(`Benchmarkdata laden mislukt: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
