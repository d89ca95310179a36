import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import type { Database, DatabaseKind } from "../core/db/database.js";
import { migrate } from "../core/db/migrate.js";
import { requestSignInLink } from "../core/portal/sign-in-links.js";
import { signSaveCode } from "../core/savecodes/save-code.js";
import { periodKey } from "../core/time/periods.js";
import { createDatabaseUnderTest } from "../torture/database-under-test.js";
import { startServer } from "../torture/server-process.js";
import { signInAll } from "../torture/storm.js";
import { seedStormWorld, type StormPassholder } from "../torture/world.js";
import { percentile } from "./measure.js";

/** Target of issue 6: the QR endpoint under load keeps at least this share of the raw insert rate… */
export const LOAD_TARGET_SHARE = 0.5;
/** …with a p99 latency of at most this many milliseconds. */
export const LOAD_TARGET_P99_MS = 100;

export interface LoadOptions {
  connections: number;
  passholders: number;
  events: number;
}

export interface CheckinLoadResult {
  database: DatabaseKind;
  options: LoadOptions;
  endpoint: { requests: number; saved: number; refused: number; errors: number; perSecond: number; p50: number; p99: number; checkinsFound: number };
  raw: { inserts: number; perSecond: number; p50: number; p99: number; connections: number };
  /** Endpoint rate over raw rate. */
  share: number;
  /** From spawn to /healthz on this database. */
  serverStartMs: number;
}

/** The pool size of the server's own PostgreSQL connections (core/db/database.ts), given to the raw inserts too. */
const APP_POOL_SIZE = 10;

interface Scan {
  path: string;
  cookie: string;
}

interface Prepared {
  passholders: Array<StormPassholder & { cardId: number }>;
  /** Events open now: the first warms up, the rest is measured. */
  events: string[];
}

type Query = (sql: string, params: unknown[]) => Promise<unknown>;

/** Fresh secrets for a spawned server: its sessions and save-codes are good for this run only. */
export const serverSecrets = () => ({ SESSION_SECRET: randomBytes(32).toString("hex"), QR_SECRET: randomBytes(32).toString("hex") });

/** Events of the municipality that are open for saving right now, created for this run. */
async function openEvents(db: Database, municipalityId: number, count: number, label: string): Promise<string[]> {
  const counter = await db.prisma.counter.findFirstOrThrow({ where: { municipalityId }, orderBy: { id: "asc" } });
  const now = Date.now();
  const events = Array.from({ length: count }, (_, index) => ({
    id: randomUUID(),
    cardSystemId: counter.cardSystemId,
    cdbid: `bench-${randomUUID()}`,
    name: `Benchmark QR-sparen ${label} ${index + 1}`,
    organiserCounterId: counter.id,
    municipalityId,
    startsAt: new Date(now - 10 * 60_000),
    endsAt: new Date(now + 3 * 60 * 60_000),
  }));
  await db.prisma.event.createMany({ data: events });
  return events.map((event) => event.id);
}

/**
 * Scale-data passholders with an email and an active card, at random, whose scan counter of this quarter hour is
 * untouched (an earlier run would otherwise meet the portal's scan limit), each with a fresh sign-in link.
 */
async function scalePassholders(db: Database, count: number): Promise<Prepared["passholders"]> {
  const rows = await db.query<{ id: string; email: string; cardId: number }>(
    `SELECT p.id, p.email, c.id AS "cardId" FROM "Passholder" p JOIN "Card" c ON c."passholderId" = p.id AND c.status = 'ACTIVE'
     WHERE p.email IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM "RateLimit" r WHERE r.key = 'portal-save:' || p.id AND r."windowStart" > now() - interval '15 minutes')
     ORDER BY random() LIMIT $1`,
    [count],
  );
  if (rows.length < count) throw new Error(`only ${rows.length} passholders can scan in this quarter hour`);
  const passholders = [];
  for (const row of rows) passholders.push({ id: row.id, cardId: row.cardId, token: (await requestSignInLink(db.prisma, { email: row.email }))!.token });
  return passholders;
}

async function cardsOf(db: Database, passholders: StormPassholder[]): Promise<Prepared["passholders"]> {
  const cards = await db.prisma.card.findMany({ where: { passholderId: { in: passholders.map((passholder) => passholder.id) } } });
  return passholders.map((passholder) => ({ ...passholder, cardId: cards.find((card) => card.passholderId === passholder.id)!.id }));
}

async function fire(base: string, scans: Scan[], connections: number) {
  let next = 0;
  return autocannon({
    url: base,
    // autocannon refuses more connections than requests.
    connections: Math.min(connections, scans.length),
    amount: scans.length,
    requests: [
      {
        setupRequest: (request) => {
          const scan = scans[next++ % scans.length]!;
          return { ...request, method: "GET", path: scan.path, headers: { ...request.headers, cookie: scan.cookie } };
        },
      },
    ],
  });
}

/** The server under autocannon: every prepared passholder scans every event once, event after event. */
async function loadServer(
  environment: Record<string, string>,
  prepared: Prepared,
  countCheckins: (events: string[]) => Promise<number>,
  connections: number,
): Promise<Pick<CheckinLoadResult, "endpoint" | "serverStartMs">> {
  const server = await startServer(environment);
  try {
    const serverStartMs = await server.healthy;
    const sessions = await signInAll(server.base, prepared.passholders, 10);
    // Event by event, so the requests in flight belong to different passholders, as at a real event.
    const scans = prepared.events.map((eventId) => {
      const path = `/sparen/${signSaveCode(environment.QR_SECRET!, { eventId, version: 1 })}`;
      return prepared.passholders.map((passholder) => ({ path, cookie: sessions.get(passholder.id)!.cookie! }));
    });
    // The first event warms the server up (connections, JIT, the page module); the rest is measured.
    await fire(server.base, scans[0]!, connections);
    const measured = await fire(server.base, scans.slice(1).flat(), connections);
    await server.stop();
    return {
      serverStartMs,
      endpoint: {
        requests: measured.requests.total,
        saved: measured["2xx"],
        refused: measured.non2xx,
        errors: measured.errors + measured.timeouts,
        perSecond: measured.requests.total / measured.duration,
        p50: measured.latency.p50,
        p99: measured.latency.p99,
        checkinsFound: await countCheckins(prepared.events.slice(1)),
      },
    };
  } finally {
    if (server.running()) await server.kill9();
  }
}

/** As many check-ins as the endpoint saved, written as bare INSERT … ON CONFLICT DO NOTHING by `connections` callers. */
async function rawInserts(query: Query, eventIds: string[], passholders: Prepared["passholders"], connections: number): Promise<Omit<CheckinLoadResult["raw"], "connections">> {
  const rows = eventIds.flatMap((eventId) => passholders.map((passholder) => [eventId, passholder.id, passholder.cardId] as const));
  const sql = `INSERT INTO "Checkin" (id, "eventId", "passholderId", "cardId", channel, points, "periodKey", slot, "checkedInAt")
               VALUES (gen_random_uuid(), $1, $2, $3, 'QR', 1, $4, 1, now()) ON CONFLICT DO NOTHING`;
  const key = periodKey("DAY", new Date());
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < rows.length) {
        const row = rows[next++]!;
        const sent = performance.now();
        await query(sql, [...row, key]);
        latencies.push(performance.now() - sent);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { inserts: rows.length, perSecond: rows.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

const countIn = (db: Database) => async (events: string[]) =>
  (await db.query<{ found: number }>(`SELECT count(*)::int AS found FROM "Checkin" WHERE "eventId" = ANY($1::uuid[])`, [events]))[0]!.found;

function result(database: DatabaseKind, options: LoadOptions, measured: Pick<CheckinLoadResult, "endpoint" | "serverStartMs">, raw: CheckinLoadResult["raw"]): CheckinLoadResult {
  return { database, options, ...measured, raw, share: measured.endpoint.perSecond / raw.perSecond };
}

/**
 * The portal's QR save endpoint (GET /sparen/<code>) of a real server process on the scale dataset, against bare
 * inserts into the same Checkin table over a pool of the server's size. The bare rows have no ledger line and are
 * removed again with their events; the endpoint's check-ins are real and stay.
 */
export async function benchCheckinLoadOnPostgres(db: Database, databaseUrl: string, municipalityId: number, options: LoadOptions): Promise<CheckinLoadResult> {
  const prepared = { passholders: await scalePassholders(db, options.passholders), events: await openEvents(db, municipalityId, options.events, new Date().toISOString().slice(0, 16)) };
  const dataDir = await mkdtemp(join(tmpdir(), "uitpas-bench-load-"));
  let measured;
  try {
    measured = await loadServer({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir, ...serverSecrets() }, prepared, countIn(db), options.connections);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  const rawEvents = await openEvents(db, municipalityId, options.events - 1, "raw SQL");
  const pool = new pg.Pool({ connectionString: databaseUrl, max: APP_POOL_SIZE });
  try {
    const raw = await rawInserts((sql, params) => pool.query(sql, params), rawEvents, prepared.passholders, options.connections);
    return result("postgres", options, measured, { ...raw, connections: APP_POOL_SIZE });
  } finally {
    await pool.query(`DELETE FROM "Checkin" WHERE "eventId" = ANY($1::uuid[])`, [rawEvents]);
    await pool.query(`DELETE FROM "Event" WHERE id = ANY($1::uuid[])`, [rawEvents]);
    await pool.end();
  }
}

/**
 * The same on the embedded database of `npm start`: a fresh data folder with a small region, the server on it,
 * then (the server stopped, since one process owns the folder) bare inserts on its one connection.
 */
export async function benchCheckinLoadEmbedded(options: LoadOptions): Promise<CheckinLoadResult> {
  const database = await createDatabaseUnderTest("pglite");
  const environment = { ...database.serverEnv, ...serverSecrets() };
  try {
    const seeding = await database.open();
    let prepared: Prepared;
    try {
      await migrate(seeding.db);
      const world = await seedStormWorld(seeding.db, { passholders: options.passholders, events: options.events * 2 - 1, qrSecret: environment.QR_SECRET });
      prepared = { passholders: await cardsOf(seeding.db, world.passholders), events: world.events.slice(0, options.events).map((event) => event.id) };
    } finally {
      await seeding.close();
    }
    const measured = await loadServer(environment, prepared, async () => 0, options.connections);
    const opened = await database.open();
    try {
      const found = await countIn(opened.db)(prepared.events.slice(1));
      const rawEvents = (await opened.db.query<{ id: string }>(`SELECT id FROM "Event" WHERE id <> ALL($1::uuid[])`, [prepared.events])).map((row) => row.id);
      const raw = await rawInserts((sql, params) => opened.db.query(sql, params), rawEvents, prepared.passholders, options.connections);
      return result("pglite", options, { ...measured, endpoint: { ...measured.endpoint, checkinsFound: found } }, { ...raw, connections: 1 });
    } finally {
      await opened.close();
    }
  } finally {
    await database.dispose();
  }
}
