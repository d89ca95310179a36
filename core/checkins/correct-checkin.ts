import { actorLabel, type Actor, type RequestMeta } from "../access/actor.js";
import { mayActInMunicipality } from "../access/authorize.js";
import { recordAudit } from "../audit/record-audit.js";
import { CardSystemError } from "../errors.js";
import { lockPassholder } from "../passholders/lock-passholder.js";
import { recordPoints } from "../points/ledger.js";
import { inTransaction, type Db } from "../transaction.js";
import { requireUuid } from "../validation/ids.js";
import { requireReason } from "../validation/reason.js";

export interface CorrectCheckinInput {
  checkinId: string;
  reason: string;
  /** Backoffice only: a municipal administrator corrects check-ins of their municipality's events. */
  actor: Actor;
  request?: RequestMeta;
  at?: Date;
}

/**
 * Corrects a wrongly awarded point: the check-in stays, marked corrected, and the ledger gets a
 * counter-entry. A corrected check-in no longer counts toward the event's limit.
 */
export async function correctCheckin(db: Db, input: CorrectCheckinInput): Promise<{ balance: number }> {
  const checkinId = requireUuid(input.checkinId, "checkinId", "CHECKIN_NOT_FOUND");
  const reason = requireReason(input.reason);
  const at = input.at ?? new Date();
  return inTransaction(db, async (tx) => {
    const checkin = await tx.checkin.findUnique({ where: { id: checkinId }, include: { event: { select: { municipalityId: true } } } });
    if (!checkin || !mayActInMunicipality(input.actor, checkin.event.municipalityId)) throw new CardSystemError("CHECKIN_NOT_FOUND", { field: "checkinId" });
    await lockPassholder(tx, checkin.passholderId);
    const marked = await tx.checkin.updateMany({
      where: { id: checkin.id, corrected: false },
      data: { corrected: true, correctedAt: at, correctedBy: actorLabel(input.actor), correctionReason: reason },
    });
    if (marked.count === 0) throw new CardSystemError("CHECKIN_ALREADY_CORRECTED", { field: "checkinId" });
    try {
      const balance = await recordPoints(tx, {
        passholderId: checkin.passholderId,
        type: "CHECKIN_CORRECTION",
        amount: -checkin.points,
        checkinId: checkin.id,
        createdBy: actorLabel(input.actor),
        note: reason,
        at,
      });
      await recordAudit(tx, { actor: input.actor, request: input.request, action: "checkin.correct", resource: "Checkin", recordId: checkin.id, changes: { corrected: true, correctionReason: reason } });
      return { balance };
    } catch (error) {
      if (error instanceof CardSystemError && error.code === "NOT_ENOUGH_POINTS") {
        throw new CardSystemError("CORRECTION_POINTS_SPENT", { details: error.details });
      }
      throw error;
    }
  });
}
