import { crc32, deflateSync } from "node:zlib";
import QRCode from "qrcode";
import type { Event } from "@prisma/client";
import { formatManualCode } from "../core/savecodes/manual-code.js";
import { saveCodeUrl, signSaveCode } from "../core/savecodes/save-code.js";
import type { Config } from "../server/config.js";
import { GLYPH_HEIGHT, GLYPH_WIDTH, glyphInk } from "./qr-glyphs.js";

/** The address printed in an event's QR code: the portal page that accepts its signed save-code. */
export function eventSaveCodeUrl(config: Pick<Config, "qrSecret" | "publicUrl">, event: Pick<Event, "id" | "saveCodeVersion">): string {
  return saveCodeUrl(config.publicUrl, signSaveCode(config.qrSecret, { eventId: event.id, version: event.saveCodeVersion }));
}

// Level M survives a smudged or partly folded print; a 4-module quiet zone is what scanners expect.
const MARGIN = 4;
const PNG_WIDTH = 1200;
/** Height of the band under the quiet zone that holds the code to type, in modules (SVG). */
const LABEL_MODULES = 6;

function modulesOf(text: string) {
  return QRCode.create(text, { errorCorrectionLevel: "M" }).modules;
}

/** The QR code with the event's code to type printed under it, black on white, about 1200 pixels wide. */
export function qrPng(text: string, manualCode: string): Buffer {
  const modules = modulesOf(text);
  const cell = Math.floor(PNG_WIDTH / (modules.size + 2 * MARGIN));
  const width = (modules.size + 2 * MARGIN) * cell;
  const label = formatManualCode(manualCode);
  // Each font pixel also inks its right neighbour: a bold face reads better from a distance.
  const advance = GLYPH_WIDTH + 2;
  const labelColumns = label.length * advance - 1;
  const dot = Math.floor((width * 0.6) / labelColumns);
  const labelLeft = Math.floor((width - labelColumns * dot) / 2);
  const height = width + (GLYPH_HEIGHT + 3) * dot;

  const ink = (x: number, y: number): boolean => {
    if (y < width) {
      const row = Math.floor(y / cell) - MARGIN;
      const column = Math.floor(x / cell) - MARGIN;
      return row >= 0 && column >= 0 && row < modules.size && column < modules.size && Boolean(modules.get(row, column));
    }
    const fontRow = Math.floor((y - width) / dot);
    const fontColumn = Math.floor((x - labelLeft) / dot);
    if (fontRow >= GLYPH_HEIGHT || fontColumn < 0 || fontColumn >= labelColumns) return false;
    const char = label[Math.floor(fontColumn / advance)]!;
    const within = fontColumn % advance;
    return (within < GLYPH_WIDTH && glyphInk(char, within, fontRow)) || (within > 0 && within <= GLYPH_WIDTH && glyphInk(char, within - 1, fontRow));
  };
  // One filter byte (0: none) before each row of 8-bit grey pixels.
  const rows = Buffer.alloc((width + 1) * height, 255);
  for (let y = 0; y < height; y++) {
    rows[y * (width + 1)] = 0;
    for (let x = 0; x < width; x++) if (ink(x, y)) rows[y * (width + 1) + 1 + x] = 0;
  }
  return encodePng(width, height, rows);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const framing = Buffer.alloc(8);
  framing.writeUInt32BE(data.length, 0);
  framing.writeUInt32BE(crc32(body), 4);
  return Buffer.concat([framing.subarray(0, 4), body, framing.subarray(4)]);
}

function encodePng(width: number, height: number, rows: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per pixel
  header[9] = 0; // greyscale
  return Buffer.concat([PNG_SIGNATURE, pngChunk("IHDR", header), pngChunk("IDAT", deflateSync(rows)), pngChunk("IEND", Buffer.alloc(0))]);
}

/** The QR code as SVG, one unit per module; with `manualCode`, the code to type is printed under it as text. */
export function qrSvg(text: string, manualCode?: string): string {
  const modules = modulesOf(text);
  const side = modules.size + 2 * MARGIN;
  const height = manualCode ? side + LABEL_MODULES : side;
  let path = "";
  for (let row = 0; row < modules.size; row++) {
    for (let column = 0; column < modules.size; ) {
      if (!modules.get(row, column)) {
        column++;
        continue;
      }
      let run = 1;
      while (column + run < modules.size && modules.get(row, column + run)) run++;
      path += `M${column + MARGIN} ${row + MARGIN}h${run}v1h-${run}z`;
      column += run;
    }
  }
  const label = manualCode
    ? `<text x="${side / 2}" y="${side + LABEL_MODULES * 0.6}" text-anchor="middle" font-family="'DejaVu Sans Mono', Menlo, Consolas, monospace" font-size="${LABEL_MODULES * 0.75}" font-weight="700" fill="#000000">${formatManualCode(manualCode)}</text>`
    : "";
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${height}" shape-rendering="crispEdges"><rect width="${side}" height="${height}" fill="#ffffff"/><path fill="#000000" d="${path}"/>${label}</svg>`;
}
