import { CardSystemError } from "../errors.js";

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

/** A calendar date (YYYY-MM-DD or a Date) as a UTC midnight, for @db.Date columns. */
export function requiredDate(value: unknown, field: string, label: string): Date {
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === "string" ? value.trim() : "";
  if (!text) throw new CardSystemError("VALIDATION", { field, message: `${label} is verplicht.` });
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00Z`) : new Date(NaN);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
    throw new CardSystemError("VALIDATION", { field, message: `${label} is geen geldige datum (JJJJ-MM-DD).` });
  }
  return date;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function optionalEmail(value: unknown, field = "email"): string | undefined {
  const text = optionalText(value, field, "E-mailadres", 254);
  if (text === undefined) return undefined;
  if (!EMAIL.test(text)) throw new CardSystemError("VALIDATION", { field, message: "E-mailadres is ongeldig." });
  return text.toLowerCase();
}
