import type express from "express";
import type { StaffActor } from "../core/access/actor.js";
import { counterForActor } from "../core/access/authorize.js";
import type { Database } from "../core/db/database.js";
import { isCardSystemError } from "../core/errors.js";
import { isUuid } from "../core/validation/ids.js";
import { saveCodeDownloads } from "../print/save-code-downloads.js";
import type { Config } from "../server/config.js";

// Below the desk's mount: print/save-code-files.ts's deskSaveCodePaths links here.
const BASE = "/qr-spaarcode";

/** The QR save-code of the chosen counter's own events; any other event is "not found". */
export function deskSaveCodeDownloads({ config, db }: { config: Config; db: Database }): express.Router {
  return saveCodeDownloads(config, `${BASE}/:eventId`, async (req, res) => {
    const actor = res.locals.deskActor as StaffActor;
    const id = String(req.params.eventId);
    try {
      const counter = await counterForActor(db.prisma, actor, req.session.deskCounterId);
      const event = isUuid(id) ? await db.prisma.event.findFirst({ where: { id, organiserCounterId: counter.id }, include: { municipality: true } }) : null;
      if (event) return event;
    } catch (error) {
      if (!isCardSystemError(error)) throw error;
    }
    res.status(404).type("text/plain").send("Dit evenement bestaat niet of is geen evenement van je balie.");
    return null;
  });
}
