import { readFileSync } from "node:fs";
import type { RequestHandler } from "express";
import type { Database } from "../core/db/database.js";

const HEALTH_TIMEOUT_MS = 3_000;

const version = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;

/** GET /healthz: 200 when the database answers `SELECT 1`, else 503; never cached. */
export function healthCheck(db: Database): RequestHandler {
  return async (_req, res) => {
    const started = performance.now();
    let ok = true;
    try {
      await withTimeout(db.query("SELECT 1 AS ok"), HEALTH_TIMEOUT_MS);
    } catch {
      ok = false;
    }
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    res.setHeader("Cache-Control", "no-store");
    res.status(ok ? 200 : 503).json({
      status: ok ? "ok" : "error",
      database: { kind: db.kind, ok, latencyMs },
      version,
      uptimeSeconds: Math.round(process.uptime()),
    });
  };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
