import { readFileSync } from "node:fs";
import type { RequestListener, ServerResponse } from "node:http";
import type { RequestHandler } from "express";
import type { Database } from "../core/db/database.js";
import { databaseUnreachableReason } from "../core/db/unreachable.js";

const HEALTH_TIMEOUT_MS = 3_000;
const RETRY_AFTER_SECONDS = 10;

const version = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;

/** GET /healthz: 200 when the database answers `SELECT 1`, else 503 with the reason; never cached. */
export function healthCheck(db: Database): RequestHandler {
  return async (_req, res) => {
    const started = performance.now();
    let reason: string | undefined;
    try {
      await withTimeout(db.query("SELECT 1 AS ok"), HEALTH_TIMEOUT_MS);
    } catch (error) {
      reason = databaseUnreachableReason(error) ?? `de databank antwoordt niet (${error instanceof Error ? error.message : String(error)})`;
    }
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    const ok = reason === undefined;
    res.setHeader("Cache-Control", "no-store");
    res.status(ok ? 200 : 503).json({
      status: ok ? "ok" : "error",
      ...(reason ? { reason } : {}),
      database: { kind: db.kind, ok, latencyMs },
      version,
      uptimeSeconds: Math.round(process.uptime()),
    });
  };
}

/**
 * What the server answers before the application is up (the database is being reached, migrated): /healthz
 * says why with a 503, every other address a Dutch 503 page (or JSON for the backoffice's API).
 */
export function startingUp(reason: () => string): RequestListener {
  return (req, res) => {
    if (new URL(req.url ?? "/", "http://x").pathname === "/healthz") {
      res.writeHead(503, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" });
      res.end(JSON.stringify({ status: "starting", reason: reason(), version, uptimeSeconds: Math.round(process.uptime()) }));
      return;
    }
    // The backoffice's API calls ask for JSON first.
    const asJson = /json/.test(req.headers.accept?.split(",")[0] ?? "");
    sendUnavailable(res, "UiTPAS Meetjesland start nog op. Probeer het over enkele ogenblikken opnieuw.", asJson);
  };
}

/**
 * While the database seems gone (a lost or refused connection), each request first checks that it answers:
 * pages that stream (the portal) would otherwise break off halfway or answer 500.
 */
export function outageGuard(db: Database, isApi: (url: string) => boolean): RequestHandler {
  return async (req, res, next) => {
    if (!db.suspectsOutage()) return next();
    try {
      await withTimeout(db.query("SELECT 1"), HEALTH_TIMEOUT_MS);
    } catch {
      return sendUnavailable(res, DATABASE_UNAVAILABLE, isApi(req.originalUrl));
    }
    next();
  };
}

export const DATABASE_UNAVAILABLE = "De databank is tijdelijk niet bereikbaar. Probeer het over enkele ogenblikken opnieuw.";

/** A Dutch 503 with a hint when to try again: JSON for an API call, a small page for everything else. */
export function sendUnavailable(res: ServerResponse, message: string, asJson: boolean): void {
  const headers = { "Cache-Control": "no-store", "Retry-After": String(RETRY_AFTER_SECONDS) };
  if (asJson) {
    res.writeHead(503, { ...headers, "Content-Type": "application/json; charset=utf-8" });
    res.end(JSON.stringify({ error: message }));
    return;
  }
  res.writeHead(503, { ...headers, "Content-Type": "text/html; charset=utf-8" });
  res.end(
    `<!doctype html><html lang="nl-BE"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
      `<title>Even geduld</title><h1>Even geduld</h1><p>${message}</p></html>`,
  );
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`geen antwoord binnen ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
