import type { Event, Municipality } from "@prisma/client";
import { formatManualCode } from "../core/savecodes/manual-code.js";

/** The poster's print button script, served next to the poster: a strict CSP (the desk's) allows no inline script. */
export const POSTER_PRINT_SCRIPT = "afdrukken.js";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const when = new Intl.DateTimeFormat("nl-BE", { dateStyle: "full", timeStyle: "short", timeZone: "Europe/Brussels" });
const untilTime = new Intl.DateTimeFormat("nl-BE", { timeStyle: "short", timeZone: "Europe/Brussels" });
const sameDay = (a: Date, b: Date) => a.toLocaleDateString("nl-BE", { timeZone: "Europe/Brussels" }) === b.toLocaleDateString("nl-BE", { timeZone: "Europe/Brussels" });

/** "zaterdag 20 juni 2026 om 14:00 tot 17:00", or both full dates when the event spans several days. */
export function eventPeriodInDutch(startsAt: Date, endsAt: Date): string {
  return `${when.format(startsAt)} tot ${sameDay(startsAt, endsAt) ? untilTime.format(endsAt) : when.format(endsAt)}`;
}

/**
 * A printable A4 page to hang at the event: the QR code large, the code to type under it for phones that cannot
 * scan, and what to do in a few plain steps. `portalUrl` is where that code is typed.
 */
export function saveCodePoster(
  event: Pick<Event, "name" | "location" | "startsAt" | "endsAt" | "manualCode"> & { municipality: Pick<Municipality, "name"> },
  svg: string,
  portalUrl: string,
): string {
  const sparen = `${portalUrl.replace(/^https?:\/\//, "").replace(/\/+$/, "")}/sparen`;
  const town = event.municipality.name;
  const place = event.location ? (event.location.includes(town) ? event.location : `${event.location}, ${town}`) : town;
  return `<!doctype html>
<html lang="nl-BE">
<head>
<meta charset="utf-8">
<title>QR-spaarcode – ${escapeHtml(event.name)}</title>
<script src="${POSTER_PRINT_SCRIPT}" defer></script>
<style>
  @page { size: A4 portrait; margin: 15mm; }
  * { box-sizing: border-box; }
  body { margin: 0; font-family: system-ui, "Segoe UI", Arial, sans-serif; color: #1d1d1b; }
  main { width: 180mm; min-height: 265mm; margin: 0 auto; padding: 6mm 0; display: flex; flex-direction: column; align-items: center; text-align: center; }
  .brand { font-size: 14pt; font-weight: 700; color: #4a2a7a; letter-spacing: .02em; }
  h1 { font-size: 26pt; margin: 6mm 0 2mm; line-height: 1.15; }
  .when, .where { font-size: 14pt; margin: 1mm 0; }
  .qr { width: 120mm; height: 120mm; margin: 8mm 0 4mm; }
  .qr svg { width: 100%; height: 100%; display: block; }
  .manual { font-size: 13pt; margin: 0 0 2mm; }
  .manual-code { font: 700 30pt/1.1 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; letter-spacing: .08em; border: 2px solid #1d1d1b; border-radius: 3mm; padding: 2mm 6mm; margin: 0 0 4mm; }
  .call { font-size: 22pt; font-weight: 700; margin: 2mm 0 6mm; }
  ol { text-align: left; font-size: 14pt; line-height: 1.5; margin: 0; padding-left: 8mm; }
  .print { margin: 6mm; font-size: 13pt; padding: 3mm 6mm; }
  @media print { .print { display: none; } }
</style>
</head>
<body>
<main>
  <button class="print" type="button" data-print>Afdrukken</button>
  <div class="brand">UiTPAS Meetjesland</div>
  <h1>${escapeHtml(event.name)}</h1>
  <p class="when">${escapeHtml(eventPeriodInDutch(event.startsAt, event.endsAt))}</p>
  <p class="where">${escapeHtml(place)}</p>
  <div class="qr" role="img" aria-label="QR-spaarcode van ${escapeHtml(event.name)}">${svg}</div>
  <p class="manual">Lukt scannen niet? Typ deze code op <strong>${escapeHtml(sparen)}</strong>:</p>
  <p class="manual-code">${formatManualCode(event.manualCode)}</p>
  <p class="call">Scan met je gsm om een punt te sparen</p>
  <ol>
    <li>Open de camera van je gsm en richt hem op de QR-code.</li>
    <li>Tik op de link die verschijnt.</li>
    <li>Meld je aan met je e-mailadres als dat gevraagd wordt.</li>
    <li>Je ziet meteen dat je punt gespaard is.</li>
  </ol>
</main>
</body>
</html>`;
}
