import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import express, { type Request, type RequestHandler } from "express";
import session from "express-session";
import { loadStaffActor } from "../core/access/load-actor.js";
import type { Database } from "../core/db/database.js";
import { portalDist } from "../portal/build.js";
import { portalCsrf } from "../portal/csrf.js";
import { requestMeta } from "../portal/request-meta.js";
import type { Config } from "../server/config.js";
import { DatabaseSessionStore, rowId } from "../server/session-store.js";
import { secondStepFor, twoFactorOf } from "../core/auth/two-factor.js";
import { staffSecondStep, staffSignIn } from "../server/staff-sign-in.js";
import type { DeskLocals, DeskSessionState } from "./locals.js";
import { deskSaveCodeDownloads } from "./save-code-downloads.js";

declare module "express-session" {
  interface SessionData extends DeskSessionState {}
}

type AstroHandler = (req: Request, res: express.Response, next: express.NextFunction, locals: DeskLocals) => Promise<void>;

export const DESK_ROOT = "/balie";
// A desk is a shared device: a working day, not a month.
const SESSION_HOURS = 12;
const clientDir = path.join(portalDist, "client");
/** Pages a signed-out visitor may open. */
const PUBLIC_PATHS = new Set(["/aanmelden"]);

export interface DeskSetup {
  router: express.Router;
  sessionStore: DatabaseSessionStore;
}

/**
 * The counter desk (/balie): pages of the built Astro project behind their own session cookie (path /balie),
 * CSRF check and sign-in. Mount it at DESK_ROOT; the staff member is read fresh from the database per request.
 */
export async function createDesk({ config, db }: { config: Config; db: Database }): Promise<DeskSetup> {
  const { handler } = (await import(pathToFileURL(path.join(portalDist, "server", "entry.mjs")).href)) as { handler: AstroHandler };
  const production = config.nodeEnv === "production";
  const sessionName = `${production ? "__Secure-" : ""}uitpas_balie`;
  const sessionCookie = { path: DESK_ROOT, httpOnly: true, sameSite: "lax" as const, secure: production };
  const sessionStore = new DatabaseSessionStore(db, "DESK", (data) => ({ userId: data.deskUserId }));
  const checkPassword = staffSignIn(db, { area: "desk", mayEnter: () => true });
  const checkCode = staffSecondStep(db, { serverSecret: config.sessionSecret });

  const router = express.Router();
  router.use(
    session({
      name: sessionName,
      secret: config.sessionSecret,
      store: sessionStore,
      resave: false,
      saveUninitialized: false,
      cookie: { ...sessionCookie, maxAge: SESSION_HOURS * 3_600_000 },
    }),
  );
  router.use(express.text({ type: "application/x-www-form-urlencoded", limit: "16kb" }));
  const refused = staticPage("balie/geweigerd/index.html");
  router.use(
    portalCsrf({
      secret: config.sessionSecret,
      cookieName: `${production ? "__Host-" : ""}uitpas_balie_csrf`,
      secure: production,
      publicOrigin: new URL(config.publicUrl).origin,
      refuse: (_req, res) => void res.status(403).type("html").send(refused),
    }),
  );
  // Who is signed in, read fresh: a deactivated or locked account loses the desk at its next click.
  router.use(async (req, res, next) => {
    const userId = req.session.deskUserId;
    const actor = userId === undefined ? null : await loadStaffActor(db.prisma, userId);
    if (userId !== undefined && !actor) await new Promise<void>((resolve, reject) => req.session.regenerate((error) => (error ? reject(error) : resolve())));
    res.locals.deskActor = actor ?? undefined;
    if (!actor && !PUBLIC_PATHS.has(req.path)) return void res.redirect(303, `${DESK_ROOT}/aanmelden`);
    next();
  });
  router.use(deskSaveCodeDownloads({ config, db }));

  const render: RequestHandler = async (req, res, next) => {
    const actor = res.locals.deskActor as DeskLocals["actor"];
    const locals: DeskLocals = {
      area: "desk",
      db,
      config,
      actor,
      session: req.session,
      csrfToken: req.portalCsrfToken!,
      request: requestMeta(req),
      sessionRowId: rowId(req.sessionID),
      checkPassword: (email, password) => checkPassword(email, password, req.ip),
      secondStep: async (userId) => {
        const user = await db.prisma.user.findUniqueOrThrow({ where: { id: userId } });
        return secondStepFor(user, await twoFactorOf(db.prisma, userId), production);
      },
      awaitSecondStep: (userId) => newSession(req, { deskPendingUserId: userId }),
      checkSecondStep: (userId, code) => checkCode(userId, code, requestMeta(req)),
      signIn: (userId) => newSession(req, { deskUserId: userId }),
      signOut: () =>
        new Promise((resolve, reject) =>
          req.session.destroy((error) => {
            if (error) return reject(error);
            res.clearCookie(sessionName, sessionCookie);
            resolve();
          }),
        ),
    };
    // Express strips the mount path; Astro routes on the full address.
    req.url = req.originalUrl;
    handler(req, res, next, locals).catch(next);
  };
  router.use(render);
  const notFound = staticPage("404.html");
  router.use((_req, res) => void res.status(404).type("html").send(notFound));
  return { router, sessionStore };
}

/** A new session id holding only `state`: what an earlier id knew about the visitor is worth nothing after. */
function newSession(req: Request, state: Pick<DeskSessionState, "deskUserId" | "deskPendingUserId">): Promise<void> {
  return new Promise((resolve, reject) =>
    req.session.regenerate((error) => {
      if (error) return reject(error);
      Object.assign(req.session, state);
      // Saved now: the browser follows the redirect that comes next as soon as its headers arrive.
      req.session.save((saveError) => (saveError ? reject(saveError) : resolve()));
    }),
  );
}

function staticPage(file: string): string {
  return readFileSync(path.join(clientDir, file), "utf8");
}
