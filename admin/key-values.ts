import type { Filter } from "adminjs";
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
      if (Number.isNaN(value) || (typeof value === "string" && !/^\s*-?\d+(\.\d+)?\s*$/.test(value))) return `"${label}" moet een getal zijn.`;
      const limit = column?.type === "Int" ? INT_MAX : Number.MAX_SAFE_INTEGER;
      return typeof value === "string" && Math.abs(Number(value)) > limit ? `"${label}" is te groot of te lang.` : undefined;
    }
    case "boolean":
      return typeof value === "string" && value !== "true" && value !== "false" ? `"${label}" moet ja of nee zijn.` : undefined;
    case "date":
    case "datetime":
      return (value instanceof Date || typeof value === "string") && !isStorableDate(value) ? `"${label}" is geen geldige datum.` : undefined;
    case "reference":
      return typeof value === "string" && value !== "" && column && columnValue(column, value) === undefined ? `De gekozen waarde bij "${label}" bestaat niet (meer).` : undefined;
    default:
      return typeof value === "string" && value.length > MAX_TEXT ? `"${label}" is te lang: hoogstens ${MAX_TEXT.toLocaleString("nl-BE")} tekens.` : undefined;
  }
}

/** A real calendar day (no 30 February rolling over into March) within the years 1 to 9999. */
function isStorableDate(value: Date | string): boolean {
  const day = typeof value === "string" ? /^\s*(\d+)-(\d{1,2})-(\d{1,2})/.exec(value) : null;
  if (day) {
    const [year, month, date] = day.slice(1).map(Number) as [number, number, number];
    const parsed = new Date(Date.UTC(year, month - 1, date));
    if (parsed.getUTCFullYear() !== year || parsed.getUTCMonth() !== month - 1 || parsed.getUTCDate() !== date) return false;
  }
  const time = typeof value === "string" ? new Date(value) : value;
  return !Number.isNaN(time.getTime()) && time.getUTCFullYear() >= 1 && time.getUTCFullYear() <= 9999;
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
