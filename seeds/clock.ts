import { localDate, TIME_ZONE } from "../core/time/periods.js";

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY);
}

export function addHours(at: Date, hours: number): Date {
  return new Date(at.getTime() + hours * HOUR);
}

export function earliest(a: Date, b: Date): Date {
  return a <= b ? a : b;
}

export function latest(a: Date, b: Date): Date {
  return a >= b ? a : b;
}

/** A @db.Date value: midnight UTC of the Brussels calendar day of `at`. */
export function calendarDay(at: Date): Date {
  return new Date(`${localDate(at)}T00:00:00.000Z`);
}

const offsetFormat = new Intl.DateTimeFormat("en-US", { timeZone: TIME_ZONE, timeZoneName: "shortOffset" });

function brusselsOffsetMinutes(at: Date): number {
  const name = offsetFormat.formatToParts(at).find((part) => part.type === "timeZoneName")?.value ?? "GMT";
  const match = /GMT([+-]\d+)(?::(\d+))?/.exec(name);
  return match ? Number(match[1]) * 60 + Math.sign(Number(match[1])) * Number(match[2] ?? 0) : 0;
}

/** The instant at hour:minute on the Brussels calendar day `days` after `from`, so events start at local times. */
export function brusselsTime(from: Date, days: number, hour: number, minute = 0): Date {
  const [y, m, d] = localDate(addDays(from, days)).split("-").map(Number) as [number, number, number];
  const wallClock = Date.UTC(y, m - 1, d, hour, minute);
  return new Date(wallClock - brusselsOffsetMinutes(new Date(wallClock - HOUR)) * MINUTE);
}
