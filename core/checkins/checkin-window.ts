import type { CardSystem, Event } from "@prisma/client";
import type { Db } from "../transaction.js";

const MINUTE = 60_000;

type Margins = "checkinMarginBeforeMinutes" | "checkinMarginAfterMinutes";
/** What an event's check-in window is made of. */
export type WindowOfEvent = Pick<Event, "startsAt" | "endsAt" | Margins>;

/** When an event accepts check-ins: its opening hours widened by the event's (or card system's) margins. */
export function checkinWindow(event: WindowOfEvent, cardSystem: Pick<CardSystem, Margins>) {
  const before = event.checkinMarginBeforeMinutes ?? cardSystem.checkinMarginBeforeMinutes;
  const after = event.checkinMarginAfterMinutes ?? cardSystem.checkinMarginAfterMinutes;
  return {
    opensAt: new Date(event.startsAt.getTime() - before * MINUTE),
    closesAt: new Date(event.endsAt.getTime() + after * MINUTE),
  };
}

export type WindowState = "NOT_YET_OPEN" | "OPEN" | "EXPIRED";

export function windowState(event: WindowOfEvent, cardSystem: Pick<CardSystem, Margins>, at: Date): WindowState {
  const { opensAt, closesAt } = checkinWindow(event, cardSystem);
  if (at < opensAt) return "NOT_YET_OPEN";
  return at > closesAt ? "EXPIRED" : "OPEN";
}

/**
 * The same rule in SQL, for lists that page over the events open now: the ids of the events that are not
 * cancelled and whose window (checkinWindow, bounds included) holds `at`.
 */
export async function eventsOpenForCheckin(db: Db, at: Date): Promise<string[]> {
  const moment = at.toISOString();
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    SELECT e."id"::text AS "id"
    FROM "Event" e JOIN "CardSystem" s ON s."id" = e."cardSystemId"
    WHERE NOT e."cancelled"
      AND e."startsAt" - make_interval(mins => COALESCE(e."checkinMarginBeforeMinutes", s."checkinMarginBeforeMinutes")) <= (${moment}::timestamptz AT TIME ZONE 'UTC')
      AND e."endsAt" + make_interval(mins => COALESCE(e."checkinMarginAfterMinutes", s."checkinMarginAfterMinutes")) >= (${moment}::timestamptz AT TIME ZONE 'UTC')`;
  return rows.map((row) => row.id);
}
