import type { DatabaseKind } from "../core/db/database.js";
import { migrate } from "../core/db/migrate.js";
import { createDatabaseUnderTest } from "./database-under-test.js";
import { startServer, type ServerProcess } from "./server-process.js";
import { signInAll, storm, type Pair } from "./storm.js";
import { verifyAfterCrash } from "./verify.js";
import { seedStormWorld } from "./world.js";

export interface StormSize {
  passholders: number;
  /** Events each passholder scans: at most the portal's 30 scans per passholder per quarter hour, retries included. */
  events: number;
  concurrency: number;
  /** The server is killed once this share of the pairs was acknowledged as saved. */
  killAt: number;
}

export const STORM_SIZES = {
  full: { passholders: 400, events: 8, concurrency: 48, killAt: 0.4 },
  // The same path with a small storm, for the test suite: four server starts take most of its half minute.
  short: { passholders: 24, events: 4, concurrency: 12, killAt: 0.4 },
} as const satisfies Record<string, StormSize>;

export interface StormReport {
  kind: DatabaseKind;
  /** Scans sent before the kill. */
  sent: number;
  /** Answered "saved" before the kill. */
  acknowledged: number;
  /** In flight when the server died. */
  noAnswer: number;
  /** Of those, already saved when scanned again after the restart: committed, but the answer was lost. */
  committedUnanswered: number;
  /** Check-ins in the database at the end. */
  present: number;
  /** Sent after the restart: the pairs never sent plus those without an answer. */
  resumed: number;
  /** Scans after the restart sent again because their connection dropped. */
  retried: number;
  /** Spawn to a healthy /healthz: the first start, and the restart after kill -9. */
  startMs: number;
  restartMs: number;
  violations: string[];
}

const SECRETS = { SESSION_SECRET: "torture-session-secret-long-enough-123456", QR_SECRET: "torture-qr-secret-long-enough-for-the-check" };

const keyOf = (pair: Pair) => `${pair.passholderId}/${pair.eventId}`;

/**
 * Seeds a region, starts the real server, signs every passholder in to the portal and lets them all scan every
 * event's save-code at once; kill -9 in the middle, restart on the same data, scan what was not answered, stop,
 * and check the database against every answer that said "saved".
 */
export async function killDuringStorm(kind: DatabaseKind, size: StormSize, adminUrl?: string): Promise<StormReport> {
  const database = await createDatabaseUnderTest(kind, adminUrl);
  const servers: ServerProcess[] = [];
  try {
    // Seeded before the server starts: only one process may open an embedded data folder.
    const seeding = await database.open();
    const world = await migrate(seeding.db)
      .then(() => seedStormWorld(seeding.db, { ...size, qrSecret: SECRETS.QR_SECRET }))
      .finally(() => seeding.close());
    const env = { ...database.serverEnv, ...SECRETS };
    const first = await startServer(env);
    servers.push(first);
    const startMs = await first.healthy;

    const sessions = await signInAll(first.base, world.passholders, size.concurrency);
    // Event by event: the requests in flight together are for as many different passholders.
    const pairs: Pair[] = world.events.flatMap((event) => world.passholders.map((passholder) => ({ passholderId: passholder.id, eventId: event.id, code: event.code })));
    const killAfter = Math.max(1, Math.floor(pairs.length * size.killAt));
    let killed: Promise<void> | undefined;
    const before = await storm(first.base, pairs, sessions, {
      concurrency: size.concurrency,
      onAnswer: (saved, stop) => {
        if (saved < killAfter || killed) return;
        stop();
        killed = first.kill9();
      },
    });
    if (!killed) throw new Error("the storm ended before the server was killed");
    await killed;

    const restarted = await startServer(env, Number(new URL(first.base).port));
    servers.push(restarted);
    const restartMs = await restarted.healthy;
    const lost = before.scans.filter((scan) => scan.outcome === "noAnswer");
    const after = await storm(restarted.base, [...before.unsent, ...lost], sessions, { concurrency: size.concurrency, retries: 2 });
    const lostKeys = new Set(lost.map(keyOf));
    // Before the kill every answer says "saved"; after it, only a scan that lost its answer may already be saved.
    const surprises = [
      ...before.scans.filter((scan) => scan.outcome !== "saved" && scan.outcome !== "noAnswer"),
      ...after.scans.filter((scan) => scan.outcome !== "saved" && !(scan.outcome === "alreadySaved" && lostKeys.has(keyOf(scan)))),
    ];
    const stopped = await restarted.stop();

    const reading = await database.open();
    const verification = await verifyAfterCrash(
      reading.db,
      [...before.scans, ...after.scans].filter((scan) => scan.outcome === "saved"),
      pairs,
    ).finally(() => reading.close());
    const violations = [...verification.violations];
    if (surprises.length > 0) {
      const sample = surprises.slice(0, 3).map((scan) => [scan.outcome, scan.status, scan.error].filter(Boolean).join(" "));
      const output = surprises.some((scan) => scan.outcome === "serverError") ? `\n${first.output().slice(-2_000)}\n${restarted.output().slice(-2_000)}` : "";
      violations.push(`${surprises.length} onverwachte antwoorden / unexpected answers (${sample.join(", ")})${output}`);
    }
    if (stopped !== 0) violations.push(`de herstarte server stopte met code ${stopped} / the restarted server exited with ${stopped}`);
    return {
      kind,
      sent: before.scans.length,
      acknowledged: before.scans.filter((scan) => scan.outcome === "saved").length,
      noAnswer: lost.length,
      committedUnanswered: after.scans.filter((scan) => scan.outcome === "alreadySaved" && lostKeys.has(keyOf(scan))).length,
      present: verification.present,
      resumed: after.scans.length,
      retried: after.scans.filter((scan) => scan.retries > 0).length,
      startMs,
      restartMs,
      violations,
    };
  } finally {
    for (const server of servers) if (server.running()) await server.kill9();
    await database.dispose();
  }
}
