import React from "react";
import { FormGroup, FormMessage } from "@adminjs/design-system";
import { PropertyLabel, useTranslation, type EditPropertyProps } from "adminjs";
import { DutchDatePicker } from "./dutch-date-picker.js";

// Replaces AdminJS's date and date-time field (DefaultDatetimeEditProperty) on every form.
const DateEdit: React.FC<EditPropertyProps> = ({ property, onChange, record }) => {
  const { tm } = useTranslation();
  const error = record.errors?.[property.path];
  return (
    <FormGroup error={!!error}>
      <PropertyLabel property={property} />
      <DutchDatePicker
        kind={property.type === "date" ? "date" : "datetime"}
        value={record.params?.[property.path]}
        disabled={property.isDisabled}
        onChange={(value) => onChange(property.path, value)}
      />
      <FormMessage>{error && tm(error.message, property.resourceId)}</FormMessage>
    </FormGroup>
  );
};

export default DateEdit;
