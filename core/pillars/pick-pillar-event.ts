import type { Event } from "@prisma/client";
import { windowState } from "../checkins/checkin-window.js";
import { CardSystemError } from "../errors.js";
import type { Db } from "../transaction.js";

export interface PillarEventChoice {
  event: Event;
  /** Which setting chose it: the fixed event (KSB), the counter app's specific event, or automatic. */
  source: "FIXED" | "SPECIFIC" | "AUTOMATIC";
}

/**
 * The event a pillar awards points for: a fixed event set in the backoffice overrides the counter app's
 * choice; a specific event set in the counter app overrides automatic mode; automatic picks, among the
 * open events of the pillar's counters, the one whose start is nearest. An expired event awards nothing.
 */
export async function pickPillarEvent(db: Db, pillarId: number, at = new Date()): Promise<PillarEventChoice> {
  const pillar = await db.pillar.findUnique({
    where: { id: pillarId },
    include: { fixedEvent: { include: { cardSystem: true } }, specificEvent: { include: { cardSystem: true } }, counters: true },
  });
  if (!pillar) throw new CardSystemError("PILLAR_NOT_FOUND", { field: "pillarId" });
  const chosen = pillar.fixedEvent
    ? { event: pillar.fixedEvent, source: "FIXED" as const }
    : pillar.eventMode === "SPECIFIC" && pillar.specificEvent
      ? { event: pillar.specificEvent, source: "SPECIFIC" as const }
      : undefined;
  if (chosen) {
    const { cardSystem, ...event } = chosen.event;
    const state = event.cancelled ? "EXPIRED" : windowState(event, cardSystem, at);
    if (state === "EXPIRED") throw new CardSystemError("PILLAR_EVENT_EXPIRED", { details: { eventId: event.id } });
    if (state === "NOT_YET_OPEN") throw new CardSystemError("CHECKIN_NOT_OPEN", { details: { eventId: event.id } });
    return { event, source: chosen.source };
  }
  // Margins are at most a day in practice; the window check below decides exactly.
  const dayMs = 24 * 3_600_000;
  const candidates = await db.event.findMany({
    where: {
      organiserCounterId: { in: pillar.counters.map((link) => link.counterId) },
      cancelled: false,
      startsAt: { lte: new Date(at.getTime() + dayMs) },
      endsAt: { gte: new Date(at.getTime() - dayMs) },
    },
    include: { cardSystem: true },
  });
  const open = candidates
    .filter((event) => windowState(event, event.cardSystem, at) === "OPEN")
    .sort((a, b) => Math.abs(a.startsAt.getTime() - at.getTime()) - Math.abs(b.startsAt.getTime() - at.getTime()));
  const nearest = open[0];
  if (!nearest) throw new CardSystemError("PILLAR_NO_EVENT");
  const { cardSystem: _cardSystem, ...event } = nearest;
  return { event, source: "AUTOMATIC" };
}
