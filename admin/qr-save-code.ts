import QRCode from "qrcode";
import type { Event } from "@prisma/client";
import { saveCodeUrl, signSaveCode } from "../core/savecodes/save-code.js";
import type { Config } from "../server/config.js";

/** The address printed in an event's QR code: the portal page that accepts its signed save-code. */
export function eventSaveCodeUrl(config: Pick<Config, "qrSecret" | "publicUrl">, event: Pick<Event, "id" | "saveCodeVersion">): string {
  return saveCodeUrl(config.publicUrl, signSaveCode(config.qrSecret, { eventId: event.id, version: event.saveCodeVersion }));
}

// Level M survives a smudged or partly folded print; a 4-module quiet zone is what scanners expect.
const options = { errorCorrectionLevel: "M", margin: 4 } as const;

export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { ...options, type: "png", width: 1200 });
}

export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { ...options, type: "svg" });
}
