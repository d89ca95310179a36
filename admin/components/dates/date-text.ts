import { formatCalendarDate, formatMoment } from "../../../core/time/calendar-date.js";

/** A date property's value as read on a list or show page: dd/mm/jjjj for a day, Brussels time for a moment. */
export function dateText(type: string, value: unknown): string {
  if (typeof value !== "string" || !value) return "";
  return type === "date" ? formatCalendarDate(value) : formatMoment(value);
}
