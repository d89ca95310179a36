import React from "react";
import { ValueGroup } from "@adminjs/design-system";
import { useTranslation, type BasePropertyProps } from "adminjs";
import { formatEuro } from "../../../core/money.js";

const amountOf = (value: unknown) => (value === null || value === undefined || value === "" ? "" : formatEuro(Number(value)));

export const MoneyShow: React.FC<BasePropertyProps> = ({ property, record, where }) => {
  const { translateProperty } = useTranslation();
  const amount = amountOf(record?.params?.[property.path]);
  if (where === "list") return <span style={{ whiteSpace: "nowrap" }}>{amount}</span>;
  return <ValueGroup label={translateProperty(property.label, property.resourceId)}>{amount}</ValueGroup>;
};

export default MoneyShow;
