import type { ActionContext } from "adminjs";
import express, { type NextFunction, type Request, type Response } from "express";
import type { Database } from "../core/db/database.js";
import { isCardSystemError } from "../core/errors.js";
import { exportDocument } from "../core/gdpr/export-document.js";
import { exportPassholderData } from "../core/gdpr/export-passholder-data.js";
import { actorOf } from "./access/actor.js";

const BASE = "/pashouder-gegevens";

/** Where one passholder's GDPR export lives, below the backoffice's root path. */
export function gdprExportPaths(rootPath: string, passholderId: string) {
  const base = `${rootPath}${BASE}/${encodeURIComponent(passholderId)}`;
  return { html: `${base}/gegevens.html`, json: `${base}/gegevens.json` };
}

/**
 * The right of access from the backoffice: everything held about one passholder as a page and as JSON. Behind the
 * backoffice session like every AdminJS route; core decides who may (the coordinator) and audits the download.
 */
export function gdprExportRoutes({ db }: { db: Database }): express.Router {
  const router = express.Router();
  const serve = (format: "html" | "json") => async (req: Request, res: Response, next: NextFunction) => {
    try {
      const actor = await actorOf(db.prisma, { currentAdmin: req.session.adminUser } as unknown as Partial<ActionContext>);
      if (!actor) {
        res.status(403).type("text/plain").send("Meld je aan als coördinator om de gegevens van een pashouder te downloaden.");
        return;
      }
      const data = await exportPassholderData(db.prisma, { passholderId: String(req.params.passholderId), actor, request: { ip: req.ip, userAgent: req.get("user-agent") } });
      res.set("Cache-Control", "no-store");
      if (format === "json") {
        res.attachment(`pashouder-${data.identity.id as string}.json`).type("application/json").send(JSON.stringify(data, null, 2));
      } else {
        res.type("html").send(exportDocument(data));
      }
    } catch (error) {
      if (isCardSystemError(error)) {
        res.status(error.status).type("text/plain").send(error.message);
        return;
      }
      next(error);
    }
  };
  router.get(`${BASE}/:passholderId/gegevens.html`, serve("html"));
  router.get(`${BASE}/:passholderId/gegevens.json`, serve("json"));
  return router;
}
