import type { ActionContext } from "adminjs";
import type express from "express";
import type { Database } from "../core/db/database.js";
import { isUuid } from "../core/validation/ids.js";
import { saveCodeDownloads } from "../print/save-code-downloads.js";
import { saveCodeFiles } from "../print/save-code-files.js";
import type { Config } from "../server/config.js";
import { actorOf } from "./access/actor.js";
import { roleMay } from "../core/access/role-may.js";
import { readScope } from "../core/access/scope.js";

const BASE = "/qr-spaarcode";

/** Where the downloads of one event's save-code live, below the backoffice's root path. */
export function saveCodePaths(rootPath: string, eventId: string) {
  return saveCodeFiles(`${rootPath}${BASE}/${encodeURIComponent(eventId)}`);
}

/**
 * The QR save-code of an event as PNG, SVG and printable poster. Behind the backoffice session like every
 * AdminJS route, and limited to the events the user may see: another municipality's event is "not found".
 */
export function saveCodeRoutes({ config, db }: { config: Config; db: Database }): express.Router {
  return saveCodeDownloads(config, `${BASE}/:eventId`, async (req, res) => {
    // The session user is what AdminJS hands its actions as currentAdmin (its type says string ids; ours are numbers).
    const actor = await actorOf(db.prisma, { currentAdmin: req.session.adminUser } as unknown as Partial<ActionContext>);
    const scope = readScope(actor, "Event");
    if (!actor || !scope || !roleMay(actor.role, "Event", "show")) {
      res.status(403).type("text/plain").send("Je hebt geen toegang tot deze QR-spaarcode. Meld je aan als beheerder.");
      return null;
    }
    const id = String(req.params.eventId);
    const event = isUuid(id) ? await db.prisma.event.findFirst({ where: { AND: [{ id }, scope] }, include: { municipality: true } }) : null;
    if (!event) res.status(404).type("text/plain").send("Dit evenement bestaat niet of valt buiten jouw gemeente.");
    return event;
  });
}
