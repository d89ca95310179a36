import { createHash } from "node:crypto";
import { CardSystemError } from "../../../core/errors.js";

/** The posted form's fields (Express hands url-encoded forms on as text). */
export async function readForm(request: Request): Promise<URLSearchParams> {
  return new URLSearchParams(await request.text());
}

export interface Refusal {
  message: string;
  field?: string;
  status: number;
}

/**
 * Runs a form's work. A refused rule comes back as the message to show, and sets the page's status; anything
 * else is a real error and goes on to the error page.
 */
export async function refusalOf(response: { status?: number }, work: () => Promise<void>): Promise<Refusal | undefined> {
  try {
    await work();
    return undefined;
  } catch (error) {
    if (!(error instanceof CardSystemError)) throw error;
    response.status = error.status;
    return { message: error.message, field: error.field, status: error.status };
  }
}

/** Where to sign in and come back to `path` afterwards. */
export const signInPath = (path: string) => `/aanmelden?terug=${encodeURIComponent(path)}`;

/** Typed input as part of a rate-limit key: a digest of fixed length, whatever was typed (a NUL character, a book). */
export const attemptKey = (typed: string) => createHash("sha256").update(typed).digest("base64url");
