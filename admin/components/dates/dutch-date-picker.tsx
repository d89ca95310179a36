import React from "react";
import { DatePicker } from "@adminjs/design-system";
import nlLocale from "date-fns/locale/nl/index.js";
import { brusselsClock, brusselsMoment } from "../../../core/time/calendar-date.js";

// The design system's picker (react-datepicker) only knows the browser's own clock. A day is handed to it as that
// day's local midnight and read back as the local day it shows; a moment as the wall clock of Brussels. So a
// day never moves and a moment is typed and read in Brussels time, in whatever zone the browser is.

export type DateKind = "date" | "datetime";

const nl = (nlLocale as unknown as { default?: typeof nlLocale }).default ?? nlLocale;
const DIGIT = { regex: "\\d" };
const DAY_MASK = [DIGIT, DIGIT, "/", DIGIT, DIGIT, "/", DIGIT, DIGIT, DIGIT, DIGIT];
const MOMENT_MASK = [...DAY_MASK, " ", DIGIT, DIGIT, ":", DIGIT, DIGIT];
const pad = (value: number) => String(value).padStart(2, "0");

function pickerValue(kind: DateKind, value: unknown): string {
  if (typeof value !== "string" || !value) return "";
  if (kind === "date") {
    const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
    return day ? new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])).toISOString() : "";
  }
  const moment = new Date(value);
  if (Number.isNaN(moment.getTime())) return "";
  const clock = brusselsClock(moment);
  return new Date(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute).toISOString();
}

/** The chosen day as YYYY-MM-DD, or the chosen Brussels moment as an ISO timestamp; empty when cleared. */
function chosenValue(kind: DateKind, picked: string | null): string {
  if (!picked) return "";
  const local = new Date(picked);
  if (Number.isNaN(local.getTime())) return "";
  if (kind === "date") return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
  return brusselsMoment(local.getFullYear(), local.getMonth() + 1, local.getDate(), local.getHours(), local.getMinutes()).toISOString();
}

export interface DutchDatePickerProps {
  kind: DateKind;
  value: unknown;
  onChange: (value: string) => void;
  disabled?: boolean;
  /** The input's id, for a label's htmlFor. */
  id?: string;
}

/** Dutch, Monday first, typeable as dd/mm/jjjj (uu:mm), with a month and year choice for dates far back. */
export const DutchDatePicker: React.FC<DutchDatePickerProps> = ({ kind, value, onChange, disabled, id }) => (
  <DatePicker
    id={id}
    value={pickerValue(kind, value)}
    onChange={(picked) => onChange(chosenValue(kind, picked))}
    propertyType={kind}
    disabled={disabled}
    dateFormat={kind === "date" ? "dd/MM/yyyy" : "dd/MM/yyyy HH:mm"}
    placeholderText={kind === "date" ? "dd/mm/jjjj" : "dd/mm/jjjj uu:mm"}
    inputMask={{ mask: kind === "date" ? DAY_MASK : MOMENT_MASK } as never}
    locale={nl}
    calendarStartDay={1}
    showMonthDropdown
    showYearDropdown
    dropdownMode="select"
    timeInputLabel="Uur:"
    todayButton="Vandaag"
  />
);
