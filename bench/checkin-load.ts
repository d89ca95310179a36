import { randomBytes, randomUUID } from "node:crypto";
import type { EventEmitter } from "node:events";
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
import { startServer, type ServerProcess } from "../torture/server-process.js";
import { signInAll } from "../torture/storm.js";
import { seedStormWorld, type StormPassholder } from "../torture/world.js";
import { FLOOR_INSERT, startFloorServer } from "./floor-server.js";
import { percentile } from "./measure.js";
import { INSPECTABLE, processCpuMs, serverMemory, type MemoryReading } from "./server-memory.js";

/** Target of issue 6: the QR endpoint under load keeps at least this share of the raw insert rate… */
export const LOAD_TARGET_SHARE = 0.5;
/** …with a p99 latency of at most this many milliseconds. */
export const LOAD_TARGET_P99_MS = 100;

export interface LoadOptions {
  connections: number;
  passholders: number;
  events: number;
}

/** After two equal load runs the server's heap (after a full collection) may exceed that after the first by at most this share. */
export const MEMORY_GROWTH_LIMIT = 0.1;

export interface Fired {
  requests: number;
  saved: number;
  refused: number;
  errors: number;
  perSecond: number;
  p50: number;
  p99: number;
}

export interface ServerMemory {
  /** Healthy and idle, after the warm-up, after each measured run. */
  rest: MemoryReading;
  warm: MemoryReading;
  afterRuns: [MemoryReading, MemoryReading];
  /** (heap after the second run − heap after the first) / heap after the first, both after a full collection. */
  growth: number;
}

export interface CheckinLoadResult {
  database: DatabaseKind;
  options: LoadOptions;
  /** Both measured runs together; p50 and p99 are the worse run's. */
  endpoint: Fired & { checkinsFound: number; serverCpuMsPerRequest: number };
  runs: [Fired, Fired];
  memory: ServerMemory;
  raw: { inserts: number; perSecond: number; p50: number; p99: number; connections: number };
  /** Endpoint rate over raw rate. */
  share: number;
  /** PostgreSQL only: the floor server (bench/floor-server.ts) under the same load, one bare insert per request. */
  floor?: Fired & { serverCpuMsPerRequest: number };
  /** PostgreSQL only: the floor server doing each scan's own statements through core, with the server's sessions. */
  floorWithRules?: Fired & { serverCpuMsPerRequest: number; checkinsFound: number };
  /** From spawn to /healthz on this database. */
  serverStartMs: number;
}

/** Two server processes on one PostgreSQL, every scan sent to both at once. */
export interface TwoInstancesResult {
  scans: number;
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  /** Answers "gespaard", check-ins in the database, (event, passholder) pairs with more than one check-in. */
  saved: number;
  checkinsFound: number;
  doubled: number;
  /** The passholders' balances moved by exactly the points of the check-ins found. */
  pointsMoved: number;
  pointsOfCheckins: number;
  exact: boolean;
}

/** The pool size of the server's own PostgreSQL connections (core/db/database.ts), given to the raw inserts too. */
const APP_POOL_SIZE = 10;

/** One request of a load run: a QR scan (GET) or a form post. */
export interface Scan {
  path: string;
  cookie: string;
  form?: string;
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
       AND NOT EXISTS (SELECT 1 FROM "RateLimit" r WHERE r.key = 'portal-save:' || p.id AND r."windowStart" > now() - interval '30 minutes')
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

/** Sends every request once over `connections` connections; a form post counts as done when redirected (303). */
export async function fire(base: string, scans: Scan[], connections: number): Promise<Fired> {
  let next = 0;
  const started = performance.now();
  // At run time the promise is also the run's event emitter.
  const run = autocannon({
    url: base,
    // autocannon refuses more connections than requests.
    connections: Math.min(connections, scans.length),
    amount: scans.length,
    requests: [
      {
        setupRequest: (request) => {
          const scan = scans[next++ % scans.length]!;
          if (!scan.form) return { ...request, method: "GET", path: scan.path, headers: { ...request.headers, cookie: scan.cookie } };
          const headers = { ...request.headers, cookie: scan.cookie, origin: base, "content-type": "application/x-www-form-urlencoded" };
          return { ...request, method: "POST", path: scan.path, headers, body: scan.form };
        },
      },
    ],
  }) as Promise<autocannon.Result> & Pick<EventEmitter, "on">;
  // autocannon ends a run at its next whole-second tick: the rate counts to the last answer instead.
  let lastAnswer = started;
  run.on("response", () => (lastAnswer = performance.now()));
  const fired = await run;
  return {
    requests: fired.requests.total,
    saved: scans[0]?.form ? fired["3xx"] : fired["2xx"],
    refused: scans[0]?.form ? fired.non2xx - fired["3xx"] : fired.non2xx,
    errors: fired.errors + fired.timeouts,
    perSecond: fired.requests.total / ((lastAnswer - started) / 1000),
    p50: fired.latency.p50,
    p99: fired.latency.p99,
  };
}

function together(runs: Fired[]): Fired {
  const sum = (key: "requests" | "saved" | "refused" | "errors") => runs.reduce((total, run) => total + run[key], 0);
  const seconds = runs.reduce((total, run) => total + run.requests / run.perSecond, 0);
  return {
    requests: sum("requests"),
    saved: sum("saved"),
    refused: sum("refused"),
    errors: sum("errors"),
    perSecond: sum("requests") / seconds,
    p50: Math.max(...runs.map((run) => run.p50)),
    p99: Math.max(...runs.map((run) => run.p99)),
  };
}

/** The scans of each event (its signed QR code) by every prepared passholder, event after event. */
function scansPerEvent(secret: string, prepared: Prepared, sessions: Map<string, { cookie?: string }>): Scan[][] {
  // Event by event, so the requests in flight belong to different passholders, as at a real event.
  return prepared.events.map((eventId) => {
    const path = `/sparen/${signSaveCode(secret, { eventId, version: 1 })}`;
    return prepared.passholders.map((passholder) => ({ path, cookie: sessions.get(passholder.id)!.cookie! }));
  });
}

async function stopAll(servers: ServerProcess[]): Promise<void> {
  await Promise.all(servers.map((server) => (server.running() ? server.kill9() : undefined)));
}

/**
 * The server under autocannon: every prepared passholder scans every event once, event after event. After one
 * event to warm up, the other events are two measured runs of equal size, with the server's memory after each.
 */
async function loadServer(
  environment: Record<string, string>,
  prepared: Prepared,
  countCheckins: (events: string[]) => Promise<number>,
  connections: number,
): Promise<Pick<CheckinLoadResult, "endpoint" | "runs" | "memory" | "serverStartMs"> & { sessions: Map<string, { cookie?: string }> }> {
  const server = await startServer(environment, undefined, INSPECTABLE);
  try {
    const serverStartMs = await server.healthy;
    const sessions = await signInAll(server.base, prepared.passholders, 10);
    const rest = await serverMemory(server);
    const [warmUp, ...measured] = scansPerEvent(environment.QR_SECRET!, prepared, sessions);
    await fire(server.base, warmUp!, connections);
    const warm = await serverMemory(server);
    const half = measured.length / 2;
    // The server's processor time per request moves less with the machine's other load than the rate does.
    const cpuBefore = await processCpuMs(server.pid);
    const first = await fire(server.base, measured.slice(0, half).flat(), connections);
    const cpuFirst = (await processCpuMs(server.pid)) - cpuBefore;
    const afterFirst = await serverMemory(server);
    const cpuBeforeSecond = await processCpuMs(server.pid);
    const second = await fire(server.base, measured.slice(half).flat(), connections);
    const cpuSecond = (await processCpuMs(server.pid)) - cpuBeforeSecond;
    const afterSecond = await serverMemory(server);
    await server.stop();
    return {
      serverStartMs,
      sessions,
      endpoint: {
        ...together([first, second]),
        checkinsFound: await countCheckins(prepared.events.slice(1)),
        serverCpuMsPerRequest: (cpuFirst + cpuSecond) / (first.requests + second.requests),
      },
      runs: [first, second],
      memory: { rest, warm, afterRuns: [afterFirst, afterSecond], growth: (afterSecond.heapMb - afterFirst.heapMb) / afterFirst.heapMb },
    };
  } finally {
    await stopAll([server]);
  }
}

/** As many check-ins as the endpoint saved, written as bare INSERT … ON CONFLICT DO NOTHING by `connections` callers. */
async function rawInserts(query: Query, eventIds: string[], passholders: Prepared["passholders"], connections: number): Promise<Omit<CheckinLoadResult["raw"], "connections">> {
  const rows = eventIds.flatMap((eventId) => passholders.map((passholder) => [eventId, passholder.id, passholder.cardId] as const));
  const sql = FLOOR_INSERT;
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

function result(database: DatabaseKind, options: LoadOptions, measured: Omit<CheckinLoadResult, "database" | "options" | "raw" | "share">, raw: CheckinLoadResult["raw"]): CheckinLoadResult {
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
  const secrets = serverSecrets();
  let measured;
  try {
    measured = await loadServer({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir, ...secrets }, prepared, countIn(db), options.connections);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  const { sessions, ...server } = measured;
  const floorWithRules = await loadFloorWithRules(db, databaseUrl, secrets, { ...prepared, events: await openEvents(db, municipalityId, options.events, "floor with rules") }, sessions, options.connections);
  const rawEvents = await openEvents(db, municipalityId, options.events - 1, "raw SQL");
  const floorEvents = await openEvents(db, municipalityId, options.events - 1, "floor");
  const pool = new pg.Pool({ connectionString: databaseUrl, max: APP_POOL_SIZE });
  const floorServer = await startFloorServer(databaseUrl, APP_POOL_SIZE);
  try {
    const raw = await rawInserts((sql, params) => pool.query(sql, params), rawEvents, prepared.passholders, options.connections);
    const floorScans = floorEvents.flatMap((eventId) => prepared.passholders.map((passholder) => floorServer.scan(eventId, passholder.id, passholder.cardId)));
    const cpuBefore = await processCpuMs(floorServer.pid);
    const fired = await fire(floorServer.base, floorScans, options.connections);
    const floor = { ...fired, serverCpuMsPerRequest: ((await processCpuMs(floorServer.pid)) - cpuBefore) / fired.requests };
    return { ...result("postgres", options, server, { ...raw, connections: APP_POOL_SIZE }), floor, floorWithRules };
  } finally {
    await floorServer.stop();
    const bare = [...rawEvents, ...floorEvents];
    await pool.query(`DELETE FROM "Checkin" WHERE "eventId" = ANY($1::uuid[])`, [bare]);
    await pool.query(`DELETE FROM "Event" WHERE id = ANY($1::uuid[])`, [bare]);
    await pool.end();
  }
}

/** The floor server with the rules: the same scans as the server's, with its sessions, after one event to warm up. */
async function loadFloorWithRules(
  db: Database,
  databaseUrl: string,
  secrets: ReturnType<typeof serverSecrets>,
  prepared: Prepared,
  sessions: Map<string, { cookie?: string }>,
  connections: number,
): Promise<NonNullable<CheckinLoadResult["floorWithRules"]>> {
  const floor = await startFloorServer(databaseUrl, APP_POOL_SIZE, secrets);
  try {
    const [warmUp, ...measured] = scansPerEvent(secrets.QR_SECRET, prepared, sessions);
    await fire(floor.base, warmUp!, connections);
    const cpuBefore = await processCpuMs(floor.pid);
    const fired = await fire(floor.base, measured.flat(), connections);
    return { ...fired, serverCpuMsPerRequest: ((await processCpuMs(floor.pid)) - cpuBefore) / fired.requests, checkinsFound: await countIn(db)(prepared.events.slice(1)) };
  } finally {
    await floor.stop();
  }
}

/**
 * Two server processes on the scale dataset's PostgreSQL, each with its own data folder. After a warm-up sent to
 * them in turn, every scan goes to both at the same moment (half the connections each): exactly one of the two
 * may save, and the balances must move by exactly the points of the check-ins that were written.
 */
export async function benchTwoInstances(db: Database, databaseUrl: string, municipalityId: number, options: LoadOptions): Promise<TwoInstancesResult> {
  const prepared = { passholders: await scalePassholders(db, options.passholders), events: await openEvents(db, municipalityId, options.events, `2 servers ${new Date().toISOString().slice(0, 16)}`) };
  const ids = prepared.passholders.map((passholder) => passholder.id);
  const balance = async () => (await db.query<{ points: number }>(`SELECT COALESCE(sum(points), 0)::int AS points FROM "Passholder" WHERE id = ANY($1::uuid[])`, [ids]))[0]!.points;
  const dataDirs = [await mkdtemp(join(tmpdir(), "uitpas-bench-a-")), await mkdtemp(join(tmpdir(), "uitpas-bench-b-"))];
  const secrets = serverSecrets();
  const servers = await Promise.all(dataDirs.map((dataDir) => startServer({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir, ...secrets })));
  try {
    await Promise.all(servers.map((server) => server.healthy));
    // Sessions live in the database: a cookie from one server is good at the other.
    const sessions = await signInAll(servers[0]!.base, prepared.passholders, 10);
    const [warmUp, ...measured] = scansPerEvent(secrets.QR_SECRET, prepared, sessions);
    await Promise.all(servers.map((server, index) => fire(server.base, warmUp!.filter((_, scan) => scan % 2 === index), options.connections / 2)));
    const before = await balance();
    const scans = measured.flat();
    const fired = await Promise.all(servers.map((server) => fire(server.base, scans, options.connections / 2)));
    const events = prepared.events.slice(1);
    const [written] = await db.query<{ found: number; doubled: number; points: number }>(
      `SELECT count(*)::int AS found, (count(*) - count(DISTINCT ("eventId", "passholderId")))::int AS doubled, COALESCE(sum(points), 0)::int AS points
       FROM "Checkin" WHERE "eventId" = ANY($1::uuid[]) AND NOT corrected`,
      [events],
    );
    const pointsMoved = (await balance()) - before;
    const all = together(fired);
    const seconds = Math.max(...fired.map((run) => run.requests / run.perSecond));
    return {
      scans: scans.length,
      requests: all.requests,
      perSecond: all.requests / seconds,
      p50: all.p50,
      p99: all.p99,
      errors: all.errors,
      saved: all.saved,
      checkinsFound: written!.found,
      doubled: written!.doubled,
      pointsMoved,
      pointsOfCheckins: written!.points,
      exact: all.saved === scans.length && written!.found === scans.length && written!.doubled === 0 && pointsMoved === written!.points,
    };
  } finally {
    await stopAll(servers);
    await Promise.all(dataDirs.map((dataDir) => rm(dataDir, { recursive: true, force: true })));
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
    const { sessions: _sessions, ...measured } = await loadServer(environment, prepared, async () => 0, options.connections);
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
