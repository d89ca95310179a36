import { readFile, rm } from "node:fs/promises";
import type { PrismaClient } from "@prisma/client";
import type { Action, ActionContext, ActionRequest, ActionResponse, RecordActionResponse } from "adminjs";
import { requestMetaOf } from "../audit-origin.js";
import { readCodeFile } from "../../core/advantages/code-file.js";
import { importAdvantageCodes } from "../../core/advantages/import-codes.js";
import { CardSystemError, isCardSystemError } from "../../core/errors.js";
import { accessibleFor } from "../access/permissions.js";
import { actingUser, mayChange, refusal } from "./record-action.js";

export const IMPORT_CODES_COMPONENT = "ImportCodes";
// A file of 100,000 codes of the longest kind stays below this.
export const MAX_CODE_FILE_BYTES = 12 * 1024 * 1024;

/** The uploaded file as express-formidable hands it on (formidable 1's File). */
interface UploadedFile {
  path: string;
  size: number;
  name?: string;
}

function uploadedFile(payload: Record<string, unknown> | undefined): UploadedFile | undefined {
  const file = payload?.file as Partial<UploadedFile> | undefined;
  return file && typeof file.path === "string" && typeof file.size === "number" ? (file as UploadedFile) : undefined;
}

async function codeFileText(file: UploadedFile | undefined): Promise<string> {
  if (!file) throw new CardSystemError("VALIDATION", { field: "file", message: "Kies een CSV-bestand met de codes." });
  try {
    if (file.size > MAX_CODE_FILE_BYTES) throw new CardSystemError("VALIDATION", { field: "file", message: "Het bestand is groter dan 12 MB: splits het op in kleinere bestanden." });
    return await readFile(file.path, "utf8");
  } finally {
    await rm(file.path, { force: true });
  }
}

/**
 * Omruilvoordeel → "Unieke codes importeren": a CSV upload, all or nothing through core's import. Only for an
 * advantage that uses unique codes, and for a municipal administrator only their own municipality's.
 */
export function importCodesAction(client: PrismaClient): Partial<Action<ActionResponse>> {
  const handler = async (request: ActionRequest, response: unknown, context: ActionContext): Promise<RecordActionResponse> => {
    const record = context.record!;
    const before = record.toJSON(context.currentAdmin);
    const file = uploadedFile(request.payload);
    if (request.method !== "post") return { record: before };
    try {
      const actor = await actingUser(client, context, "Advantage");
      const { codes, firstRow } = readCodeFile(await codeFileText(file));
      const result = await importAdvantageCodes(client, {
        advantageId: Number(record.id()),
        codes,
        firstRow,
        requireUniqueCodes: true,
        actor,
        request: requestMetaOf(request),
      });
      const message = `${result.imported} codes geïmporteerd. Dit voordeel heeft nu ${result.freeCodes} vrije codes.`;
      return { record: before, notice: { type: "success", message }, imported: result.imported, freeCodes: result.freeCodes };
    } catch (error) {
      if (file) await rm(file.path, { force: true });
      if (!isCardSystemError(error)) throw error;
      return { ...refusal(error, before), rows: error.details?.rows ?? [] };
    }
  };
  return {
    actionType: "record",
    icon: "Upload",
    component: IMPORT_CODES_COMPONENT,
    // Like editing the advantage: a municipal administrator only their own municipality's.
    isAccessible: accessibleFor("Advantage", "edit"),
    isVisible: ({ currentAdmin, record }) => mayChange("Advantage")({ currentAdmin }) && (!record || record.params.usesUniqueCodes === true),
    handler,
  };
}
