import { recordAudit } from "../audit/record-audit.js";
import { CardSystemError } from "../errors.js";
import { inTransaction, type Db } from "../transaction.js";
import { requireIntId } from "../validation/ids.js";

export const MAX_CODE_LENGTH = 100;

export interface ImportAdvantageCodesInput {
  advantageId: number;
  /** One code per row, as read from the uploaded file. */
  codes: string[];
  actor: string;
}

export interface CodeImportRowError {
  /** 1-based, as the administrator counts the rows of the file. */
  row: number;
  code: string;
  error: string;
}

export interface ImportAdvantageCodesResult {
  imported: number;
  /** Codes of this advantage not yet handed out, after the import. */
  freeCodes: number;
}

/**
 * Adds unique discount codes to an advantage (one code per redemption). All or nothing: when any row is
 * wrong, nothing is imported and every wrong row is reported, so the file can be fixed in one go.
 */
export async function importAdvantageCodes(db: Db, input: ImportAdvantageCodesInput): Promise<ImportAdvantageCodesResult> {
  const advantageId = requireIntId(input.advantageId, "advantageId", "ADVANTAGE_NOT_FOUND");
  const codes = (Array.isArray(input.codes) ? input.codes : []).map((code) => String(code ?? "").trim());
  if (codes.length === 0) throw new CardSystemError("VALIDATION", { field: "codes", message: "Het bestand bevat geen codes." });

  return inTransaction(db, async (tx) => {
    // Locking the advantage serialises imports of the same advantage, so "already exists" stays true until we insert.
    const locked = await tx.$queryRaw<{ id: number }[]>`SELECT "id" FROM "Advantage" WHERE "id" = ${advantageId} FOR UPDATE`;
    if (locked.length === 0) throw new CardSystemError("ADVANTAGE_NOT_FOUND", { field: "advantageId" });

    // Arrays as single parameters: a file of many thousands of codes stays one statement each way.
    const existing = await tx.$queryRaw<{ code: string }[]>`
      SELECT "code" FROM "AdvantageCode" WHERE "advantageId" = ${advantageId} AND "code" = ANY(${codes}::text[])`;
    const rows = rowErrors(codes, new Set(existing.map((row) => row.code)));
    if (rows.length > 0) {
      throw new CardSystemError("VALIDATION", {
        field: "codes",
        message: `${rows.length} van de ${codes.length} rijen zijn niet in orde; er werd niets geïmporteerd.`,
        details: { rows },
      });
    }

    await tx.$executeRaw`
      INSERT INTO "AdvantageCode" ("advantageId", "code") SELECT ${advantageId}, unnest(${codes}::text[])`;
    await tx.advantage.update({ where: { id: advantageId }, data: { usesUniqueCodes: true } });
    const freeCodes = await tx.advantageCode.count({ where: { advantageId, redemptionId: null } });
    await recordAudit(tx, { actor: input.actor, action: "advantage.import-codes", resource: "Advantage", recordId: advantageId, changes: { imported: codes.length, freeCodes } });
    return { imported: codes.length, freeCodes };
  });
}

function rowErrors(codes: string[], existing: Set<string>): CodeImportRowError[] {
  const firstRow = new Map<string, number>();
  const errors: CodeImportRowError[] = [];
  codes.forEach((code, index) => {
    const row = index + 1;
    const error = problemWith(code, firstRow.get(code), existing);
    if (error) errors.push({ row, code, error });
    if (!firstRow.has(code)) firstRow.set(code, row);
  });
  return errors;
}

function problemWith(code: string, earlierRow: number | undefined, existing: Set<string>): string | undefined {
  if (code.length === 0) return "Lege code.";
  if (code.length > MAX_CODE_LENGTH) return `De code is langer dan ${MAX_CODE_LENGTH} tekens.`;
  if (earlierRow !== undefined) return `Dubbele code: staat ook op rij ${earlierRow}.`;
  if (existing.has(code)) return "Deze code bestaat al voor dit voordeel.";
  return undefined;
}
