import type { Counter, Event } from "@prisma/client";
import { CardSystemError } from "../errors.js";

/** At a counter only its own activities count: organised by that counter, in its card system. */
export function requireEventOfCounter(event: Pick<Event, "organiserCounterId" | "cardSystemId">, counter: Pick<Counter, "id" | "cardSystemId">): void {
  if (event.organiserCounterId !== counter.id || event.cardSystemId !== counter.cardSystemId) {
    throw new CardSystemError("EVENT_NOT_OF_COUNTER", { field: "eventId" });
  }
}
