import React, { useState } from "react";
import { FormGroup, FormMessage, Input } from "@adminjs/design-system";
import { PropertyLabel, useTranslation, type EditPropertyProps } from "adminjs";
import { formatEuro, parseEuro } from "../../../core/money.js";

// An amount kept in eurocent, typed in euro ("3,50"). What cannot be read as an amount is sent as typed, so the
// server refuses it next to the field.
const MoneyEdit: React.FC<EditPropertyProps> = ({ property, onChange, record }) => {
  const { tm } = useTranslation();
  const stored = record.params?.[property.path];
  const [text, setText] = useState(() => (stored === null || stored === undefined || stored === "" ? "" : formatEuro(Number(stored)).replace("€ ", "")));
  const error = record.errors?.[property.path];
  const typed = (value: string) => {
    setText(value);
    const cents = parseEuro(value);
    onChange(property.path, value.trim() === "" ? "" : cents === undefined ? value : String(cents));
  };
  const unreadable = text.trim() !== "" && parseEuro(text) === undefined;
  return (
    <FormGroup error={!!error || unreadable}>
      <PropertyLabel property={property} />
      <Input
        id={property.path}
        inputMode="decimal"
        placeholder="bv. 3,50"
        value={text}
        disabled={property.isDisabled}
        onChange={(event: React.ChangeEvent<HTMLInputElement>) => typed(event.target.value)}
        style={{ maxWidth: 200 }}
      />
      <FormMessage>{error ? tm(error.message, property.resourceId) : unreadable ? "Typ een bedrag in euro, bv. 3,50." : null}</FormMessage>
    </FormGroup>
  );
};

export default MoneyEdit;
