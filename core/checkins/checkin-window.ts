import type { CardSystem, Event } from "@prisma/client";

const MINUTE = 60_000;

/** When an event accepts check-ins: its opening hours widened by the event's (or card system's) margins. */
export function checkinWindow(event: Event, cardSystem: Pick<CardSystem, "checkinMarginBeforeMinutes" | "checkinMarginAfterMinutes">) {
  const before = event.checkinMarginBeforeMinutes ?? cardSystem.checkinMarginBeforeMinutes;
  const after = event.checkinMarginAfterMinutes ?? cardSystem.checkinMarginAfterMinutes;
  return {
    opensAt: new Date(event.startsAt.getTime() - before * MINUTE),
    closesAt: new Date(event.endsAt.getTime() + after * MINUTE),
  };
}

export type WindowState = "NOT_YET_OPEN" | "OPEN" | "EXPIRED";

export function windowState(event: Event, cardSystem: CardSystem, at: Date): WindowState {
  const { opensAt, closesAt } = checkinWindow(event, cardSystem);
  if (at < opensAt) return "NOT_YET_OPEN";
  return at > closesAt ? "EXPIRED" : "OPEN";
}
