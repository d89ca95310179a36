import React from "react";
import type { ShowPropertyProps } from "adminjs";
import { dateText } from "./date-text.js";

// Replaces AdminJS's DefaultDatetimeListProperty.
const DateList: React.FC<ShowPropertyProps> = ({ property, record }) => (
  <span style={{ whiteSpace: "nowrap" }}>{dateText(property.type, record.params?.[property.path])}</span>
);

export default DateList;
