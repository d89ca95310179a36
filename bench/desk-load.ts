import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Database } from "../core/db/database.js";
import { startServer } from "../torture/server-process.js";
import { fire, serverSecrets, type Fired, type Scan } from "./checkin-load.js";
import { benchStaff, counterWithOpenEvent, freshCards, signInAtCounter, type DeskBrowser } from "./desk-pages.js";

export interface DeskLoadOptions {
  connections: number;
  /** Measured "Punt sparen" posts, each for another passholder. */
  checkins: number;
  /** Staff sessions at the counter the posts are spread over. */
  sessions: number;
}

export interface DeskLoadResult {
  options: DeskLoadOptions;
  counter: string;
  endpoint: Fired & { checkinsFound: number };
}

/** Unmeasured posts first: connections, JIT, the page module. */
const WARM_UP = 50;

/**
 * "Punt sparen" at the desk (POST /balie/pashouder/<id>, answered by a redirect to the passholder page) under
 * load, against a server process of its own on the scale dataset: staff sessions at one counter of the
 * municipality, each post a passholder who did not save at that activity yet.
 */
export async function benchDeskLoad(db: Database, databaseUrl: string, municipality: { id: number; name: string }, options: DeskLoadOptions): Promise<DeskLoadResult> {
  const { counter, event } = await counterWithOpenEvent(db, municipality.id);
  const account = await benchStaff(db, counter, municipality.name);
  const cards = await freshCards(db, municipality.id, event.id, WARM_UP + options.checkins);
  const dataDir = await mkdtemp(join(tmpdir(), "uitpas-bench-desk-"));
  const server = await startServer({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir, ...serverSecrets() });
  try {
    await server.healthy;
    const desks: DeskBrowser[] = [];
    for (let i = 0; i < options.sessions; i++) desks.push(await signInAtCounter(server.base, account, counter.id));
    const posts: Scan[] = cards.map((card, i) => {
      const desk = desks[i % desks.length]!;
      const form = new URLSearchParams({ actie: "sparen", counterId: String(counter.id), kaart: card.number, eventId: event.id, csrf: desk.csrf });
      return { path: `/balie/pashouder/${card.id}`, cookie: desk.browser.cookie!, form: form.toString() };
    });
    await fire(server.base, posts.slice(0, WARM_UP), options.connections);
    const measured = await fire(server.base, posts.slice(WARM_UP), options.connections);
    await server.stop();
    const [{ found } = { found: 0 }] = await db.query<{ found: number }>(
      `SELECT count(*)::int AS found FROM "Checkin" WHERE "eventId" = $1 AND "passholderId" = ANY($2::uuid[]) AND channel = 'COUNTER'`,
      [event.id, cards.slice(WARM_UP).map((card) => card.id)],
    );
    return { options, counter: counter.name, endpoint: { ...measured, checkinsFound: found } };
  } finally {
    if (server.running()) await server.kill9();
    await rm(dataDir, { recursive: true, force: true });
  }
}
