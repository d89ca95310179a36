import { CardSystemError } from "../../../core/errors.js";
import { eventOfSaveCode } from "../../../core/savecodes/check-in-with-save-code.js";
import type { PortalLocals } from "../../../portal/locals.js";

/**
 * The event whose point waits for the sign-in, when the visitor came from a printed QR code's address. Only a
 * signed QR code is looked up: a signed-out page must not tell which typed codes exist.
 */
export async function pendingSaveEventName(locals: PortalLocals, returnTo: string): Promise<string | undefined> {
  const code = /^\/sparen\/([A-Za-z0-9_-]{48})$/.exec(returnTo)?.[1];
  if (!code) return undefined;
  try {
    return (await eventOfSaveCode(locals.db.prisma, { secret: locals.config.qrSecret, code })).event.name;
  } catch (error) {
    if (error instanceof CardSystemError) return undefined;
    throw error;
  }
}
