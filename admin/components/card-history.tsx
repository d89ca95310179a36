import React, { useEffect, useState } from "react";
import { Badge, Box, H3, MessageBox, Table, TableBody, TableCell, TableHead, TableRow, Text } from "@adminjs/design-system";
import { ApiClient, useTranslation, type ActionProps } from "adminjs";
import type { CardHistoryRow as Row } from "../actions/card-history-action.js";

const statusColour: Record<string, "success" | "danger" | "secondary"> = { ACTIVE: "success", BLOCKED: "danger", REPLACED: "secondary" };

// Pashouder → "Kaarthistoriek": every card the passholder had, newest first, as a table that stays on screen.
const CardHistory: React.FC<ActionProps> = ({ record, resource, action }) => {
  const { translateMessage } = useTranslation();
  const [rows, setRows] = useState<Row[] | null>(null);
  useEffect(() => {
    if (!record) return;
    new ApiClient()
      .recordAction({ resourceId: resource.id, recordId: String(record.id), actionName: action.name })
      .then((response) => setRows((response.data as { cards?: Row[] }).cards ?? []))
      .catch(() => setRows([]));
  }, [record?.id]);
  if (!record) return null;
  const header = ["cardHistoryNumber", "cardHistoryStatus", "cardHistoryReason", "cardHistoryPeriod", "cardHistoryCounter"];
  return (
    <Box variant="container" p="xl" data-testid="card-history">
      <H3>{record.title}</H3>
      {rows && rows.length === 0 && <MessageBox variant="info">{translateMessage("cardHistoryNone", resource.id)}</MessageBox>}
      {rows && rows.length > 0 && (
        <Table>
          <TableHead>
            <TableRow>
              {header.map((key) => (
                <TableCell key={key}>{translateMessage(key, resource.id)}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.number} data-testid="card-history-row">
                <TableCell style={{ whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" }}>{row.number}</TableCell>
                <TableCell>
                  <Badge variant={statusColour[row.status] ?? "secondary"} outline={row.status === "REPLACED"}>{row.statusLabel}</Badge>
                  {row.blockReason && <Text mt="sm">{row.blockReason}</Text>}
                </TableCell>
                <TableCell>{row.reason}</TableCell>
                <TableCell style={{ whiteSpace: "nowrap" }}>
                  {row.from} – {row.until || translateMessage("cardHistoryNow", resource.id)}
                </TableCell>
                <TableCell>{row.counter ?? ""}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
};

export default CardHistory;
