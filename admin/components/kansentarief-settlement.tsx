import React, { useState } from "react";
import { Box, Button, FormGroup, Icon, Label, MessageBox, Table, TableBody, TableCell, TableHead, TableRow, Text } from "@adminjs/design-system";
import { ApiClient, useTranslation, type ActionProps } from "adminjs";
import { DutchDatePicker } from "./dates/dutch-date-picker.js";

type Cell = string | number | null;

interface Answer {
  table?: { headers: string[]; rows: Cell[][] };
  downloads?: { csv: string; xlsx: string };
  notice?: { message: string };
}

const money = new Intl.NumberFormat("nl-BE", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const shown = (header: string, value: Cell) => (typeof value === "number" && header.includes("€") ? money.format(value) : (value ?? ""));

// The first and last day of last month: the period a settlement is usually drawn up for.
function lastMonth(): { from: string; to: string } {
  const today = new Date();
  const first = new Date(Date.UTC(today.getFullYear(), today.getMonth() - 1, 1));
  const last = new Date(Date.UTC(today.getFullYear(), today.getMonth(), 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}

// Toegekende kansentarieven → "Financiële afrekening": pick a period, see the settlement per counter, download it.
const KansentariefSettlement: React.FC<ActionProps> = ({ resource, action }) => {
  const { translateMessage } = useTranslation();
  const [period, setPeriod] = useState(lastMonth);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const response = await new ApiClient().resourceAction({ resourceId: resource.id, actionName: action.name, params: period } as Parameters<ApiClient["resourceAction"]>[0]);
      setAnswer(response.data as Answer);
    } finally {
      setBusy(false);
    }
  };
  const table = answer?.table;
  return (
    <Box as="form" variant="container" p="xl" onSubmit={submit} data-testid="settlement-form">
      <Text mb="lg">{translateMessage("settlementIntro")}</Text>
      <Box flex flexDirection="row" style={{ gap: 16, flexWrap: "wrap" }}>
        <FormGroup>
          <Label htmlFor="from" required>{translateMessage("settlementFrom")}</Label>
          <DutchDatePicker id="from" kind="date" value={period.from} onChange={(from) => setPeriod({ ...period, from })} />
        </FormGroup>
        <FormGroup>
          <Label htmlFor="to" required>{translateMessage("settlementTo")}</Label>
          <DutchDatePicker id="to" kind="date" value={period.to} onChange={(to) => setPeriod({ ...period, to })} />
        </FormGroup>
      </Box>
      <Button type="submit" variant="contained" disabled={busy} mb="lg" data-testid="settlement-submit">{translateMessage("settlementShow")}</Button>
      {answer?.notice && <MessageBox variant="danger" mb="lg">{answer.notice.message}</MessageBox>}
      {table && table.rows.length === 0 && <MessageBox variant="info" mb="lg">{translateMessage("settlementEmpty")}</MessageBox>}
      {table && table.rows.length > 0 && (
        <Box style={{ overflowX: "auto" }} mb="lg">
          <Table data-testid="settlement-table">
            <TableHead>
              <TableRow>{table.headers.map((header) => <TableCell key={header}>{header}</TableCell>)}</TableRow>
            </TableHead>
            <TableBody>
              {table.rows.map((row, index) => (
                <TableRow key={index} style={index === table.rows.length - 1 ? { fontWeight: "bold" } : undefined}>
                  {row.map((value, column) => <TableCell key={column}>{shown(table.headers[column]!, value)}</TableCell>)}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
      {answer?.downloads && table && table.rows.length > 0 && (
        <Box flex flexDirection="row" style={{ gap: 12, flexWrap: "wrap" }}>
          <Button as="a" href={answer.downloads.csv} download variant="outlined" data-testid="settlement-csv">
            <Icon icon="Download" />
            {translateMessage("exportCsv")}
          </Button>
          <Button as="a" href={answer.downloads.xlsx} download variant="outlined" data-testid="settlement-xlsx">
            <Icon icon="Download" />
            {translateMessage("exportXlsx")}
          </Button>
        </Box>
      )}
    </Box>
  );
};

export default KansentariefSettlement;
