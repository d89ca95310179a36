import React from "react";
import { FormGroup, Label } from "@adminjs/design-system";
import { PropertyLabel, useTranslation, type FilterPropertyProps } from "adminjs";
import { brusselsDay, brusselsDayBounds } from "../../../core/time/calendar-date.js";
import { DutchDatePicker } from "./dutch-date-picker.js";

// Replaces AdminJS's DefaultDatetimeFilterProperty: "van" and "tot en met" are days. For a moment they stand
// for the first and last moment of that day in Brussels, so a day's check-ins are all found.
const DateFilter: React.FC<FilterPropertyProps> = ({ property, filter, onChange }) => {
  const { translateProperty } = useTranslation();
  const isDay = property.type === "date";
  const bound = (side: "from" | "to") => {
    const key = `${property.path}~~${side}`;
    const value = filter[key];
    const day = typeof value === "string" && value ? (isDay ? value.slice(0, 10) : brusselsDay(new Date(value))) : "";
    const choose = (chosen: string) => onChange(key, !chosen || isDay ? chosen : brusselsDayBounds(chosen)[side].toISOString());
    return (
      <>
        <Label mt={side === "to" ? "default" : undefined}>{`- ${translateProperty(side)}: `}</Label>
        <DutchDatePicker kind="date" value={day} onChange={choose} />
      </>
    );
  };
  return (
    <FormGroup variant="filter">
      <PropertyLabel property={property} filter />
      {bound("from")}
      {bound("to")}
    </FormGroup>
  );
};

export default DateFilter;
