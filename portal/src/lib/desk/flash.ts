import { CardSystemError } from "../../../../core/errors.js";
import type { DeskFlash, DeskLocals } from "../../../../desk/locals.js";
import { refusalLines } from "./refusal-words.js";

/** The message for this page, shown once. */
export function takeFlash(locals: DeskLocals): DeskFlash | undefined {
  const flash = locals.session.deskFlash;
  if (flash) locals.session.deskFlash = undefined;
  return flash;
}

export type Outcome = { done: true } | { done: false; refusal: DeskFlash; status: number; field?: string };

/**
 * Runs one desk action. Done: its message waits in the session for the page the caller redirects to
 * (post/redirect/get: a reload never acts twice). Refused: the Dutch refusal and its status, for the page to show
 * as it was. Anything else is a real error.
 */
export async function act(locals: DeskLocals, refusedTitle: string, work: () => Promise<DeskFlash>): Promise<Outcome> {
  try {
    locals.session.deskFlash = await work();
    return { done: true };
  } catch (error) {
    if (!(error instanceof CardSystemError)) throw error;
    return { done: false, refusal: { kind: "error", title: refusedTitle, lines: refusalLines(error) }, status: error.status, field: error.field };
  }
}
