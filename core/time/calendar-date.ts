// Days and moments as a Flemish civil servant types and reads them: a day is dd/mm/jjjj and belongs to no time
// zone; a moment is dd/mm/jjjj uu:mm on the clock of Brussels. Pure functions, also bundled into the backoffice's
// browser components, so the screen and the server read a typed value the same way.

import { localDate, TIME_ZONE } from "./periods.js";

const DAY_MONTH_YEAR = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const YEAR_MONTH_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MOMENT_WITH_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const DAY_AND_TIME = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})[ T,]+(\d{1,2})[:.u](\d{2})$/;

function isoDay(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1 || year > 9999 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * The calendar day (YYYY-MM-DD) a typed or posted value means, or undefined when it is no real day. Takes
 * dd/mm/jjjj, YYYY-MM-DD, and a full timestamp: a day sent as a moment (as older screens did, the local midnight
 * of the browser) is the Brussels day of that moment.
 */
export function parseCalendarDate(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : brusselsDay(value);
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  const dmy = DAY_MONTH_YEAR.exec(text);
  if (dmy) return isoDay(Number(dmy[3]), Number(dmy[2]), Number(dmy[1]));
  const ymd = YEAR_MONTH_DAY.exec(text);
  if (ymd) return isoDay(Number(ymd[1]), Number(ymd[2]), Number(ymd[3]));
  if (MOMENT_WITH_TIME.test(text)) {
    const moment = new Date(text);
    if (Number.isNaN(moment.getTime())) return undefined;
    // A bare midnight without a zone is already the day itself.
    return /T00:00(:00(\.0+)?)?Z?$/.test(text) ? isoDay(Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10))) : brusselsDay(moment);
  }
  return undefined;
}

/** A calendar day (a @db.Date value, "YYYY-MM-DD…") as dd/mm/jjjj; empty for no value. */
export function formatCalendarDate(value: Date | string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "";
  const iso = value instanceof Date ? value.toISOString() : value;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : "";
}

const brusselsParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** The wall clock of Brussels at a moment. */
export function brusselsClock(moment: Date): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = Object.fromEntries(brusselsParts.formatToParts(moment).map((part) => [part.type, part.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second) };
}

/** The Brussels calendar day of a moment, as YYYY-MM-DD. */
export function brusselsDay(moment: Date): string {
  return localDate(moment);
}

/** A moment as dd/mm/jjjj uu:mm on the clock of Brussels; empty for no value. */
export function formatMoment(value: Date | string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "";
  const moment = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(moment.getTime())) return "";
  const c = brusselsClock(moment);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(c.day)}/${two(c.month)}/${c.year} ${two(c.hour)}:${two(c.minute)}`;
}

function offsetAt(moment: number): number {
  const c = brusselsClock(new Date(moment));
  return Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second) - Math.floor(moment / 1000) * 1000;
}

/**
 * The moment at which the clocks of Brussels show this date and time. A time in the hour skipped in spring
 * counts on the winter clock (02:30 becomes 03:30); in the autumn's repeated hour it is the first of the two.
 */
export function brusselsMoment(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  const wanted = Date.UTC(year, month - 1, day, hour, minute);
  const before = offsetAt(wanted - offsetAt(wanted));
  const earlier = wanted - Math.max(before, offsetAt(wanted - before - 3_600_000));
  return new Date(offsetAt(earlier) + earlier === wanted ? earlier : wanted - before);
}

/**
 * The moment a typed or posted value means: dd/mm/jjjj uu:mm on the clock of Brussels, or an ISO timestamp with
 * its zone. Undefined when it is no real moment.
 */
export function parseMoment(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  const typed = DAY_AND_TIME.exec(text);
  if (typed) {
    const day = isoDay(Number(typed[3]), Number(typed[2]), Number(typed[1]));
    const hour = Number(typed[4]);
    const minute = Number(typed[5]);
    if (!day || hour > 23 || minute > 59) return undefined;
    return brusselsMoment(Number(typed[3]), Number(typed[2]), Number(typed[1]), hour, minute);
  }
  const dayOnly = parseCalendarDate(text);
  if (dayOnly && !MOMENT_WITH_TIME.test(text)) return brusselsMoment(Number(dayOnly.slice(0, 4)), Number(dayOnly.slice(5, 7)), Number(dayOnly.slice(8, 10)));
  if (!MOMENT_WITH_TIME.test(text)) return undefined;
  const moment = new Date(text);
  return Number.isNaN(moment.getTime()) ? undefined : moment;
}

/** The first and last moment of a Brussels calendar day (YYYY-MM-DD), for a filter "van … tot …". */
export function brusselsDayBounds(day: string): { from: Date; to: Date } {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  const next = new Date(Date.UTC(year, month - 1, date + 1));
  return {
    from: brusselsMoment(year, month, date),
    to: new Date(brusselsMoment(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()).getTime() - 1),
  };
}
