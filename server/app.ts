import compression from "compression";
import express, { type ErrorRequestHandler } from "express";
import type { Database } from "../core/db/database.js";
import { ADMIN_ROOT, createAdminRouter } from "../admin/admin-router.js";
import { createDesk, DESK_ROOT } from "../desk/mount.js";
import { createPortal, portalErrorPage } from "../portal/mount.js";
import { pruneSignInLinks } from "../core/portal/sign-in-links.js";
import type { Config } from "./config.js";
import { healthCheck } from "./health.js";
import { adminPolicy, contentSecurityPolicy, portalPolicy, scannerPolicy, securityHeaders } from "./security-headers.js";
import { pruneRateLimits } from "./rate-limit.js";

export interface App {
  app: express.Express;
  /** Removes expired sessions and old rate-limit counters; run it now and then. */
  housekeeping(): Promise<void>;
}

/** The whole web application on one database; holds no state of its own. */
export async function createApp({ config, db }: { config: Config; db: Database }): Promise<App> {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.trustProxy);
  app.use(securityHeaders({ production: config.nodeEnv === "production" }));
  app.get("/healthz", healthCheck(db));
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
  };
  return { app, housekeeping };
}

function errorHandler(config: Config): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    console.error(`Fout bij ${req.method} ${req.originalUrl}:`, config.nodeEnv === "production" ? String(error) : error);
    const status = typeof error?.status === "number" && error.status >= 400 && error.status < 600 ? error.status : 500;
    if (req.originalUrl.startsWith(`${ADMIN_ROOT}/api/`)) {
      res.status(status).json({ error: "Er ging iets mis. Probeer het opnieuw." });
      return;
    }
    res.status(status).type("html").send(portalErrorPage());
  };
}
