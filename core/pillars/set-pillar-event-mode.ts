import type { Pillar, PillarEventMode } from "@prisma/client";
import type { Actor, RequestMeta } from "../access/actor.js";
import { counterForActor } from "../access/authorize.js";
import { recordAudit } from "../audit/record-audit.js";
import { windowState } from "../checkins/checkin-window.js";
import { CardSystemError } from "../errors.js";
import { inTransaction, type Db } from "../transaction.js";
import { requireIntId, requireUuid } from "../validation/ids.js";

export interface SetPillarEventModeInput {
  pillarId: unknown;
  /** The counter whose desk sets it: the pillar must be one of its pillars, a specific event one of its events. */
  counterId: unknown;
  mode: PillarEventMode;
  /** With SPECIFIC: the event the pillar awards points for. */
  eventId?: unknown;
  actor: Actor;
  request?: RequestMeta;
  at?: Date;
}

/**
 * The counter app's pillar setting (manual): automatic (the open event of the pillar's counters nearest in time)
 * or a specific event of this counter. A fixed event set in the backoffice still overrides either.
 */
export async function setPillarEventMode(db: Db, input: SetPillarEventModeInput): Promise<Pillar> {
  if (input.mode !== "AUTOMATIC" && input.mode !== "SPECIFIC") {
    throw new CardSystemError("VALIDATION", { field: "mode", message: "Kies automatisch of een specifiek evenement." });
  }
  const pillarId = requireIntId(input.pillarId, "pillarId", "PILLAR_NOT_FOUND");
  return inTransaction(db, async (tx) => {
    const counter = await counterForActor(tx, input.actor, input.counterId);
    const link = await tx.pillarCounter.findUnique({ where: { pillarId_counterId: { pillarId, counterId: counter.id } } });
    if (!link) throw new CardSystemError("PILLAR_NOT_FOUND", { field: "pillarId" });
    let specificEventId: string | null = null;
    if (input.mode === "SPECIFIC") {
      const eventId = requireUuid(input.eventId, "eventId", "EVENT_NOT_FOUND");
      const event = await tx.event.findUnique({ where: { id: eventId }, include: { cardSystem: true } });
      if (!event || event.organiserCounterId !== counter.id) throw new CardSystemError("EVENT_NOT_FOUND", { field: "eventId" });
      if (event.cancelled) throw new CardSystemError("EVENT_CANCELLED", { field: "eventId" });
      if (windowState(event, event.cardSystem, input.at ?? new Date()) === "EXPIRED") {
        throw new CardSystemError("PILLAR_EVENT_EXPIRED", { field: "eventId", message: "Dit evenement is voorbij: kies een evenement dat nog komt, of automatisch." });
      }
      specificEventId = event.id;
    }
    const pillar = await tx.pillar.update({ where: { id: pillarId }, data: { eventMode: input.mode, specificEventId } });
    await recordAudit(tx, {
      actor: input.actor,
      request: input.request,
      action: "pillar.eventMode",
      resource: "Pillar",
      recordId: pillar.id,
      changes: { eventMode: input.mode, specificEventId, counterId: counter.id },
    });
    return pillar;
  });
}
