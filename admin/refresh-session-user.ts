import type { RequestHandler } from "express";
import type { Database } from "../core/db/database.js";
import { isBackofficeUser, toAdminSessionUser } from "./authenticate.js";

/**
 * Re-reads the signed-in user on each backoffice request: a deactivated account or a withdrawn role
 * takes effect at once instead of when the session expires.
 */
export function refreshSessionUser(db: Database): RequestHandler {
  return (req, _res, next) => {
    const current = req.session?.adminUser;
    if (!current) return next();
    db.prisma.user
      .findUnique({ where: { id: current.id } })
      .then((user) => {
        if (user && isBackofficeUser(user)) req.session.adminUser = toAdminSessionUser(user);
        else delete req.session.adminUser;
        next();
      })
      .catch(next);
  };
}
