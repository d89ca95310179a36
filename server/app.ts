import compression from "compression";
import express, { type ErrorRequestHandler } from "express";
import type { Database } from "../core/db/database.js";
import { ADMIN_ROOT, createAdminRouter } from "../admin/admin-router.js";
import { createDesk, DESK_ROOT } from "../desk/mount.js";
import { createPortal, portalErrorPage } from "../portal/mount.js";
import { pruneSignInLinks } from "../core/portal/sign-in-links.js";
import { applyRetention } from "../core/retention/retention.js";
import type { Config } from "./config.js";
import { databaseUnreachableReason } from "../core/db/unreachable.js";
import { DATABASE_UNAVAILABLE, healthCheck, outageGuard, sendUnavailable } from "./health.js";
import { adminPolicy, contentSecurityPolicy, portalPolicy, scannerPolicy, securityHeaders } from "./security-headers.js";
import { pruneRateLimits } from "./rate-limit.js";

export interface App {
  app: express.Express;
  /** Removes expired sessions, old rate-limit counters, and personal data past its retention; run it now and then. */
  housekeeping(): Promise<void>;
}

/** The whole web application on one database; holds no state of its own. */
export async function createApp({ config, db }: { config: Config; db: Database }): Promise<App> {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.trustProxy);
  app.use(securityHeaders({ production: config.nodeEnv === "production" }));
  app.get("/healthz", healthCheck(db));
  app.use(outageGuard(db, isAdminApi));
  const admin = await createAdminRouter({ config, db });
  // No body parser before AdminJS: it parses its own forms and refuses pre-parsed bodies. Its pages and
  // answers are compressed on the fly; its scripts are compressed once (admin/assets) and pass through as they are.
  app.use(ADMIN_ROOT, contentSecurityPolicy(adminPolicy), compression(), admin.router);
  const scannerCsp = contentSecurityPolicy(scannerPolicy);
  const portalCsp = contentSecurityPolicy(portalPolicy);
  // The desk's pages after sign-in all carry the camera button (a card's QR code).
  const desk = await createDesk({ config, db });
  app.use(DESK_ROOT, (req, res, next) => (req.path === "/aanmelden" ? portalCsp : scannerCsp)(req, res, next), desk.router);
  const portal = await createPortal({ config, db });
  app.use((req, res, next) => (req.path === "/sparen" ? scannerCsp : portalCsp)(req, res, next), portal.router);
  app.use(errorHandler(config));
  const housekeeping = async () => {
    await admin.sessionStore.prune();
    await portal.sessionStore.prune();
    await desk.sessionStore.prune();
    await pruneSignInLinks(db.prisma);
    await pruneRateLimits(db);
    await applyRetention(db.prisma, { periods: config.retention, dataDir: config.dataDir });
  };
  return { app, housekeeping };
}

const CLIENT_ERRORS: Record<number, string> = {
  400: "Deze aanvraag is onleesbaar: controleer het adres of laad de pagina opnieuw.",
  413: "Deze aanvraag is te groot om te verwerken.",
  415: "Dit soort aanvraag wordt niet aanvaard: verstuur het formulier vanaf de pagina zelf.",
};

function clientErrorPage(message: string): string {
  return `<!doctype html><html lang="nl-BE"><meta charset="utf-8"><title>Aanvraag geweigerd</title><h1>Aanvraag geweigerd</h1><p>${message}</p><p><a href="/">Naar de startpagina</a></p></html>`;
}

const isAdminApi = (url: string) => url.startsWith(`${ADMIN_ROOT}/api/`);

function errorHandler(config: Config): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    const isApi = isAdminApi(req.originalUrl);
    // A database outage is not a fault of this request: a short log line, and a 503 that invites a retry.
    const unreachable = databaseUnreachableReason(error);
    if (unreachable) {
      console.error(`${req.method} ${req.originalUrl}: ${unreachable}`);
      return sendUnavailable(res, DATABASE_UNAVAILABLE, isApi);
    }
    const status = typeof error?.status === "number" && error.status >= 400 && error.status < 600 ? error.status : 500;
    // A client's mistake (an address with a broken %-escape, a body too large) is answered, not logged as a fault.
    if (status >= 500) console.error(`Fout bij ${req.method} ${req.originalUrl}:`, config.nodeEnv === "production" ? String(error) : error);
    const message = CLIENT_ERRORS[status] ?? "Er ging iets mis. Probeer het opnieuw.";
    if (isApi) {
      res.status(status).json({ error: message, notice: { type: "error", message } });
      return;
    }
    res.status(status).type("html").send(status >= 500 ? portalErrorPage() : clientErrorPage(message));
  };
}
