import type { Actor, RequestMeta } from "../access/actor.js";
import { mayActInMunicipality } from "../access/authorize.js";
import { recordAudit } from "../audit/record-audit.js";
import { CardSystemError } from "../errors.js";
import { inTransaction, type Db } from "../transaction.js";
import { requireIntId } from "../validation/ids.js";

export const MAX_CODE_LENGTH = 100;
/** One file at most; a larger stock is imported in several files. */
export const MAX_CODES_PER_FILE = 100_000;
// Rows per INSERT statement, all inside the one transaction.
const INSERT_BATCH = 5_000;

export interface ImportAdvantageCodesInput {
  advantageId: number;
  /** One code per row, as read from the uploaded file. */
  codes: string[];
  /** Row of the first code in the file (2 when the file has a header), for the error report. */
  firstRow?: number;
  /** Refuse an advantage that does not use unique codes instead of switching it on (the backoffice's import). */
  requireUniqueCodes?: boolean;
  /** A municipal administrator imports for their own municipality's advantages only. */
  actor: Actor;
  request?: RequestMeta;
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
  if (codes.length > MAX_CODES_PER_FILE) {
    throw new CardSystemError("VALIDATION", { field: "codes", message: `Het bestand bevat meer dan ${MAX_CODES_PER_FILE.toLocaleString("nl-BE")} codes: splits het op in kleinere bestanden.` });
  }
  const firstRow = Number.isSafeInteger(input.firstRow) && input.firstRow! > 0 ? input.firstRow! : 1;

  return inTransaction(db, async (tx) => {
    // Locking the advantage serialises imports of the same advantage, so "already exists" stays true until we insert.
    const locked = await tx.$queryRaw<{ usesUniqueCodes: boolean; ownerMunicipalityId: number | null }[]>`
      SELECT "usesUniqueCodes", "ownerMunicipalityId" FROM "Advantage" WHERE "id" = ${advantageId} FOR UPDATE`;
    const advantage = locked[0];
    if (!advantage || !mayActInMunicipality(input.actor, advantage.ownerMunicipalityId)) {
      throw new CardSystemError("ADVANTAGE_NOT_FOUND", { field: "advantageId" });
    }
    if (input.requireUniqueCodes && !advantage.usesUniqueCodes) throw new CardSystemError("ADVANTAGE_NO_UNIQUE_CODES", { field: "advantageId" });

    // The codes as one array parameter: checking a file of many thousands of codes is one statement. A code with
    // a NUL character cannot even be compared in PostgreSQL; problemWith names it.
    const comparable = codes.filter((code) => !code.includes("\u0000"));
    const existing = await tx.$queryRaw<{ code: string }[]>`
      SELECT "code" FROM "AdvantageCode" WHERE "advantageId" = ${advantageId} AND "code" = ANY(${comparable}::text[])`;
    const rows = rowErrors(codes, firstRow, new Set(existing.map((row) => row.code)));
    if (rows.length > 0) {
      throw new CardSystemError("VALIDATION", {
        field: "codes",
        message: `${rows.length} van de ${codes.length} rijen zijn niet in orde; er werd niets geïmporteerd.`,
        details: { rows },
      });
    }

    for (let start = 0; start < codes.length; start += INSERT_BATCH) {
      const batch = codes.slice(start, start + INSERT_BATCH);
      await tx.$executeRaw`INSERT INTO "AdvantageCode" ("advantageId", "code") SELECT ${advantageId}, unnest(${batch}::text[])`;
    }
    if (!advantage.usesUniqueCodes) await tx.advantage.update({ where: { id: advantageId }, data: { usesUniqueCodes: true } });
    const freeCodes = await tx.advantageCode.count({ where: { advantageId, redemptionId: null } });
    await recordAudit(tx, { actor: input.actor, action: "advantage.import-codes", resource: "Advantage", recordId: advantageId, changes: { imported: codes.length, freeCodes }, request: input.request });
    return { imported: codes.length, freeCodes };
  });
}

function rowErrors(codes: string[], firstRow: number, existing: Set<string>): CodeImportRowError[] {
  const seenOnRow = new Map<string, number>();
  const errors: CodeImportRowError[] = [];
  codes.forEach((code, index) => {
    const row = firstRow + index;
    const error = problemWith(code, seenOnRow.get(code), existing);
    if (error) errors.push({ row, code, error });
    if (!seenOnRow.has(code)) seenOnRow.set(code, row);
  });
  return errors;
}

function problemWith(code: string, earlierRow: number | undefined, existing: Set<string>): string | undefined {
  if (code.length === 0) return "Lege code.";
  if (code.length > MAX_CODE_LENGTH) return `De code is langer dan ${MAX_CODE_LENGTH} tekens.`;
  if (code.includes("\u0000")) return "De code bevat een onzichtbaar teken (NUL).";
  if (earlierRow !== undefined) return `Dubbele code: staat ook op rij ${earlierRow}.`;
  if (existing.has(code)) return "Deze code bestaat al voor dit voordeel.";
  return undefined;
}
