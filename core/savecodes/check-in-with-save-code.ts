import { checkIn, type CheckInResult } from "../checkins/check-in.js";
import { windowState } from "../checkins/checkin-window.js";
import { CardSystemError } from "../errors.js";
import type { Db } from "../transaction.js";
import { verifySaveCode } from "./save-code.js";

export interface SaveCodeCheckInInput {
  secret: string;
  /** The code itself, or the whole /sparen/<code> address a scanner read. */
  code: string;
  passholderId: string;
  at?: Date;
}

/** A passholder scans an event's QR save-code: a check-in by the very same rules as at a counter or pillar. */
export async function checkInWithSaveCode(db: Db, input: SaveCodeCheckInInput): Promise<CheckInResult> {
  const at = input.at ?? new Date();
  const code = String(input.code ?? "").trim().split("/sparen/").pop()!.split(/[?#]/)[0]!;
  const claims = verifySaveCode(input.secret, code);
  const event = await db.event.findUnique({ where: { id: claims.eventId }, include: { cardSystem: true } });
  if (!event) throw new CardSystemError("SAVE_CODE_INVALID", { field: "code" });
  if (event.saveCodeVersion !== claims.version || event.cancelled || windowState(event, event.cardSystem, at) === "EXPIRED") {
    throw new CardSystemError("SAVE_CODE_EXPIRED", { field: "code" });
  }
  return checkIn(db, { eventId: event.id, event, passholderId: input.passholderId, channel: "QR", at, actor: "pashouder (QR-code)" });
}
