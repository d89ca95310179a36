import { windowState } from "../checkins/checkin-window.js";
import { CardSystemError } from "../errors.js";
import type { Db } from "../transaction.js";
import { isUuid } from "../validation/ids.js";

/**
 * A pillar's fixed event overrides what the counter app chose, and an expired event awards no points: fixing a
 * pillar on an event that is over (or cancelled) would silence it, so it is refused when chosen.
 */
export async function checkFixedEventChoice(db: Db, eventId: string, at = new Date(), field = "fixedEvent"): Promise<void> {
  const event = isUuid(eventId) ? await db.event.findUnique({ where: { id: eventId }, include: { cardSystem: true } }) : null;
  if (!event) throw new CardSystemError("EVENT_NOT_FOUND", { field });
  if (event.cancelled) throw new CardSystemError("EVENT_CANCELLED", { field, message: "Dit evenement werd geannuleerd: kies een ander vast evenement, of laat het veld leeg." });
  if (windowState(event, event.cardSystem, at) === "EXPIRED") {
    throw new CardSystemError("PILLAR_EVENT_EXPIRED", { field, message: "Dit evenement is voorbij: een zuil kent voor een verlopen evenement geen punten toe. Kies een evenement dat nog komt, of laat het veld leeg." });
  }
}
