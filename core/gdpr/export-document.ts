import { escapeHtml } from "../../templates/markup.js";
import { exportLabel, exportValue, type EnumFields } from "./export-labels.js";
import type { PassholderDataExport } from "./export-passholder-data.js";

type SectionKey = keyof PassholderDataExport | "ledger.transactions" | "signIns.sessions" | "signIns.signInLinks";

const sections: Array<[SectionKey, string, EnumFields?]> = [
  ["cards", "Kaarten", { type: "CardType", status: "CardStatus", issueReason: "CardIssueReason" }],
  ["checkins", "Check-ins", { channel: "CheckinChannel" }],
  ["ledger.transactions", "Puntengrootboek", { type: "PointsTransactionType" }],
  ["tickets", "Tickets met kansentarief", { status: "RecordStatus" }],
  ["redemptions", "Opgenomen voordelen", { kind: "AdvantageKind", channel: "RedemptionChannel", status: "RedemptionStatus" }],
  ["coupons", "Coupons"],
  ["signIns.sessions", "Aanmeldingen (sessies)", { kind: "SessionKind" }],
  ["signIns.signInLinks", "Aangevraagde aanmeldlinks"],
  ["mails", "Verstuurde mails", { status: "EmailStatus" }],
  ["audit", "Auditspoor: wat er met je gegevens gebeurde"],
];

const cell = (field: string, value: unknown, enums?: EnumFields): string => escapeHtml(exportValue(field, value, enums));

function table(rows: Record<string, unknown>[], enums?: EnumFields): string {
  if (rows.length === 0) return "<p>Niets bewaard.</p>";
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const head = columns.map((column) => `<th scope="col">${escapeHtml(exportLabel(column))}</th>`).join("");
  const body = rows.map((row) => `<tr>${columns.map((column) => `<td>${cell(column, row[column], enums)}</td>`).join("")}</tr>`).join("\n");
  return `<table border="1" cellpadding="4">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function rowsOf(data: PassholderDataExport, key: string): Record<string, unknown>[] {
  const value = key.split(".").reduce<unknown>((at, part) => (at as Record<string, unknown>)[part], data);
  return value as Record<string, unknown>[];
}

/** The export as a page a passholder can read, print or save: every section of the JSON, as tables, without scripts. */
export function exportDocument(data: PassholderDataExport): string {
  const identity = Object.entries(data.identity).map(([field, value]) => `<tr><th scope="row">${escapeHtml(exportLabel(field))}</th><td>${cell(field, value, { gender: "Gender" })}</td></tr>`).join("\n");
  const body = sections.map(([key, title, enums]) => `<h2>${escapeHtml(title)}</h2>\n${table(rowsOf(data, key), enums)}`).join("\n");
  return `<!doctype html>
<html lang="nl-BE">
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex">
<title>Mijn gegevens bij ${escapeHtml(data.controller)}</title>
</head>
<body>
<h1>Gegevens van een pashouder bij ${escapeHtml(data.controller)}</h1>
<p>Alles wat ${escapeHtml(data.controller)} over deze pashouder bewaart, opgevraagd op ${cell("exportedAt", data.exportedAt)} (AVG, artikel 15). Afdrukken of bewaren kan met de knoppen van je browser.</p>
<h2>Identiteit en contact</h2>
<table border="1" cellpadding="4">
${identity}
<tr><th scope="row">Puntensaldo</th><td>${cell("balance", data.ledger.balance)}</td></tr>
</table>
${body}
</body>
</html>
`;
}
