import React, { useState } from "react";
import { FormGroup, FormMessage, SelectAsync as SingleSelectAsync, ValueGroup } from "@adminjs/design-system";
import { ApiClient, flat, PropertyLabel, useTranslation, type BasePropertyProps } from "adminjs";

type Option = { value: string; label: string };

// The design system's SelectAsync is react-select's, typed for one value only; it takes isMulti as react-select does.
const SelectAsync = SingleSelectAsync as unknown as React.FC<Omit<React.ComponentProps<typeof SingleSelectAsync>, "isMulti" | "value"> & { isMulti: true; value: Option[] }>;

// A list of rows of another resource (an advantage's counters): a searchable multi-select in the form, the names on
// the show page. An empty list reads as "all" (custom.whenEmpty).
const ReferenceList: React.FC<BasePropertyProps> = ({ property, record, resource, onChange, where }) => {
  const { translateMessage, translateProperty } = useTranslation();
  const ids = ((flat.get(record?.params ?? {}, property.path) as unknown[] | undefined) ?? []).map(String);
  // Names of rows picked in this form; the others come with the record, except those the user may not see.
  const [names, setNames] = useState<Record<string, string>>({});
  const read = Object.entries(record?.populated ?? {}).filter(([key, row]) => key.startsWith(`${property.path}.`) && row);
  const readNames: Record<string, string> = Object.fromEntries(read.map(([, row]) => [String(row!.id), row!.title]));
  const nameOf = (id: string) => names[id] ?? readNames[id] ?? translateMessage("listOutOfReach", resource.id);
  const chosen: Option[] = ids.map((id) => ({ value: id, label: nameOf(id) }));
  const whenEmpty = translateMessage((property.custom as { whenEmpty?: string } | undefined)?.whenEmpty ?? "listNone", resource.id);

  if (where === "show") {
    return <ValueGroup label={translateProperty(property.label, resource.id)}>{chosen.length ? chosen.map((option) => option.label).join(", ") : whenEmpty}</ValueGroup>;
  }
  const error = record?.errors?.[property.path];
  const loadOptions = async (query: string): Promise<Option[]> =>
    (await new ApiClient().searchRecords({ resourceId: property.reference!, query })).map((found) => ({ value: String(found.id), label: found.title }));
  const change = (picked: readonly Option[] | null) => {
    setNames({ ...names, ...Object.fromEntries((picked ?? []).map((option) => [option.value, option.label])) });
    onChange?.(property.path, (picked ?? []).map((option) => option.value));
  };
  return (
    <FormGroup error={!!error}>
      <PropertyLabel property={property} />
      <SelectAsync
        isMulti
        cacheOptions
        defaultOptions
        inputId={property.path}
        value={chosen}
        loadOptions={loadOptions}
        onChange={change}
        placeholder={translateMessage("listPick", resource.id)}
        noOptionsMessage={() => translateMessage("listNoOptions", resource.id)}
        isDisabled={property.isDisabled}
      />
      <FormMessage>{error?.message}</FormMessage>
    </FormGroup>
  );
};

export default ReferenceList;
