import type { RequestMeta } from "../access/actor.js";
import { checkIn, type CheckInResult } from "../checkins/check-in.js";
import { CardSystemError } from "../errors.js";
import type { Db } from "../transaction.js";
import { pickPillarEvent } from "./pick-pillar-event.js";

/** A passholder taps their card on a pillar (identified by its CID); the pillar is the actor. */
export async function checkInAtPillar(db: Db, input: { cid: string; cardNumber: string; at?: Date; request?: RequestMeta }): Promise<CheckInResult> {
  const at = input.at ?? new Date();
  const pillar = await db.pillar.findUnique({ where: { cid: String(input.cid ?? "").trim() } });
  if (!pillar) throw new CardSystemError("PILLAR_NOT_FOUND", { field: "cid" });
  const { event } = await pickPillarEvent(db, pillar.id, at);
  return checkIn(db, {
    eventId: event.id,
    cardNumber: input.cardNumber,
    channel: "PILLAR",
    at,
    actor: { kind: "PILLAR", pillarId: pillar.id, cid: pillar.cid },
    request: input.request,
  });
}
