import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import express, { type Request, type RequestHandler } from "express";
import session from "express-session";
import type { Database } from "../core/db/database.js";
import type { Config } from "../server/config.js";
import { DatabaseSessionStore } from "../server/session-store.js";
import { portalDist } from "./build.js";
import { portalCsrf } from "./csrf.js";
import { requestMeta } from "./request-meta.js";
import type { PortalLocals } from "./locals.js";
import { signInMailer } from "./sign-in-mail.js";
import { safeReturnTo } from "../core/portal/sign-in-links.js";

declare module "express-session" {
  interface SessionData {
    passholderId?: string;
    cardSystemId?: number;
  }
}

type AstroHandler = (req: Request, res: express.Response, next: express.NextFunction, locals: PortalLocals) => Promise<void>;

const SESSION_DAYS = 30;
const clientDir = path.join(portalDist, "client");

export interface PortalSetup {
  router: express.Router;
  sessionStore: DatabaseSessionStore;
}

/** How long a sign-in request's own work waits after its answer left. */
const AFTER_ANSWER_MS = 100;

/** The built Astro portal behind its own session cookie and CSRF check; pages get the database in Astro.locals. */
export async function createPortal({ config, db, sendSignInLink = signInMailer(config, db) }: {
  config: Config;
  db: Database;
  sendSignInLink?: PortalLocals["sendSignInLink"];
}): Promise<PortalSetup> {
  const entry = path.join(portalDist, "server", "entry.mjs");
  const { handler } = (await import(pathToFileURL(entry).href).catch(() => {
    throw new Error("Het portaal is niet gebouwd: voer `node --import tsx portal/build.ts` uit (npm install en npm start doen dat ook).");
  })) as { handler: AstroHandler };
  const production = config.nodeEnv === "production";
  const prefix = production ? "__Host-" : "";
  const sessionStore = new DatabaseSessionStore(db, "PORTAL", (data) => ({ passholderId: data.passholderId }));
  const sessionCookie = { path: "/", httpOnly: true, sameSite: "lax" as const, secure: production };

  const router = express.Router();
  router.use("/_astro", express.static(path.join(clientDir, "_astro"), { immutable: true, maxAge: "1y", index: false }));
  const publicFiles = express.static(clientDir, { maxAge: "1h", index: false, redirect: false });
  // Only an address with a file extension can be one of the built files: a page skips the lookup on disk.
  router.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()));
  router.use(returnPathCheck);
  router.use(
    session({
      name: `${prefix}uitpas_portaal`,
      secret: config.sessionSecret,
      store: sessionStore,
      resave: false,
      saveUninitialized: false,
      cookie: { ...sessionCookie, maxAge: SESSION_DAYS * 24 * 60 * 60_000 },
    }),
  );
  // Astro reads a body Express already read when it is a string: forms stay url-encoded for Astro.
  router.use(express.text({ type: "application/x-www-form-urlencoded", limit: "16kb" }));
  const refused = staticPage("geweigerd/index.html");
  router.use(
    portalCsrf({
      secret: config.sessionSecret,
      cookieName: `${prefix}uitpas_portaal_csrf`,
      secure: production,
      publicOrigin: new URL(config.publicUrl).origin,
      refuse: (_req, res) => void res.status(403).type("html").send(refused),
    }),
  );
  const render: RequestHandler = (req, res, next) => {
    const locals: PortalLocals = {
      db,
      config,
      passholderId: req.session.passholderId,
      cardSystemId: req.session.cardSystemId,
      csrfToken: req.portalCsrfToken!,
      ip: req.ip ?? "",
      request: requestMeta(req),
      signIn: (passholderId, cardSystemId) =>
        new Promise((resolve, reject) =>
          req.session.regenerate((error) => {
            if (error) return reject(error);
            req.session.passholderId = passholderId;
            req.session.cardSystemId = cardSystemId;
            resolve();
          }),
        ),
      signOut: () =>
        new Promise((resolve, reject) =>
          req.session.destroy((error) => {
            if (error) return reject(error);
            res.clearCookie(`${prefix}uitpas_portaal`, sessionCookie);
            resolve();
          }),
        ),
      // "close" comes once the answer is handed to the network; the lookup, and for a known address the link and
      // its mail, wait a moment longer, so they do not compete with the answer's delivery for the processor either.
      sendSignInLink: (pending) => void res.once("close", () => setTimeout(() => sendSignInLink(pending), AFTER_ANSWER_MS)),
    };
    handler(req, res, next, locals).catch(next);
  };
  router.use(render);
  const notFound = staticPage("404.html");
  router.use((_req, res) => void res.status(404).type("html").send(notFound));
  return { router, sessionStore };
}

/**
 * `?terug=` (where to go after signing in) becomes a redirect's Location: anything but a plain path of this site
 * (another host, a CR or LF, a non-ASCII character) is refused before a page uses it.
 */
const returnPathCheck: RequestHandler = (req, res, next) => {
  const terug = req.query.terug;
  if (terug === undefined || safeReturnTo(terug) !== undefined) return next();
  res
    .status(400)
    .type("html")
    .send(
      '<!doctype html><html lang="nl-BE"><meta charset="utf-8"><title>Ongeldige link</title><h1>Ongeldige link</h1><p>Deze link klopt niet: de pagina om naar terug te keren is geen pagina van deze site.</p><p><a href="/aanmelden">Naar aanmelden</a></p></html>',
    );
};

function staticPage(file: string): string {
  return readFileSync(path.join(clientDir, file), "utf8");
}

/** The portal's "something went wrong" page, for errors no page caught. */
export function portalErrorPage(): string {
  try {
    return staticPage("500.html");
  } catch {
    return "<!doctype html><html lang=\"nl-BE\"><title>Er ging iets mis</title><h1>Er ging iets mis</h1><p>Probeer het over enkele ogenblikken opnieuw.</p></html>";
  }
}
