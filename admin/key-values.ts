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
