import React from "react";
import { ValueGroup } from "@adminjs/design-system";
import { useTranslation, type ShowPropertyProps } from "adminjs";
import { dateText } from "./date-text.js";

// Replaces AdminJS's DefaultDatetimeShowProperty.
const DateShow: React.FC<ShowPropertyProps> = ({ property, record }) => {
  const { translateProperty } = useTranslation();
  return <ValueGroup label={translateProperty(property.label, property.resourceId)}>{dateText(property.type, record.params?.[property.path])}</ValueGroup>;
};

export default DateShow;
