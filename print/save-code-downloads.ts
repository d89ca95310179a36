import express, { type Request, type Response } from "express";
import type { Event, Municipality } from "@prisma/client";
import type { Config } from "../server/config.js";
import { POSTER_PRINT_SCRIPT, saveCodePoster } from "./qr-poster.js";
import { saveCodeFiles } from "./save-code-files.js";
import { eventSaveCodeUrl, qrPng, qrSvg } from "./qr-save-code.js";

export type PrintableEvent = Event & { municipality: Pick<Municipality, "name"> };

/**
 * Finds the event of a download for this user, or answers the refusal itself and returns null. Each application
 * (backoffice, counter desk) decides whose events its user may download.
 */
export type FindPrintableEvent = (req: Request, res: Response) => Promise<PrintableEvent | null>;

const PRINT_SCRIPT = 'document.querySelector("[data-print]")?.addEventListener("click", () => window.print());\n';

const fileName = (name: string, extension: string) =>
  `qr-spaarcode-${name.normalize("NFD").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase() || "evenement"}.${extension}`;

/**
 * The QR save-code of an event as PNG, SVG and printable poster, each with the event's code to type under it,
 * at `${route}/spaarcode.png`, `…/spaarcode.svg` and `…/affiche`; `route` holds the `:eventId` parameter.
 */
export function saveCodeDownloads(config: Config, route: string, findEvent: FindPrintableEvent): express.Router {
  const router = express.Router();
  const files = saveCodeFiles(route);
  const serve = (send: (event: PrintableEvent, res: Response) => void) => async (req: Request, res: Response) => {
    const event = await findEvent(req, res);
    if (!event) return;
    res.set("Cache-Control", "private, no-store");
    send(event, res);
  };
  router.get(files.png, serve((event, res) => res.type("image/png").attachment(fileName(event.name, "png")).send(qrPng(eventSaveCodeUrl(config, event), event.manualCode))));
  router.get(files.svg, serve((event, res) => res.type("image/svg+xml").attachment(fileName(event.name, "svg")).send(qrSvg(eventSaveCodeUrl(config, event), event.manualCode))));
  router.get(`${route}/${POSTER_PRINT_SCRIPT}`, (_req, res) => void res.type("text/javascript").set("Cache-Control", "private, max-age=3600").send(PRINT_SCRIPT));
  router.get(files.poster, serve((event, res) => res.type("text/html").send(saveCodePoster(event, qrSvg(eventSaveCodeUrl(config, event)), config.publicUrl))));
  return router;
}
