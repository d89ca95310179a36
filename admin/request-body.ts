import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse as parseQuery } from "node:querystring";
import busboy from "busboy";
import type { Request, RequestHandler, Response } from "express";
import { MAX_AGREEMENT_BYTES } from "../core/providers/upload-agreement.js";
import { MAX_CODE_FILE_BYTES } from "./actions/import-codes-action.js";

/** Forms that take a file: the record action, its file field and that field's limit. */
const FILE_FIELDS: Record<string, { field: string; maxBytes: number; tooLarge: string }> = {
  importCodes: { field: "file", maxBytes: MAX_CODE_FILE_BYTES, tooLarge: "Het bestand is groter dan 12 MB: splits het op in kleinere bestanden." },
  uploadAgreement: { field: "agreement", maxBytes: MAX_AGREEMENT_BYTES, tooLarge: "De overeenkomst moet een pdf, png of jpg zijn van hoogstens 10 MB." },
};

/** Every form of the backoffice fits, with room for a long description or mail text. */
const MAX_FORM_BYTES = 2 * 1024 * 1024;
const MAX_LOGIN_BYTES = 8 * 1024;
const MAX_FIELDS = 1000;
const MAX_DEPTH = 16;
/** Names that would reach an object's prototype when AdminJS turns "a.b" field names into objects. */
export const isForbiddenKey = (name: string) => name === "__proto__" || name === "constructor" || name === "prototype";

/** A file as the actions read it (the shape express-formidable handed on: formidable 1's File). */
export interface UploadedFile {
  path: string;
  size: number;
  name: string;
  type: string;
}

const UNREADABLE = "De gegevens van dit formulier zijn onleesbaar. Laad de pagina opnieuw en probeer het nog eens.";
const WRONG_TYPE = "Dit soort aanvraag neemt de backoffice niet aan: verstuur het formulier vanuit de backoffice zelf.";
const TOO_LARGE = "Dit formulier is te groot om te versturen.";
const BAD_FIELD = "Dit formulier bevat een veld dat niet bestaat.";
const NO_FILE = "Dit formulier neemt geen bestand aan.";
const ONE_FILE = "Kies één bestand.";

class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/**
 * Reads the backoffice's request bodies in place of AdminJS's own parser (express-formidable, which then steps
 * aside): before the login check nothing is read but the login form; after it, url-encoded and JSON forms within
 * a size, depth and field-name limit, and a file only in a form's own file field, within that field's limit.
 * Temp files are removed when the answer is done, whatever happened. Goes after the session and CSRF checks.
 */
export function requestBody({ loginPath }: { loginPath: string }): RequestHandler {
  return (req, res, next) => {
    const done = (fields: Record<string, unknown>, files: Record<string, UploadedFile> = {}) => {
      Object.assign(req, { fields, files, express_formidable: { parsed: true } });
      next();
    };
    // Already read by the CSRF check (a plain form post with its token field): its names are checked all the same.
    if ((req as { express_formidable?: { parsed?: boolean } }).express_formidable?.parsed) {
      try {
        checkedFields((req as { fields?: object }).fields ?? {});
        return next();
      } catch (error) {
        return error instanceof Refusal ? answer(req, res, error) : next(error);
      }
    }
    if (!hasBody(req)) return done({});
    const signedIn = !!req.session?.adminUser;
    const isLogin = req.method === "POST" && req.path === loginPath;
    // A visitor who is not signed in is sent to the login page by AdminJS; the body stays unread.
    if (!signedIn && !isLogin) return done({});
    const type = (req.get("content-type") ?? "").toLowerCase();
    const read = async (): Promise<void> => {
      if (req.is("application/x-www-form-urlencoded")) return done(checkedFields({ ...parseQuery(await readText(req, isLogin ? MAX_LOGIN_BYTES : MAX_FORM_BYTES), "&", "=", { maxKeys: MAX_FIELDS }) }));
      if (isLogin) throw new Refusal(415, WRONG_TYPE);
      if (req.is("application/json")) return done(checkedFields(parseJson(await readText(req, MAX_FORM_BYTES))));
      if (type.startsWith("multipart/form-data")) {
        const { fields, files } = await readMultipart(req, res, recordActionOf(req.path));
        return done(checkedFields(fields), files);
      }
      throw new Refusal(415, WRONG_TYPE);
    };
    read().catch((error: unknown) => {
      if (!(error instanceof Refusal)) return next(error);
      answer(req, res, error);
    });
  };
}

function hasBody(req: Request): boolean {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return false;
  return req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0;
}

function recordActionOf(requestPath: string): string | undefined {
  return /^\/api\/resources\/[^/]+\/records\/[^/]+\/([^/]+)$/.exec(requestPath)?.[1];
}

function answer(req: Request, res: Response, refusal: Refusal): void {
  // Node discards the rest of the body once the answer is sent.
  res.status(refusal.status);
  if (req.path.startsWith("/api/")) {
    const errors = refusal.field ? { [refusal.field]: { message: refusal.message, type: "upload" } } : {};
    res.json({ notice: { type: "error", message: refusal.message }, record: { params: {}, errors } });
    return;
  }
  res.type("html").send(`<!DOCTYPE html><html lang="nl"><meta charset="utf-8"><title>Geweigerd</title><p>${refusal.message}</p><p><a href="${req.baseUrl}">Terug naar de backoffice</a></p></html>`);
}

function readText(req: Request, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      req.off("data", onData);
      discardRest(req);
      reject(new Refusal(413, TOO_LARGE));
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** The rest of a refused body is read and dropped, so that the answer reaches a client still sending. */
function discardRest(req: Request): void {
  req.on("data", () => {});
  req.resume();
}

function parseJson(text: string): Record<string, unknown> {
  // Measured before parsing: JSON.parse takes any depth, and every later step walks it recursively.
  if (depthOf(text) > MAX_DEPTH) throw new Refusal(400, UNREADABLE);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Refusal(400, UNREADABLE);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Refusal(400, UNREADABLE);
  return value as Record<string, unknown>;
}

/** The deepest nesting of objects and arrays in a JSON text (outside strings). */
function depthOf(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 92) i++;
      else if (char === 34) inString = false;
    } else if (char === 34) inString = true;
    else if (char === 123 || char === 91) deepest = Math.max(deepest, ++depth);
    else if (char === 125 || char === 93) depth--;
  }
  return deepest;
}

/** Refuses field names (and JSON keys at any depth) that reach a prototype, too many fields, or too deep names. */
function checkedFields<T extends object>(fields: T): T {
  let count = 0;
  const check = (value: unknown, depth: number) => {
    if (typeof value !== "object" || value === null) return;
    for (const key of Object.keys(value)) {
      if (++count > MAX_FIELDS) throw new Refusal(413, TOO_LARGE);
      const parts = key.split(".");
      if (parts.length > MAX_DEPTH || parts.some(isForbiddenKey)) throw new Refusal(400, BAD_FIELD);
      check((value as Record<string, unknown>)[key], depth + 1);
    }
  };
  check(fields, 0);
  return fields;
}

/** A multipart form: fields in memory, a file streamed to the temp folder only in the action's own file field. */
function readMultipart(req: Request, res: Response, action: string | undefined): Promise<{ fields: Record<string, string>; files: Record<string, UploadedFile> }> {
  const accepts = action !== undefined && Object.hasOwn(FILE_FIELDS, action) ? FILE_FIELDS[action]! : undefined;
  const fields: Record<string, string> = Object.create(null);
  const files: Record<string, UploadedFile> = {};
  const written: string[] = [];
  const cleanUp = () => void Promise.all(written.map((file) => rm(file, { force: true })));
  // Removed when the answer is done (or the client went away), whether the action read it or not.
  res.on("close", cleanUp);
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { fieldSize: MAX_FORM_BYTES, fields: MAX_FIELDS, files: 1, fileSize: accepts?.maxBytes ?? 0, parts: MAX_FIELDS + 1 },
      });
    } catch {
      return reject(new Refusal(400, UNREADABLE));
    }
    let settled = false;
    let pending = 0;
    let ended = false;
    const fail = (refusal: Refusal) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      discardRest(req);
      cleanUp();
      reject(refusal);
    };
    const finish = () => {
      if (!settled && ended && pending === 0) {
        settled = true;
        resolve({ fields: { ...fields }, files });
      }
    };
    parser.on("field", (name, value, info) => {
      if (info.valueTruncated) return fail(new Refusal(413, TOO_LARGE));
      fields[name] = value;
    });
    parser.on("file", (name, stream, info) => {
      if (!accepts) return stream.resume(), fail(new Refusal(400, NO_FILE));
      if (name !== accepts.field) return stream.resume(), fail(new Refusal(400, NO_FILE));
      const file = path.join(tmpdir(), `upload_${randomBytes(16).toString("hex")}`);
      written.push(file);
      pending++;
      let size = 0;
      const out = createWriteStream(file, { flags: "wx", mode: 0o600 });
      stream.on("data", (chunk: Buffer) => (size += chunk.length));
      stream.on("limit", () => {
        out.destroy();
        fail(new Refusal(413, accepts.tooLarge, accepts.field));
      });
      out.on("error", () => fail(new Refusal(400, UNREADABLE)));
      out.on("close", () => {
        pending--;
        files[name] = { path: file, size, name: info.filename ?? "", type: info.mimeType };
        finish();
      });
      stream.pipe(out);
    });
    parser.on("filesLimit", () => fail(new Refusal(400, ONE_FILE, accepts?.field)));
    parser.on("fieldsLimit", () => fail(new Refusal(413, TOO_LARGE)));
    parser.on("partsLimit", () => fail(new Refusal(413, TOO_LARGE)));
    parser.on("error", () => fail(new Refusal(400, UNREADABLE)));
    parser.on("close", () => {
      ended = true;
      finish();
    });
    req.on("aborted", () => fail(new Refusal(400, UNREADABLE)));
    req.pipe(parser);
  });
}
