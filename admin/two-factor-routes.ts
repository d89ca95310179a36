import express, { type Request, type Response } from "express";
import QRCode from "qrcode";
import { loadStaffActor } from "../core/access/load-actor.js";
import { confirmTwoFactorEnrolment, startTwoFactorEnrolment, twoFactorOf } from "../core/auth/two-factor.js";
import type { Database } from "../core/db/database.js";
import { requestMeta } from "../portal/request-meta.js";
import { staffSecondStep } from "../server/staff-sign-in.js";
import { regenerate, toAdminSessionUser } from "./authenticate.js";
import { CSRF_FIELD } from "./csrf-names.js";

export const SECOND_STEP_PATH = "/twee-staps";
export const ENROL_PATH = "/twee-staps/instellen";
/** What a half-signed-in session may still reach besides its own step. */
const OPEN_PATHS = new Set(["/login", "/logout"]);

const STEP_REFUSALS = {
  INVALID: [401, "Die code klopt niet. Typ de code die je app nu toont, of een herstelcode."],
  THROTTLED: [429, "Te veel verkeerde codes na elkaar. Probeer het over een kwartier opnieuw."],
} as const;

/**
 * The second step of a backoffice sign-in and the enrolment of two-factor sign-in. A session holding only the
 * password (`secondStep` set) opens nothing else: every other page leads to its step, every API call is refused.
 * Goes after the session and CSRF checks (which also read the form) and before everything that serves data.
 */
export function twoFactorRoutes({ db, serverSecret, rootPath }: { db: Database; serverSecret: string; rootPath: string }): express.Router {
  const router = express.Router();
  const checkCode = staffSecondStep(db, { serverSecret });
  const caller = async (req: Request) => {
    const actor = await loadStaffActor(db.prisma, req.session.adminUser!.id);
    return actor && { actor, request: requestMeta(req), serverSecret };
  };
  /** The session, now signed in for real: a new id, so the half-signed-in one is worth nothing. */
  const completeSignIn = async (req: Request) => {
    const user = await db.prisma.user.findUniqueOrThrow({ where: { id: req.session.adminUser!.id } });
    await regenerate(req);
    req.session.adminUser = toAdminSessionUser(user);
    await saved(req);
  };

  router.get(SECOND_STEP_PATH, (req, res) => {
    const step = req.session.adminUser?.secondStep;
    if (step !== "code") return res.redirect(303, step === "enrol" ? `${req.baseUrl}${ENROL_PATH}` : rootPath);
    res.type("html").send(codePage(req));
  });
  router.post(SECOND_STEP_PATH, smallForm, async (req, res, next) => {
    try {
      const pending = req.session.adminUser;
      if (pending?.secondStep !== "code") return res.redirect(303, rootPath);
      const outcome = await checkCode(pending.id, fieldOf(req, "code"), requestMeta(req));
      if (outcome === "SIGNED_IN") {
        await completeSignIn(req);
        return res.redirect(303, rootPath);
      }
      if (outcome === "GONE") return signOut(req, res, rootPath);
      const [status, message] = STEP_REFUSALS[outcome];
      res.status(status).type("html").send(codePage(req, message));
    } catch (error) {
      next(error);
    }
  });

  router.get(ENROL_PATH, async (req, res, next) => {
    try {
      const user = req.session.adminUser;
      if (!user) return res.redirect(303, `${rootPath}/login`);
      if (user.secondStep === "code") return res.redirect(303, `${rootPath}${SECOND_STEP_PATH}`);
      if ((await twoFactorOf(db.prisma, user.id))?.enabledAt) return res.type("html").send(page("Tweestapsverificatie", "<p>Tweestapsverificatie staat aan voor je account.</p>" + backLink(rootPath)));
      const who = await caller(req);
      if (!who) return signOut(req, res, rootPath);
      res.type("html").send(await enrolPage(req, await startTwoFactorEnrolment(db.prisma, who), user.secondStep === "enrol"));
    } catch (error) {
      next(error);
    }
  });
  router.post(ENROL_PATH, smallForm, async (req, res, next) => {
    try {
      const user = req.session.adminUser;
      if (!user || user.secondStep === "code") return res.redirect(303, rootPath);
      const who = await caller(req);
      if (!who) return signOut(req, res, rootPath);
      const codes = await confirmTwoFactorEnrolment(db.prisma, { ...who, code: fieldOf(req, "code") });
      if (!codes) {
        const message = "Die code klopt niet. Scan de nieuwe QR-code en typ de code die je app dan toont.";
        return res.status(401).type("html").send(await enrolPage(req, await startTwoFactorEnrolment(db.prisma, who), user.secondStep === "enrol", message));
      }
      if (user.secondStep) await completeSignIn(req);
      res.type("html").send(recoveryPage(codes, rootPath));
    } catch (error) {
      next(error);
    }
  });

  router.use((req, res, next) => {
    const step = req.session?.adminUser?.secondStep;
    if (!step || OPEN_PATHS.has(req.path)) return next();
    if (req.path.startsWith("/api/")) {
      return void res.status(401).json({ notice: { type: "error", message: "Meld je eerst volledig aan: de tweede stap ontbreekt nog." } });
    }
    // Saved before the redirect: a browser follows it as soon as the headers arrive, and the CSRF check may have
    // just put this session's token in it.
    saved(req).then(() => res.redirect(303, `${rootPath}${step === "code" ? SECOND_STEP_PATH : ENROL_PATH}`), next);
  });
  return router;
}

const formParser = express.urlencoded({ extended: false, limit: "8kb", parameterLimit: 10 });
/** The CSRF check already read a form without the token header; otherwise these small forms are read here. */
export const smallForm: express.RequestHandler = (req, res, next) => ("fields" in req ? next() : formParser(req, res, next));

export function fieldOf(req: Request, name: string): string {
  const form = (req as { fields?: Record<string, unknown> }).fields ?? (req.body as Record<string, unknown> | undefined);
  const value = form?.[name];
  return typeof value === "string" ? value : "";
}

function saved(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.save((error) => (error ? reject(error) : resolve())));
}

function signOut(req: Request, res: Response, rootPath: string): void {
  req.session.destroy(() => res.redirect(303, `${rootPath}/login`));
}

export const escape = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

// The backoffice's look for its own small pages (two-step sign-in, sessions), which AdminJS does not draw.
const PAGE_STYLE = `body{margin:0;background:#f6f7fb;color:#1c1c38;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{box-sizing:border-box;max-width:40rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:8px;box-shadow:0 1px 6px rgba(38,38,80,.12)}
h1{margin-top:0;font-size:1.6rem}label{font-weight:600}
input:not([type=hidden]){box-sizing:border-box;width:100%;max-width:20rem;padding:.6rem .7rem;border:1px solid #c0c0ca;border-radius:4px;font:inherit}
button{padding:.6rem 1.2rem;border:1px solid #3040d6;border-radius:4px;background:#3040d6;color:#fff;font:inherit;cursor:pointer}
form+form button,button[value=nee]{background:#fff;color:#3040d6}
:focus-visible{outline:3px solid #1c1c38;outline-offset:2px}a{color:#3040d6}[role=alert]{color:#b3261e}
table{border-collapse:collapse;width:100%}th,td{padding:.5rem;border-bottom:1px solid #e3e3ea;text-align:left}
code{font-size:1.05rem;word-break:break-all}@media (max-width:40rem){main{margin:0;border-radius:0;padding:1.2rem}}`;

export function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)} – UiTPAS beheer</title><style>${PAGE_STYLE}</style></head><body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;
}

export const backLink = (rootPath: string) => `<p><a href="${rootPath}">Naar de backoffice</a></p>`;
export const csrfInput = (req: Request) => `<input type="hidden" name="${CSRF_FIELD}" value="${escape(req.session.csrfToken ?? "")}">`;
const error = (message?: string) => (message ? `<p role="alert"><strong>${escape(message)}</strong></p>` : "");
const logoutForm = (req: Request) => `<form method="post" action="${req.baseUrl}/logout">${csrfInput(req)}<button type="submit">Afmelden</button></form>`;

function codePage(req: Request, message?: string): string {
  return page(
    "Tweestapsverificatie",
    `${error(message)}<p>Je wachtwoord klopt. Typ nu de code van zes cijfers uit je authenticator-app, of een van je herstelcodes als je je telefoon niet bij de hand hebt.</p>
<form method="post" action="${req.baseUrl}${SECOND_STEP_PATH}">${csrfInput(req)}
<p><label for="code">Code uit je app of herstelcode</label><br><input id="code" name="code" autocomplete="one-time-code" inputmode="text" autofocus required></p>
<p><button type="submit">Aanmelden</button></p></form>${logoutForm(req)}`,
  );
}

async function enrolPage(req: Request, enrolment: { secret: string; uri: string }, required: boolean, message?: string): Promise<string> {
  const qr = await QRCode.toString(enrolment.uri, { type: "svg", margin: 2, width: 220 });
  return page(
    "Tweestapsverificatie instellen",
    `${error(message)}${required ? "<p>Als regioverantwoordelijke meld je je aan in twee stappen: stel dat eerst in.</p>" : ""}
<ol><li>Scan deze QR-code met een authenticator-app (bijvoorbeeld FreeOTP, Aegis, Google Authenticator of Microsoft Authenticator).</li>
<li>Lukt scannen niet? Typ dan deze sleutel over: <code data-secret>${escape(enrolment.secret)}</code></li>
<li>Typ de code van zes cijfers die de app toont.</li></ol>
<div>${qr}</div>
<form method="post" action="${req.baseUrl}${ENROL_PATH}">${csrfInput(req)}
<p><label for="code">Code uit je app</label><br><input id="code" name="code" autocomplete="one-time-code" inputmode="numeric" required></p>
<p><button type="submit">Bevestigen</button></p></form>${required ? logoutForm(req) : ""}`,
  );
}

function recoveryPage(codes: string[], rootPath: string): string {
  return page(
    "Tweestapsverificatie staat aan",
    `<p>Bewaar deze herstelcodes op een veilige plaats, bijvoorbeeld afgedrukt. Elke code werkt één keer, als je je telefoon kwijt bent. Je ziet ze maar één keer.</p>
<ul>${codes.map((code) => `<li><code data-recovery-code>${escape(code)}</code></li>`).join("")}</ul>${backLink(rootPath)}`,
  );
}
