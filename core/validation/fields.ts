import { CardSystemError } from "../errors.js";
import { parseCalendarDate } from "../time/calendar-date.js";

/** Input from a form: trimmed text, or a Dutch refusal naming the field. */
export function requiredText(value: unknown, field: string, label: string, max = 100): string {
  const text = typeof value === "string" ? value.trim() : "";
  if (!text) throw new CardSystemError("VALIDATION", { field, message: `${label} is verplicht.` });
  return limitLength(text, field, label, max);
}

export function optionalText(value: unknown, field: string, label: string, max = 100): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string") throw new CardSystemError("VALIDATION", { field, message: `${label} moet tekst zijn.` });
  const text = value.trim();
  return text ? limitLength(text, field, label, max) : undefined;
}

function limitLength(text: string, field: string, label: string, max: number): string {
  if (text.length > max) throw new CardSystemError("VALIDATION", { field, message: `${label} mag hoogstens ${max} tekens lang zijn.` });
  return storableText(text, field, label);
}

/** PostgreSQL cannot store a NUL character in text: refused in Dutch before the database answers with an error. */
export function storableText(text: string, field: string, label: string): string {
  if (text.includes("\u0000")) throw new CardSystemError("VALIDATION", { field, message: `${label} bevat een onzichtbaar teken (NUL) dat niet bewaard kan worden.` });
  return text;
}

/** A calendar day as typed (dd/mm/jjjj, or YYYY-MM-DD) as a UTC midnight, for @db.Date columns. */
export function requiredDate(value: unknown, field: string, label: string): Date {
  if (value === undefined || value === null || (typeof value === "string" && !value.trim())) {
    throw new CardSystemError("VALIDATION", { field, message: `${label} is verplicht.` });
  }
  const day = parseCalendarDate(value);
  if (!day) throw new CardSystemError("VALIDATION", { field, message: `${label} is geen geldige datum: typ dd/mm/jjjj, bv. 14/05/1990.` });
  return new Date(`${day}T00:00:00Z`);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function optionalEmail(value: unknown, field = "email"): string | undefined {
  const text = optionalText(value, field, "E-mailadres", 254);
  if (text === undefined) return undefined;
  if (!EMAIL.test(text)) throw new CardSystemError("VALIDATION", { field, message: "E-mailadres is ongeldig." });
  return text.toLowerCase();
}
