import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { periodKey } from "../core/time/periods.js";
import type { Scan } from "./checkin-load.js";

/**
 * The floor of any server design on this machine: a bare `node:http` server in its own process that answers every
 * GET with one INSERT of a check-in over a pool of the server's size and a fixed page of the scan page's size.
 * No session, no rules, no framework. What it reaches beside the bare inserts is as far as the QR save could get.
 */
export const FLOOR_INSERT = `INSERT INTO "Checkin" (id, "eventId", "passholderId", "cardId", channel, points, "periodKey", slot, "checkedInAt")
  VALUES (gen_random_uuid(), $1, $2, $3, 'QR', 1, $4, 1, now()) ON CONFLICT DO NOTHING`;

/** About the size of the portal's answer to a scan. */
const PAGE = `<!doctype html><html lang="nl-BE"><meta charset="utf-8"><title>+1 punt gespaard</title><h1>Sparen</h1>${"<p>Je spaarde 1 punt.</p>".repeat(180)}</html>`;

export interface FloorServer {
  base: string;
  pid: number;
  /** One GET per (event, passholder, card): the floor server inserts that check-in. */
  scan(eventId: string, passholderId: string, cardId: number): Scan;
  stop(): Promise<void>;
}

export async function startFloorServer(databaseUrl: string, poolSize: number): Promise<FloorServer> {
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url)], {
    env: { ...process.env, FLOOR_DATABASE_URL: databaseUrl, FLOOR_POOL_SIZE: String(poolSize) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [line] = (await once(child.stdout!, "data")) as [Buffer];
  const port = Number(line.toString().trim());
  return {
    base: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    scan: (eventId, passholderId, cardId) => ({ path: `/${eventId}/${passholderId}/${cardId}`, cookie: "" }),
    async stop() {
      child.kill("SIGTERM");
      await once(child, "exit");
    },
  };
}

function serve(): void {
  const pool = new pg.Pool({ connectionString: process.env.FLOOR_DATABASE_URL, max: Number(process.env.FLOOR_POOL_SIZE) });
  const key = periodKey("DAY", new Date());
  const server = createServer((req, res) => {
    const [, eventId, passholderId, cardId] = (req.url ?? "").split("/");
    pool.query(FLOOR_INSERT, [eventId, passholderId, Number(cardId), key]).then(
      () => res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }).end(PAGE),
      (error: Error) => res.writeHead(500).end(error.message),
    );
  });
  server.listen(0, "127.0.0.1", () => process.stdout.write(`${(server.address() as { port: number }).port}\n`));
  process.once("SIGTERM", () => server.close(() => void pool.end().then(() => process.exit(0))));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) serve();
