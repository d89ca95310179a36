/** What an uploaded file of unique codes holds: the codes in file order and the file row of the first one. */
export interface CodeFile {
  codes: string[];
  /** 1-based row of `codes[0]` in the file: 2 when the file starts with a header. */
  firstRow: number;
}

// A first row with one of these words is a column title, not a code.
const HEADERS = new Set(["code", "codes", "kortingscode", "kortingscodes", "unieke code", "unieke codes", "couponcode"]);

/**
 * Reads a CSV file of codes, one per row (the first column; Excel's `;`, `,` or a tab separate further ones).
 * Quoted values may hold a separator. Empty rows at the end are ignored; empty rows in between are kept, so
 * the import reports them with their row number.
 */
export function readCodeFile(text: string): CodeFile {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  while (lines.length > 0 && lines.at(-1)!.trim() === "") lines.pop();
  const values = lines.map(firstField);
  const hasHeader = values.length > 0 && HEADERS.has(values[0]!.trim().toLowerCase());
  return hasHeader ? { codes: values.slice(1), firstRow: 2 } : { codes: values, firstRow: 1 };
}

function firstField(line: string): string {
  if (!line.startsWith('"')) return line.split(/[;,\t]/, 1)[0]!;
  let value = "";
  for (let i = 1; i < line.length; i += 1) {
    if (line[i] !== '"') value += line[i];
    else if (line[i + 1] === '"') (value += '"'), (i += 1);
    else break;
  }
  return value;
}
