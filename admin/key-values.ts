import type { Filter } from "adminjs";
import { parseCalendarDate, parseMoment } from "../core/time/calendar-date.js";
import { isUuid } from "../core/validation/ids.js";
import type { DatamodelField, DatamodelModel } from "./datamodel.js";

// Ids and filter values arrive from addresses a user can type: a value that cannot exist in its column
// (a word where a number or UUID belongs, a date that is no date) finds nothing, instead of a database error.

const DIGITS = /^-?\d{1,19}$/;
const INT_MAX = 2 ** 31 - 1;
const BIGINT_MAX = 2n ** 63n - 1n;

/** The value of `part` for a key or reference column, or undefined when no row can have it. */
export function columnValue(field: DatamodelField | undefined, part: string): unknown {
  switch (field?.type) {
    case "Int":
      return DIGITS.test(part) && Math.abs(Number(part)) <= INT_MAX ? Number(part) : undefined;
    case "BigInt":
      return DIGITS.test(part) && (BigInt(part) < 0n ? -BigInt(part) : BigInt(part)) <= BIGINT_MAX ? BigInt(part) : undefined;
    case "DateTime": {
      const date = new Date(part);
      return Number.isNaN(date.getTime()) ? undefined : date;
    }
    case "String":
      return field.nativeType?.[0] === "Uuid" && !isUuid(part) ? undefined : part;
    default:
      return part;
  }
}

const MAX_TEXT = 10_000;

/**
 * Why a submitted form value cannot be stored in its column, as the Dutch message next to the field labelled
 * `label`; undefined when the database may judge it. `type` is the AdminJS property type, `column` its column.
 */
export function unfitFormValue(type: string, column: DatamodelField | undefined, value: unknown, label: string): string | undefined {
  // PostgreSQL cannot store a NUL character in text.
  if (typeof value === "string" && value.includes("\u0000")) return `"${label}" bevat een onzichtbaar teken (NUL) dat niet bewaard kan worden.`;
  switch (type) {
    case "number":
    case "float": {
      // AdminJS turns what it cannot read into NaN before the resource sees it.
      if (Number.isNaN(value) || (typeof value === "string" && !/^\s*-?\d+(\.\d+)?\s*$/.test(value))) {
        return column?.name.endsWith("Cents") ? `"${label}" is geen bedrag: typ een bedrag in euro, bv. 3,50.` : `"${label}" moet een getal zijn.`;
      }
      const limit = column?.type === "Int" ? INT_MAX : Number.MAX_SAFE_INTEGER;
      return typeof value === "string" && Math.abs(Number(value)) > limit ? `"${label}" is te groot of te lang.` : undefined;
    }
    case "boolean":
      return typeof value === "string" && value !== "true" && value !== "false" ? `"${label}" moet ja of nee zijn.` : undefined;
    case "reference":
      return typeof value === "string" && value !== "" && column && columnValue(column, value) === undefined ? `De gekozen waarde bij "${label}" bestaat niet (meer).` : undefined;
    default:
      return typeof value === "string" && value.length > MAX_TEXT ? `"${label}" is te lang: hoogstens ${MAX_TEXT.toLocaleString("nl-BE")} tekens.` : undefined;
  }
}

/**
 * The value a date field's form input means: a day (dd/mm/jjjj) for a @db.Date column, a moment on the clock of
 * Brussels otherwise; `null` for an empty field, and a Dutch refusal for anything that is no real date.
 */
export function formDateValue(column: DatamodelField | undefined, value: unknown, label: string): { value: Date | null } | { refusal: string } {
  if (value === null || value === "" || value === undefined) return { value: null };
  if (column?.nativeType?.[0] === "Date") {
    const day = parseCalendarDate(value);
    return day ? { value: new Date(`${day}T00:00:00Z`) } : { refusal: `"${label}" is geen geldige datum: typ dd/mm/jjjj, bv. 14/05/1990.` };
  }
  const moment = parseMoment(value);
  return moment && moment.getUTCFullYear() >= 1 && moment.getUTCFullYear() <= 9999
    ? { value: moment }
    : { refusal: `"${label}" is geen geldig tijdstip: typ dd/mm/jjjj uu:mm, bv. 14/05/2026 20:00.` };
}

/** Whether every filter value of a list could match a row; false means the list is empty. */
export function filterValuesFit(model: DatamodelModel, filter: Filter): boolean {
  for (const entry of Object.values(filter.filters ?? {})) {
    const property = entry.property;
    if (!property) continue;
    const type = property.type();
    if (type === "reference") {
      // @adminjs/prisma's properties know their foreign key column; AdminJS's BaseProperty type does not.
      const foreignKey = (property as unknown as { foreignColumnName(): string | null }).foreignColumnName();
      const column = model.fields.find((field) => field.name === foreignKey);
      if (column && columnValue(column, String(entry.value)) === undefined) return false;
    } else if (type === "date" || type === "datetime") {
      const range = typeof entry.value === "string" ? { from: entry.value } : (entry.value as { from?: string; to?: string });
      for (const bound of [range.from, range.to]) if (bound && Number.isNaN(new Date(bound).getTime())) return false;
    } else if (type === "number" || type === "float") {
      if (!Number.isFinite(Number(entry.value))) return false;
    } else if (type === "string" || type === "uuid") {
      const column = model.fields.find((field) => field.name === property.path());
      if (column?.nativeType?.[0] === "Uuid" && columnValue(column, String(entry.value)) === undefined) return false;
    }
  }
  return true;
}
