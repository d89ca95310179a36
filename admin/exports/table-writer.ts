import { once } from "node:events";
import type { Writable } from "node:stream";
import ExcelJS from "exceljs";

/** One cell of an export: text, a number (amounts in euro, points), or empty. */
export type Cell = string | number | null;
export type ExportFormat = "csv" | "xlsx";

/** Writes a table to a stream row by row, so an export never holds all its rows in memory. */
export interface TableWriter {
  rows(rows: Cell[][]): Promise<void>;
  end(): Promise<void>;
}

export const contentTypes: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

export function tableWriter(format: ExportFormat, out: Writable, sheetName: string, headers: string[]): TableWriter {
  return format === "csv" ? csvWriter(out, headers) : xlsxWriter(out, sheetName, headers);
}

// A cell starting with one of these is a formula to Excel: "=HYPERLINK(…)" typed in as a name would run.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell as Excel (nl-BE) reads it: `;` between cells, a decimal comma, quotes only where needed. */
export function csvCell(value: Cell): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value).replace(".", ",");
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, "drain");
}

// UTF-8 with a byte order mark, the one sign by which Excel recognises UTF-8 in a CSV file.
function csvWriter(out: Writable, headers: string[]): TableWriter {
  const line = (cells: Cell[]) => `${cells.map(csvCell).join(";")}\r\n`;
  let started = false;
  const start = async () => {
    if (started) return;
    started = true;
    await write(out, `\uFEFF${line(headers)}`);
  };
  return {
    rows: async (rows) => {
      await start();
      if (rows.length > 0) await write(out, rows.map(line).join(""));
    },
    end: async () => {
      await start();
      out.end();
    },
  };
}

function xlsxWriter(out: Writable, sheetName: string, headers: string[]): TableWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = headers.map((header) => ({ header, width: Math.max(12, header.length + 2) }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  return {
    rows: async (rows) => {
      for (const row of rows) sheet.addRow(row).commit();
    },
    end: async () => {
      sheet.commit();
      await workbook.commit();
    },
  };
}
