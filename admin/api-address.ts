import type AdminJS from "adminjs";
import type { RequestHandler } from "express";
import { isForbiddenKey } from "./request-body.js";

const ADDRESS = /^\/api\/resources\/([^/]+)(?:\/(actions|records\/[^/]+|bulk)\/([^/]+))?/;

/**
 * Answers an API address AdminJS cannot serve (an unknown resource or action, a sort AdminJS would hand the
 * database as is, a query name that reaches a prototype) with a Dutch 4xx, where AdminJS would throw a 500.
 * Goes before AdminJS's router, after the login check of the request body.
 */
export function apiAddressCheck(admin: AdminJS): RequestHandler {
  return (req, res, next) => {
    // A visitor who is not signed in is sent to the login page, whatever the address.
    if (!req.path.startsWith("/api/") || !req.session?.adminUser) return next();
    const refuse = (status: number, message: string) => void res.status(status).json({ notice: { type: "error", message } });
    for (const [key, value] of Object.entries(req.query)) {
      if (key.split(/[.[\]]/).some(isForbiddenKey)) return refuse(400, "Dit adres bevat een veld dat niet bestaat.");
      if (key === "direction" && value !== "asc" && value !== "desc") return refuse(400, "Een lijst sorteren kan enkel oplopend of aflopend.");
      if (key === "sortBy" && (typeof value !== "string" || value.split(".").some(isForbiddenKey))) return refuse(400, "Op deze kolom kan de lijst niet gesorteerd worden.");
    }
    const match = ADDRESS.exec(req.path);
    if (!match) return next();
    const [, resourceId, kind, actionName] = match;
    const resource = admin.resources.find((candidate) => candidate._decorated?.id() === resourceId);
    if (!resource) return refuse(404, "Deze lijst bestaat niet in de backoffice.");
    const actions = resource.decorate().actions;
    if (kind && actionName && !Object.hasOwn(actions, actionName)) return refuse(404, "Deze actie bestaat niet in de backoffice.");
    next();
  };
}
