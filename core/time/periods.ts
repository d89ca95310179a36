import type { LimitPeriod } from "@prisma/client";

/** The region's clock: days, weeks and years change at midnight in Brussels. */
export const TIME_ZONE = "Europe/Brussels";

const dateParts = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** The calendar date in Brussels of an instant, as YYYY-MM-DD. */
export function localDate(at: Date): string {
  return dateParts.format(at);
}

function isoWeek(ymd: string): string {
  const [y, m, d] = ymd.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

/** The key of the period an instant falls in, so limits "per day/week/…" can be counted and constrained. */
export function periodKey(period: LimitPeriod, at: Date): string {
  const ymd = localDate(at);
  switch (period) {
    case "ABSOLUTE":
      return "all";
    case "DAY":
      return ymd;
    case "WEEK":
      return isoWeek(ymd);
    case "MONTH":
      return ymd.slice(0, 7);
    case "QUARTER":
      return `${ymd.slice(0, 4)}-Q${Math.ceil(Number(ymd.slice(5, 7)) / 3)}`;
    case "YEAR":
      return ymd.slice(0, 4);
  }
}

/** Whether `at` lies in [start, end]; an open end never closes. */
export function within(at: Date, start: Date | null | undefined, end: Date | null | undefined): boolean {
  return (!start || at >= start) && (!end || at <= end);
}

/** UiTPAS default: a kansenstatuut granted today is valid until 30 April of next year. */
export function defaultKansenstatuutEnd(from: Date): Date {
  return new Date(Date.UTC(Number(localDate(from).slice(0, 4)) + 1, 3, 30));
}

/** A @db.Date column holds a calendar day; compare it with the Brussels date of an instant. */
export function dateColumnCovers(column: Date | null | undefined, at: Date): boolean {
  return !!column && column.toISOString().slice(0, 10) >= localDate(at);
}
