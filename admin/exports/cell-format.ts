import { TIME_ZONE } from "../../core/time/periods.js";
import { dutchEnumLabel } from "../../core/labels/enum-labels.js";
import type { Cell } from "./table-writer.js";

// "2026-06-15 12:00": Brussels time, in a form Excel reads as a date in any locale.
const dateTimeFormat = new Intl.DateTimeFormat("sv-SE", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });

export function dateTime(value: Date | null | undefined): Cell {
  return value ? dateTimeFormat.format(value) : null;
}

/** A calendar day (a @db.Date column). */
export function day(value: Date | null | undefined): Cell {
  return value ? value.toISOString().slice(0, 10) : null;
}

export function euro(cents: number | null | undefined): Cell {
  return cents === null || cents === undefined ? null : cents / 100;
}

export function yesNo(value: boolean): Cell {
  return value ? "ja" : "nee";
}

/** The Dutch label of an enum value, e.g. ("CheckinChannel", "PILLAR") → "Zuil". */
export function enumLabel(type: string, value: string | null | undefined): Cell {
  return value ? dutchEnumLabel(type, value) : null;
}

export function personName(person: { firstName: string; lastName: string } | null | undefined): Cell {
  return person ? `${person.firstName} ${person.lastName}` : null;
}
