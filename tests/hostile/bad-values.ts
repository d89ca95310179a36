// Hostile input for every form field, by the kind of value the field holds.

/** One hostile value: `free` is text a person may really type (a name with emoji, a "<b>" in a title). */
export interface BadValue {
  label: string;
  value: string;
  /** Legitimate as free text: a text field may store it (exactly) instead of refusing it. */
  free?: boolean;
}

export const HUGE = "x".repeat(100_000);
export const SQL = `'; DROP TABLE "Passholder"; --`;
export const HTML = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
export const NUL = "na\u0000am";

/** Text a person may type into any free-text field, and text no field can hold. */
export const textValues: BadValue[] = [
  { label: "emoji, right-to-left and a lone surrogate", value: "Zwemmen 🏊‍♀️ مرحبا שלום \ud800", free: true },
  { label: "SQL", value: SQL, free: true },
  { label: "HTML", value: HTML, free: true },
  { label: "NUL byte", value: NUL },
  { label: "100,000 characters", value: HUGE },
];

const numberValues: BadValue[] = [
  { label: "word", value: "veel" },
  { label: "decimal comma", value: "1,5" },
  { label: "1e309", value: "1e309" },
  { label: "huge", value: "99999999999999999999" },
  { label: "hex", value: "0x1F" },
];

const dateValues: BadValue[] = [
  { label: "word", value: "morgen" },
  { label: "30 February", value: "2026-02-30" },
  { label: "day 32 in Belgian notation", value: "32/12/2026" },
  { label: "two-digit year", value: "31/12/26" },
  { label: "year 99999", value: "99999-01-01" },
];

const booleanValues: BadValue[] = [
  { label: "word", value: "misschien" },
  { label: "number", value: "2" },
];

const choiceValues: BadValue[] = [
  { label: "unknown choice", value: "GEEN_KEUZE" },
  { label: "SQL", value: SQL },
];

const referenceValues: BadValue[] = [
  { label: "word", value: "abc" },
  { label: "not existing", value: "2000000000" },
  { label: "beyond any key", value: "99999999999999999999" },
  { label: "no UUID", value: "00000000-0000-0000-0000-00000000000g" },
];

const valuesByKind: Record<string, BadValue[]> = {
  text: textValues,
  number: numberValues,
  date: dateValues,
  boolean: booleanValues,
  choice: choiceValues,
  reference: referenceValues,
};

/** Which kind of value a form field of this AdminJS type (with choices or not) holds. */
export function kindOf(field: { type: string; availableValues?: unknown[] | null }): string {
  if (field.availableValues?.length) return "choice";
  if (["number", "float", "currency"].includes(field.type)) return "number";
  if (["date", "datetime"].includes(field.type)) return "date";
  return field.type === "boolean" || field.type === "reference" ? field.type : "text";
}

/** Every hostile value for a field of this type. */
export function badValuesFor(field: { type: string; availableValues?: unknown[] | null }): BadValue[] {
  return valuesByKind[kindOf(field)]!;
}

/**
 * Two hostile values for the `turn`-th field of its kind on a form: one no column can hold and one of the
 * others, taking turns, so the fields of a form together meet every value without posting each to each.
 */
export function twoBadValuesFor(field: { type: string; availableValues?: unknown[] | null }, turn: number): BadValue[] {
  const all = badValuesFor(field);
  const unfit = all.filter((bad) => !bad.free);
  const others = all.filter((bad) => bad !== unfit[turn % unfit.length]);
  return [unfit[turn % unfit.length]!, others[turn % others.length]!];
}

/** How PostgreSQL's UTF-8 holds a value: a lone surrogate cannot be encoded and arrives as U+FFFD. */
export function asStored(value: string): string {
  return value.replace(/[\ud800-\udfff]/g, (char, at: number, all: string) => {
    const pair = /[\ud800-\udbff]/.test(char) ? /[\udc00-\udfff]/.test(all[at + 1] ?? "") : /[\ud800-\udbff]/.test(all[at - 1] ?? "");
    return pair ? char : "\ufffd";
  });
}

const ENGLISH_OR_TECHNICAL = /\b(invalid|error|expected|argument|required|must|null|undefined|violates|constraint|column|prisma|select|insert|update|syntax|exception|stack)\b|\bat .+\(|\bP\d{4}\b|\b\d{5}\b/i;
const DUTCH_WORD = /\b(is|moet|mag|niet|geen|een|de|het|van|bij|ongeldig|verplicht|kies|te|groot|lang|buiten|bestaat|getal|datum|waarde|reden)\b/i;

/** A message a Dutch-speaking user can read: Dutch words, no English, no database or stack text. */
export function isDutchMessage(message: unknown): boolean {
  return typeof message === "string" && message.length > 5 && message.length < 400 && DUTCH_WORD.test(message) && !ENGLISH_OR_TECHNICAL.test(message);
}
