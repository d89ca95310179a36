import express, { type Request } from "express";
import { loadStaffActor } from "../core/access/load-actor.js";
import type { Database } from "../core/db/database.js";
import { dutchEnumLabel } from "../core/labels/enum-labels.js";
import { formatMoment } from "../core/time/calendar-date.js";
import { endUserSession, endUserSessions, listUserSessions } from "../core/users/sessions.js";
import { requestMeta } from "../portal/request-meta.js";
import { rowId } from "../server/session-store.js";
import { backLink, csrfInput, escape, fieldOf, page, smallForm } from "./two-factor-routes.js";

export const OWN_SESSIONS_PATH = "/mijn-sessies";
const TITLE = "Mijn sessies";
/** The form value that ends every session but this one. */
const ALL_OTHERS = "andere";

/**
 * The signed-in user's own open sessions (backoffice and desk) and ending one or all others. A post first shows a
 * confirmation; only the confirmed post ends anything. Goes after the two-factor routes, so only a fully signed-in user gets here.
 */
export function ownSessionsRoutes({ db, rootPath }: { db: Database; rootPath: string }): express.Router {
  const router = express.Router();
  const caller = async (req: Request) => {
    const user = req.session?.adminUser;
    const actor = user && !user.secondStep ? await loadStaffActor(db.prisma, user.id) : null;
    return actor && { userId: user!.id, actor, current: rowId(req.sessionID) };
  };
  const listPage = async (req: Request, who: NonNullable<Awaited<ReturnType<typeof caller>>>, notice?: string) => {
    const sessions = await listUserSessions(db.prisma, { userId: who.userId, actor: who.actor });
    const rows = sessions.map((row) => {
      const current = row.id === who.current;
      const end = current ? "" : endForm(req, row.id, "Beëindigen");
      return `<tr><td>${escape(dutchEnumLabel("SessionKind", row.kind))}${current ? " <strong>(deze sessie)</strong>" : ""}</td><td>${escape(formatMoment(row.createdAt))}</td><td>${escape(formatMoment(row.expiresAt))}</td><td>${end}</td></tr>`;
    });
    const others = sessions.some((row) => row.id !== who.current) ? endForm(req, ALL_OTHERS, "Alle andere sessies beëindigen") : "";
    return page(
      TITLE,
      `${notice ? `<p role="status">${escape(notice)}</p>` : ""}<p>Hier zie je waar je nu aangemeld bent, in de backoffice en aan de balie. Herken je een sessie niet? Beëindig ze en wijzig je wachtwoord.</p>
<table><thead><tr><th>Waar</th><th>Aangemeld op</th><th>Verloopt op</th><th></th></tr></thead><tbody>${rows.join("")}</tbody></table>${others}${backLink(rootPath)}`,
    );
  };

  router.get(OWN_SESSIONS_PATH, async (req, res, next) => {
    try {
      const who = await caller(req);
      if (!who) return res.redirect(303, `${rootPath}/login`);
      res.type("html").send(await listPage(req, who));
    } catch (error) {
      next(error);
    }
  });
  router.post(OWN_SESSIONS_PATH, smallForm, async (req, res, next) => {
    try {
      const who = await caller(req);
      if (!who) return res.redirect(303, `${rootPath}/login`);
      const target = fieldOf(req, "sessie");
      if (!target || target === who.current) return res.status(400).type("html").send(await listPage(req, who, "Deze sessie beëindig je door je af te melden."));
      if (fieldOf(req, "bevestigd") !== "ja") return res.type("html").send(confirmPage(req, target, rootPath));
      const request = requestMeta(req);
      if (target === ALL_OTHERS) {
        const count = await endUserSessions(db.prisma, { userId: who.userId, actor: who.actor, request, keepSessionId: who.current });
        return res.type("html").send(await listPage(req, who, count === 1 ? "1 andere sessie beëindigd." : `${count} andere sessies beëindigd.`));
      }
      const ended = await endUserSession(db.prisma, { userId: who.userId, sessionId: target, actor: who.actor, request });
      if (!ended) return res.status(404).type("html").send(await listPage(req, who, "Die sessie bestaat niet (meer)."));
      res.type("html").send(await listPage(req, who, "Sessie beëindigd."));
    } catch (error) {
      next(error);
    }
  });
  return router;
}

function endForm(req: Request, target: string, label: string, confirmed = false): string {
  return `<form method="post" action="${req.baseUrl}${OWN_SESSIONS_PATH}">${csrfInput(req)}<input type="hidden" name="sessie" value="${escape(target)}">${confirmed ? '<input type="hidden" name="bevestigd" value="ja">' : ""}<button type="submit">${escape(label)}</button></form>`;
}

function confirmPage(req: Request, target: string, rootPath: string): string {
  const question = target === ALL_OTHERS ? "Wil je je overal elders afmelden? Alle andere sessies, in de backoffice en aan de balie, worden beëindigd." : "Wil je deze sessie beëindigen? Wie ermee aangemeld is, wordt meteen afgemeld.";
  return page(TITLE, `<p>${escape(question)}</p>${endForm(req, target, "Ja, beëindigen", true)}<p><a href="${rootPath}${OWN_SESSIONS_PATH}">Nee, terug naar mijn sessies</a></p>`);
}
