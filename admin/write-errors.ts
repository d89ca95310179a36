import { Prisma } from "@prisma/client";
import { ValidationError } from "adminjs";
import type { CardSystemError } from "../core/errors.js";
import type { DatamodelModel } from "./datamodel.js";
import { fieldLabelsNl } from "./locale/field-labels.js";

/** The database's own rules (hand-written CHECKs in the migrations): the form field they concern, in Dutch. */
const checkRules: Readonly<Record<string, { field: string; message: string }>> = {
  CardSystem_key_sums_to_100: { field: "keyParticipantPct", message: "De verdeelsleutel (deelnemer, organisator, gemeente) moet samen 100 % zijn, zonder negatieve aandelen." },
  Counter_key_sums_to_100: {
    field: "keyParticipantPct",
    message: "Vul de verdeelsleutel volledig in (deelnemer, organisator, gemeente: samen 100 %, zonder negatieve aandelen) of laat de drie aandelen leeg.",
  },
  Coupon_key_sums_to_100: { field: "keyParticipantPct", message: "De verdeelsleutel (deelnemer, organisator, gemeente) moet samen 100 % zijn." },
  Coupon_segment_min_age_not_negative: { field: "segmentMinAge", message: "De minimumleeftijd mag niet negatief zijn." },
  Coupon_segment_max_age_not_negative: { field: "segmentMaxAge", message: "De maximumleeftijd mag niet negatief zijn." },
  Coupon_segment_age_range: { field: "segmentMinAge", message: "De minimumleeftijd mag niet hoger zijn dan de maximumleeftijd." },
  Coupon_segment_has_condition: {
    field: "target",
    message: 'Een segment heeft een gemeente en/of een minimum- of maximumleeftijd nodig. Is de coupon voor iedereen, kies dan "Alle pashouders".',
  },
  Coupon_segment_fields_only_for_segment: {
    field: "target",
    message: 'Een gemeente of leeftijd geldt enkel bij de doelgroep "Segment (gemeente en/of leeftijd)": kies die doelgroep, of maak de segmentvelden leeg.',
  },
  Counter_mia_limit_positive: { field: "miaTicketLimit", message: "De MIA-ticketconstraint mag niet negatief zijn." },
  Event_ends_after_start: { field: "endsAt", message: "Het einde van het evenement mag niet vóór de start liggen." },
  Event_points_not_negative: { field: "points", message: "Punten mogen niet negatief zijn." },
  Event_checkin_limit_positive: { field: "checkinLimit", message: "De check-inlimiet moet minstens 1 zijn." },
  Advantage_online_url_https: {
    field: "onlineUrl",
    message: "Online omruilen stuurt de pashouder naar een website: vul een volledige, beveiligde link in (https://…).",
  },
  Advantage_points_not_negative: { field: "points", message: "Punten mogen niet negatief zijn." },
  Advantage_per_user_limit_positive: { field: "perUserLimit", message: "De beperking per gebruiker moet minstens 1 zijn (of leeg)." },
  Advantage_redeemed_within_stock: {
    field: "unitsAvailable",
    message: "Beschikbare eenheden en het maximum totaal mogen niet lager zijn dan het aantal opnames dat er al is.",
  },
  CardSystem_brandColor_hex: { field: "brandColor", message: "Geef de hoofdkleur als kleurcode van 6 tekens, bv. #e6007e." },
  CardSystem_brandTextColor_hex: { field: "brandTextColor", message: "Geef de tekstkleur als kleurcode van 6 tekens, bv. #ffffff." },
  Card_number_valid: { field: "number", message: "Het kaartnummer is ongeldig: 13 cijfers met een correct controlecijfer." },
  Passholder_points_not_negative: { field: "points", message: "Het puntensaldo mag niet negatief zijn." },
};

/**
 * A refused database write as AdminJS shows it: the Dutch message next to the form field at fault (a clash with
 * a unique value, a reference that does not exist, a value of the wrong type or out of range, a broken CHECK).
 * Null for anything that is not a refusal of the submitted values (those stay server errors).
 */
export function writeRefusal(error: unknown, model: DatamodelModel, submitted: Record<string, unknown> = {}): ValidationError | null {
  const facts = factsOf(error);
  if (!facts) return null;
  const { code, text } = facts;
  const path = (column: string) => pathOf(model, column);
  if (code === "P2002" || code === "23505") {
    const columns = uniqueColumns(error, text, model.name);
    const named = columns.filter((column) => path(column) === column);
    const fields = (named.length ? named : columns).map(path);
    return fieldError(fields, (label) => `Deze waarde van "${label}" is al in gebruik: kies een andere.`);
  }
  if (code === "P2003" || code === "23503" || code === "23001") {
    if (facts.onDelete) return generalError("Dit record kan niet verwijderd worden: andere gegevens verwijzen ernaar.");
    const column = /\b[A-Z][A-Za-z]*_(\w+)_fkey/.exec(text)?.[1];
    return fieldError(column ? [path(column)] : [], (label) => `De gekozen waarde bij "${label}" bestaat niet (meer).`);
  }
  if (code === "23514") {
    const name = /check constraint \\?"(\w+)\\?"/.exec(text)?.[1] ?? "";
    const rule = checkRules[name];
    return rule ? fieldError([rule.field], () => rule.message) : generalError("Deze gegevens zijn niet toegelaten: ze botsen met een regel van het kaartsysteem.");
  }
  if (code === "P2020" || code === "22003" || code === "P2000" || code === "22001") {
    const value = /value \\?"([^"\\]*)\\?"/.exec(text)?.[1];
    const field = value === undefined ? undefined : Object.keys(submitted).find((key) => String(submitted[key]) === value);
    return fieldError(field ? [field] : [], (label) => `"${label}" is te groot of te lang.`);
  }
  if (code === "P2011" || code === "23502") {
    const column = /column \\?"(\w+)\\?"|constraint failed on the fields: \(`(\w+)`\)/.exec(text);
    return fieldError(column ? [path(column[1] ?? column[2]!)] : [], (label) => `"${label}" is verplicht.`);
  }
  if (code === "validation") {
    const column = /argument `(\w+)`/i.exec(text)?.[1];
    const missing = /is missing|must not be null/.test(text);
    const expected = /Expected (\w+)/.exec(text)?.[1] ?? "";
    const reason = missing ? "is verplicht." : expected.startsWith("Int") || expected.startsWith("Float") ? "moet een getal zijn." : expected.includes("DateTime") ? "is geen geldige datum." : "heeft een ongeldige waarde.";
    return fieldError(column ? [path(column)] : [], (label) => `"${label}" ${reason}`);
  }
  return null;
}

interface Facts {
  /** A Prisma code (P2002…), a PostgreSQL SQLSTATE (23505…), or "validation" for a value Prisma refused itself. */
  code: string;
  /** Every message and detail the error carries, to find the constraint and column in. */
  text: string;
  onDelete: boolean;
}

function factsOf(error: unknown): Facts | null {
  if (error instanceof Prisma.PrismaClientValidationError) return { code: "validation", text: error.message.split("\n").slice(-3).join(" "), onDelete: false };
  const candidate = error as { name?: string; code?: string; meta?: unknown; cause?: { code?: string; originalCode?: string }; message?: string };
  const known = error instanceof Prisma.PrismaClientKnownRequestError;
  // PGlite's adapter hands the database's error on as a DriverAdapterError; PostgreSQL's becomes a known request error.
  if (!known && candidate?.name !== "DriverAdapterError") return null;
  // Prisma 7 wraps a database refusal it has no code of its own for as P2039, with the SQLSTATE in the adapter's cause.
  const database = known ? (candidate.meta as { driverAdapterError?: { cause?: { code?: string; originalCode?: string } } } | undefined)?.driverAdapterError?.cause : candidate.cause;
  const code = (known && candidate.code !== "P2039" ? candidate.code : (database?.code ?? database?.originalCode)) ?? "";
  const text = [candidate.message, JSON.stringify(candidate.meta ?? null), JSON.stringify(candidate.cause ?? null)].join(" ");
  return { code, text, onDelete: /update or delete on table/.test(text) || code === "23001" };
}

/** The columns of a violated unique constraint: as Prisma names them, from PostgreSQL's detail, or from the index name. */
function uniqueColumns(error: unknown, text: string, model: string): string[] {
  const meta = (error as { meta?: { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } } } }).meta;
  const fields = meta?.driverAdapterError?.cause?.constraint?.fields ?? (Array.isArray(meta?.target) ? (meta.target as string[]) : undefined);
  if (fields?.length) return fields.map(unquote);
  const detail = /Key \(([^)]*)\)=/.exec(text)?.[1];
  if (detail) return detail.split(",").map(unquote);
  const index = /unique constraint \\?"(\w+)\\?"/.exec(text)?.[1];
  return index?.startsWith(`${model}_`) && index.endsWith("_key") ? index.slice(model.length + 1, -4).split("_") : [];
}

function unquote(column: string): string {
  return column.trim().replace(/^\\?"|\\?"$/g, "");
}

/** The form field of a column: a foreign key's relation (organiserCounterId → organiserCounter), else the column. */
function pathOf(model: DatamodelModel, column: string): string {
  return model.fields.find((field) => field.relationFromFields?.length === 1 && field.relationFromFields[0] === column)?.name ?? column;
}

function fieldError(fields: string[], message: (label: string) => string): ValidationError {
  if (fields.length === 0) {
    const text = message("\0").replace('"\0"', "een veld");
    return generalError(text.charAt(0).toUpperCase() + text.slice(1));
  }
  const errors = Object.fromEntries(fields.map((field) => [field, { message: message(fieldLabelsNl[field] ?? field) }]));
  return new ValidationError(errors, { message: Object.values(errors)[0]!.message });
}

function generalError(message: string): ValidationError {
  return new ValidationError({}, { message });
}

/** A refusal of core/ as AdminJS shows it: the Dutch message next to the form field (renamed where the form differs). */
export function coreRefusal(error: CardSystemError, formField: Readonly<Record<string, string>> = {}): ValidationError {
  const field = error.field && (formField[error.field] ?? error.field);
  return new ValidationError(field ? { [field]: { message: error.message, type: error.code } } : {}, { message: error.message });
}
