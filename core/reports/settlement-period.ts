import { CardSystemError } from "../errors.js";
import { localDate } from "../time/periods.js";

const HOUR = 3_600_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The instant a Brussels calendar day (YYYY-MM-DD) begins: midnight local time, 22:00 or 23:00 UTC the day before. */
export function startOfLocalDay(day: string): Date {
  const [, y, m, d] = DAY_PATTERN.exec(day)!.map(Number) as [number, number, number, number];
  const utcMidnight = Date.UTC(y, m - 1, d);
  for (const offsetHours of [2, 1]) {
    const candidate = new Date(utcMidnight - offsetHours * HOUR);
    if (localDate(candidate) === day) return candidate;
  }
  return new Date(utcMidnight);
}

function validDay(value: unknown, field: string, label: string): string {
  const text = typeof value === "string" ? value.trim() : "";
  const parts = DAY_PATTERN.exec(text);
  const valid = parts && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;
  if (!valid) throw new CardSystemError("VALIDATION", { field, message: `${label}: geef een geldige datum (jjjj-mm-dd).` });
  return text;
}

/**
 * A settlement period as the administrator picks it: from one calendar day up to and including another, in
 * Brussels time. Answers the instants core's settlement needs (the end is the start of the next day).
 */
export function settlementPeriod(fromDay: unknown, toDay: unknown): { from: Date; to: Date; fromDay: string; toDay: string } {
  const first = validDay(fromDay, "from", "Van");
  const last = validDay(toDay, "to", "Tot en met");
  if (last < first) throw new CardSystemError("VALIDATION", { field: "to", message: "Tot en met: de einddatum mag niet vóór de begindatum liggen." });
  const next = new Date(Date.parse(`${last}T12:00:00Z`) + 24 * HOUR).toISOString().slice(0, 10);
  return { from: startOfLocalDay(first), to: startOfLocalDay(next), fromDay: first, toDay: last };
}
