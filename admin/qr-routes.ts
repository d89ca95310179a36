import type { ActionContext } from "adminjs";
import express, { type Request, type Response } from "express";
import type { Database } from "../core/db/database.js";
import { isUuid } from "../core/validation/ids.js";
import type { Config } from "../server/config.js";
import { actorOf } from "./access/actor.js";
import { roleMay } from "./access/permissions.js";
import { readScope } from "./access/scope.js";
import { saveCodePoster } from "./qr-poster.js";
import { eventSaveCodeUrl, qrPng, qrSvg } from "./qr-save-code.js";

const BASE = "/qr-spaarcode";

/** Where the downloads of one event's save-code live, below the backoffice's root path. */
export function saveCodePaths(rootPath: string, eventId: string) {
  const base = `${rootPath}${BASE}/${encodeURIComponent(eventId)}`;
  return { png: `${base}/spaarcode.png`, svg: `${base}/spaarcode.svg`, poster: `${base}/affiche` };
}

/**
 * The QR save-code of an event as PNG, SVG and printable poster, each with the event's code to type under it. Behind the backoffice session like every
 * AdminJS route, and limited to the events the user may see: another municipality's event is "not found".
 */
export function saveCodeRoutes({ config, db }: { config: Config; db: Database }): express.Router {
  const router = express.Router();

  async function findEvent(req: Request, res: Response) {
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
    else res.set("Cache-Control", "private, no-store");
    return event;
  }

  const fileName = (name: string, extension: string) =>
    `qr-spaarcode-${name.normalize("NFD").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase() || "evenement"}.${extension}`;

  router.get(`${BASE}/:eventId/spaarcode.png`, async (req, res) => {
    const event = await findEvent(req, res);
    if (!event) return;
    res.type("image/png").attachment(fileName(event.name, "png")).send(qrPng(eventSaveCodeUrl(config, event), event.manualCode));
  });
  router.get(`${BASE}/:eventId/spaarcode.svg`, async (req, res) => {
    const event = await findEvent(req, res);
    if (!event) return;
    res.type("image/svg+xml").attachment(fileName(event.name, "svg")).send(qrSvg(eventSaveCodeUrl(config, event), event.manualCode));
  });
  router.get(`${BASE}/:eventId/affiche`, async (req, res) => {
    const event = await findEvent(req, res);
    if (!event) return;
    res.type("text/html").send(saveCodePoster(event, qrSvg(eventSaveCodeUrl(config, event)), config.publicUrl));
  });
  return router;
}
