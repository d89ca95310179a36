import { passholderActor, type Actor, type RequestMeta } from "../access/actor.js";
import { checkIn, type CheckInResult } from "../checkins/check-in.js";
import { readCheckinEvent, type CheckinEvent } from "../checkins/checkin-event.js";
import { windowState } from "../checkins/checkin-window.js";
import { CardSystemError } from "../errors.js";
import type { Db } from "../transaction.js";
import { looksTyped, normalizeManualCode } from "./manual-code.js";
import { verifySaveCode } from "./save-code.js";

export interface SaveCodeInput {
  secret: string;
  /** The signed QR code, the whole /sparen/<code> address a scanner read, or the event's code to type. */
  code: string;
}

export interface SaveCodeCheckInInput extends SaveCodeInput {
  /** The signed-in passholder, saving for themself. */
  actor: Actor;
  request?: RequestMeta;
  at?: Date;
}

export interface SaveCodeEvent {
  event: CheckinEvent;
  /** Found by its code to type rather than by the signed QR code. */
  typed: boolean;
}

/**
 * The event a scanned or typed code belongs to. A typed code is looked up (any case, dashes and spaces ignored);
 * a QR code must carry the server's signature and the event's current save-code version.
 */
export async function eventOfSaveCode(db: Db, input: SaveCodeInput): Promise<SaveCodeEvent> {
  const code = String(input.code ?? "").trim().split("/sparen/").pop()!.split(/[?#]/)[0]!;
  const manualCode = normalizeManualCode(code);
  if (manualCode || looksTyped(code)) {
    const event = manualCode ? await readCheckinEvent(db, "manualCode", manualCode) : null;
    if (!event) throw new CardSystemError("SAVE_CODE_UNKNOWN", { field: "code" });
    return { event, typed: true };
  }
  const claims = verifySaveCode(input.secret, code);
  const event = await readCheckinEvent(db, "id", claims.eventId);
  if (!event) throw new CardSystemError("SAVE_CODE_INVALID", { field: "code" });
  if (event.saveCodeVersion !== claims.version) throw new CardSystemError("SAVE_CODE_EXPIRED", { field: "code" });
  return { event, typed: false };
}

/** A passholder scans or types an event's save-code: a check-in by the very same rules as at a counter or pillar. */
export async function checkInWithSaveCode(db: Db, input: SaveCodeCheckInInput): Promise<CheckInResult> {
  const at = input.at ?? new Date();
  const { event, typed } = await eventOfSaveCode(db, input);
  if (event.cancelled || windowState(event, event.cardSystem, at) === "EXPIRED") throw new CardSystemError("SAVE_CODE_EXPIRED", { field: "code" });
  if (input.actor.kind !== "PASSHOLDER") throw new CardSystemError("NOT_ALLOWED", { field: "code" });
  const actor = passholderActor(input.actor.passholderId, typed ? "code getypt" : "QR-code");
  return checkIn(db, { eventId: event.id, event, channel: "QR", at, actor, request: input.request });
}
