import React from "react";
import { Box, CheckBox, FormGroup, FormMessage, Label, ValueGroup } from "@adminjs/design-system";
import { flat, PropertyLabel, useTranslation, type BasePropertyProps } from "adminjs";

// A list of choices (a counter's permission groups): one checkbox per choice in the form, their names joined on
// the show page and in the list.
const ChoiceList: React.FC<BasePropertyProps> = ({ property, record, resource, onChange, where }) => {
  const { tl, translateMessage, translateProperty } = useTranslation();
  const chosen = ((flat.get(record?.params ?? {}, property.path) as unknown[] | undefined) ?? []).map(String);
  const choices = (property.availableValues ?? []).map(({ value }) => ({ value: String(value), label: tl(`${property.path}.${value}`, resource.id, { defaultValue: String(value) }) }));
  const names = choices.filter((choice) => chosen.includes(choice.value)).map((choice) => choice.label).join(", ");

  if (where === "list") return <span>{names}</span>;
  if (where === "show") {
    return <ValueGroup label={translateProperty(property.label, resource.id)}>{names || translateMessage("listNone", resource.id)}</ValueGroup>;
  }
  const error = record?.errors?.[property.path];
  // The design system's checkbox also calls back for a click on its drawn box, an event without `checked`: flip.
  const toggle = (value: string) =>
    onChange?.(property.path, choices.map((choice) => choice.value).filter((candidate) => (candidate === value) !== chosen.includes(candidate)));
  return (
    <FormGroup error={!!error}>
      <PropertyLabel property={property} />
      {choices.map(({ value, label }) => {
        const id = `${property.path}-${value}`;
        return (
          <Box key={value} flex alignItems="center" mb="sm">
            <CheckBox id={id} name={property.path} value={value} checked={chosen.includes(value)} onChange={() => toggle(value)} />
            <Label inline htmlFor={id} ml="default" mb={0}>
              {label}
            </Label>
          </Box>
        );
      })}
      <FormMessage>{error?.message}</FormMessage>
    </FormGroup>
  );
};

export default ChoiceList;
