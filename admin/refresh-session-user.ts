import type { RequestHandler } from "express";
import type { Database } from "../core/db/database.js";
import { actorFromUser, findActorUser, rememberActor } from "./access/actor.js";
import { rememberSessionRow } from "./actions/user-sessions.js";
import { rowId } from "../server/session-store.js";
import { toAdminSessionUser, type AdminSessionUser } from "./authenticate.js";

/**
 * Re-reads the signed-in user on each backoffice request: a deactivated account or a withdrawn role
 * takes effect at once instead of when the session expires. The access rules of the same request use this read.
 */
export function refreshSessionUser(db: Database): RequestHandler {
  return (req, _res, next) => {
    const current = req.session?.adminUser;
    // Half signed in (password only): not an actor yet; the two-factor routes handle the request.
    if (!current || current.secondStep) return next();
    findActorUser(db.prisma, current.id)
      .then((user) => {
        const actor = user && actorFromUser(user);
        if (actor) {
          const fresh = toAdminSessionUser(user!);
          // Replaced only when it changed: PostgreSQL's jsonb reorders keys, and a reordered copy would make
          // express-session write the session back on every request.
          if (!sameValues(current, fresh)) req.session.adminUser = fresh;
          rememberActor(req.session.adminUser!, actor);
          rememberSessionRow(req.session.adminUser!, rowId(req.sessionID));
        } else delete req.session.adminUser;
        next();
      })
      .catch(next);
  };
}

function sameValues(stored: AdminSessionUser, fresh: AdminSessionUser): boolean {
  const keys = Object.keys(fresh) as Array<keyof AdminSessionUser>;
  return Object.keys(stored).length === keys.length && keys.every((key) => stored[key] === fresh[key]);
}
