import { spawn } from "node:child_process";
import { createHmac, timingSafeEqual } from "node:crypto";
import { once } from "node:events";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import type { SessionData } from "express-session";
import pg from "pg";
import { openPostgres } from "../core/db/database.js";
import { periodKey } from "../core/time/periods.js";
import { portalBranding } from "../portal/src/lib/contact.js";
import { saveWithCode } from "../portal/src/lib/save-with-code.js";
import type { PortalLocals } from "../portal/locals.js";
import { DatabaseSessionStore } from "../server/session-store.js";
import { cookieOf, sessionIdOf } from "../tests/server/http.js";
import type { Scan } from "./checkin-load.js";

/**
 * The floor of any server design on this machine: a bare `node:http` server in its own process that answers every
 * GET with one INSERT of a check-in over a pool of the server's size and a fixed page of the scan page's size.
 * No session, no rules, no framework. What it reaches beside the bare inserts is as far as the QR save could get.
 */
export const FLOOR_INSERT = `INSERT INTO "Checkin" (id, "eventId", "passholderId", "cardId", channel, points, "periodKey", slot, "checkedInAt")
  VALUES (gen_random_uuid(), $1, $2, $3, 'QR', 1, $4, 1, now()) ON CONFLICT DO NOTHING`;

const PORTAL_COOKIE = "uitpas_portaal";

/** About the size of the portal's answer to a scan. */
const PAGE = `<!doctype html><html lang="nl-BE"><meta charset="utf-8"><title>+1 punt gespaard</title><h1>Sparen</h1>${"<p>Je spaarde 1 punt.</p>".repeat(180)}</html>`;

export interface FloorServer {
  base: string;
  pid: number;
  /** One GET per (event, passholder, card): the floor server inserts that check-in. */
  scan(eventId: string, passholderId: string, cardId: number): Scan;
  stop(): Promise<void>;
}

/**
 * With `secrets` (the server's, whose sessions the scans carry), the floor does a scan's own work instead: the
 * session read, the scan limit, the event and the check-in through core, and the branding, each the same statement
 * as in the server, but without Express, express-session and Astro around them. Its scans are the server's own.
 */
export async function startFloorServer(databaseUrl: string, poolSize: number, secrets?: { SESSION_SECRET: string; QR_SECRET: string }): Promise<FloorServer> {
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url)], {
    env: { ...process.env, FLOOR_DATABASE_URL: databaseUrl, FLOOR_POOL_SIZE: String(poolSize), ...(secrets && { FLOOR_RULES: "1", ...secrets }) },
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
  listen(server, () => pool.end());
}

async function serveScans(): Promise<void> {
  const db = await openPostgres(process.env.FLOOR_DATABASE_URL!, { poolSize: Number(process.env.FLOOR_POOL_SIZE) });
  const store = new DatabaseSessionStore(db, "PORTAL");
  const readSession = (sid: string) => new Promise<SessionData | null | undefined>((resolve, reject) => store.get(sid, (error, data) => (error ? reject(error) : resolve(data))));
  const config = { qrSecret: process.env.QR_SECRET! } as PortalLocals["config"];
  const server = createServer((req, res) => {
    const sid = sessionIdOfCookie(req.headers.cookie ?? "", process.env.SESSION_SECRET!);
    (async () => {
      const data = sid ? await readSession(sid) : null;
      if (!data?.passholderId) return res.writeHead(303, { location: "/aanmelden" }).end();
      const locals = { db, config, passholderId: data.passholderId, cardSystemId: data.cardSystemId, request: { ip: req.socket.remoteAddress, userAgent: req.headers["user-agent"] } } as PortalLocals;
      const [outcome] = await Promise.all([saveWithCode(locals, data.passholderId, decodeURIComponent((req.url ?? "").split("/sparen/")[1] ?? "")), portalBranding(locals)]);
      res.writeHead(outcome.status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }).end(PAGE);
    })().catch((error: Error) => res.writeHead(500).end(error.message));
  });
  listen(server, () => db.close());
}

/** The session id of the portal's cookie ("s:" + the id + "." + its HMAC-SHA256, as express-session signs it), if the signature holds. */
function sessionIdOfCookie(cookie: string, secret: string): string | undefined {
  const browser = { cookie };
  const value = cookieOf(browser, PORTAL_COOKIE);
  if (!value?.startsWith("s:")) return undefined;
  const sid = sessionIdOf(browser, PORTAL_COOKIE);
  const expected = Buffer.from(`s:${sid}.${createHmac("sha256", secret).update(sid).digest("base64").replace(/=+$/, "")}`);
  const given = Buffer.from(value);
  return expected.length === given.length && timingSafeEqual(expected, given) ? sid : undefined;
}

function listen(server: ReturnType<typeof createServer>, close: () => Promise<void>): void {
  server.listen(0, "127.0.0.1", () => process.stdout.write(`${(server.address() as { port: number }).port}\n`));
  process.once("SIGTERM", () => server.close(() => void close().then(() => process.exit(0))));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) void (process.env.FLOOR_RULES ? serveScans() : serve());
