import type { SettlementRow } from "../../core/reports/kansentarief-settlement.js";
import { euro } from "./cell-format.js";
import type { Cell } from "./table-writer.js";

interface Column {
  header: string;
  value: (row: SettlementRow) => Cell;
  /** Summed in the total row: the number, and how the sum is shown. */
  total?: { of: (row: SettlementRow) => number; shown: (sum: number) => Cell };
}

const money = (header: string, cents: (row: SettlementRow) => number): Column => ({
  header,
  value: (row) => euro(cents(row)),
  total: { of: cents, shown: euro },
});

const columns: Column[] = [
  { header: "Gemeente", value: (r) => r.municipality },
  { header: "Balie", value: (r) => r.counterName },
  { header: "IBAN", value: (r) => r.iban ?? "ontbreekt" },
  { header: "Tickets", value: (r) => r.tickets, total: { of: (r) => r.tickets, shown: (sum) => sum } },
  { header: "Verdeelsleutel (deelnemer/organisator/gemeente %)", value: (r) => r.distributionKeys },
  money("Gewone prijs (€)", (r) => r.regularCents),
  money("Betaald door deelnemers (€)", (r) => r.paidByParticipantsCents),
  money("Aandeel deelnemer volgens sleutel (€)", (r) => r.participantShareCents),
  money("Aandeel organisator (€)", (r) => r.organiserShareCents),
  money("Te betalen door de gemeente aan de balie (€)", (r) => r.municipalityShareCents),
];

export interface SettlementTable {
  headers: string[];
  rows: Cell[][];
}

/** The settlement as a table, the same on screen and in the files: one row per counter, then the total. */
export function settlementTable(rows: SettlementRow[]): SettlementTable {
  const total = columns.map((column, index): Cell => {
    if (index === 0) return "Totaal";
    return column.total ? column.total.shown(rows.reduce((sum, row) => sum + column.total!.of(row), 0)) : null;
  });
  return {
    headers: columns.map((column) => column.header),
    rows: [...rows.map((row) => columns.map((column) => column.value(row))), ...(rows.length > 0 ? [total] : [])],
  };
}
