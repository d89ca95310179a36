import type { LimitPeriod } from "@prisma/client";
import { localDate } from "../time/periods.js";

/**
 * The first Brussels day (YYYY-MM-DD) of the limit period after the one `at` lies in: from then on a limit per
 * day, week (Monday), month, quarter or year allows the advantage again. Undefined for a limit "in totaal".
 */
export function nextPeriodStart(period: LimitPeriod, at: Date): string | undefined {
  const [year, month, day] = localDate(at).split("-").map(Number) as [number, number, number];
  const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
  switch (period) {
    case "ABSOLUTE":
      return undefined;
    case "DAY":
      return utc(year, month, day + 1);
    case "WEEK":
      // getUTCDay: Sunday 0; an ISO week starts on Monday.
      return utc(year, month, day + 7 - ((new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7));
    case "MONTH":
      return utc(year, month + 1, 1);
    case "QUARTER":
      return utc(year, month - ((month - 1) % 3) + 3, 1);
    case "YEAR":
      return utc(year + 1, 1, 1);
  }
}

const dayInWords = new Intl.DateTimeFormat("nl-BE", { weekday: "long", day: "2-digit", month: "2-digit", year: "numeric", timeZone: "UTC" });

/** A calendar day (YYYY-MM-DD) as "maandag 14/12/2026". */
export function formatDayWithWeekday(day: string): string {
  return dayInWords.format(new Date(`${day}T00:00:00Z`));
}
