import type { CardSystem, Event } from "@prisma/client";
import { momentText, plainQuery } from "../db/plain-query.js";
import type { Db } from "../transaction.js";
import type { WindowOfEvent } from "./checkin-window.js";

/** What a check-in reads of its event and the event's card system. */
export type CheckinEvent = WindowOfEvent &
  Pick<Event, "id" | "name" | "cardSystemId" | "organiserCounterId" | "points" | "checkinLimit" | "checkinLimitPeriod" | "cancelled" | "saveCodeVersion"> & {
    cardSystem: Pick<CardSystem, "checkinMarginBeforeMinutes" | "checkinMarginAfterMinutes">;
  };

interface EventRow extends Record<string, unknown> {
  id: string;
  name: string;
  cardSystemId: number;
  organiserCounterId: number;
  points: number;
  checkinLimit: number;
  checkinLimitPeriod: CheckinEvent["checkinLimitPeriod"];
  cancelled: boolean;
  saveCodeVersion: number;
  startsAt: string;
  endsAt: string;
  checkinMarginBeforeMinutes: number | null;
  checkinMarginAfterMinutes: number | null;
  systemMarginBefore: number;
  systemMarginAfter: number;
}

/**
 * Every check-in reads its event, by id or (a typed save-code) by its code to type: one plain statement, the card
 * system's margins joined in.
 */
export async function readCheckinEvent(db: Db, by: "id" | "manualCode", value: string): Promise<CheckinEvent | null> {
  const [row] = await plainQuery<EventRow>(
    db,
    `SELECT e."id"::text AS "id", e."name", e."cardSystemId", e."organiserCounterId", e."points", e."checkinLimit",
  e."checkinLimitPeriod"::text AS "checkinLimitPeriod", e."cancelled", e."saveCodeVersion",
  ${momentText('e."startsAt"')} AS "startsAt", ${momentText('e."endsAt"')} AS "endsAt",
  e."checkinMarginBeforeMinutes", e."checkinMarginAfterMinutes",
  s."checkinMarginBeforeMinutes" AS "systemMarginBefore", s."checkinMarginAfterMinutes" AS "systemMarginAfter"
FROM "Event" e JOIN "CardSystem" s ON s."id" = e."cardSystemId"
WHERE ${by === "id" ? `e."id" = $1::uuid` : `e."manualCode" = $1`}`,
    [value],
  );
  if (!row) return null;
  const { systemMarginBefore, systemMarginAfter, startsAt, endsAt, ...event } = row;
  return {
    ...event,
    startsAt: new Date(startsAt),
    endsAt: new Date(endsAt),
    cardSystem: { checkinMarginBeforeMinutes: systemMarginBefore, checkinMarginAfterMinutes: systemMarginAfter },
  };
}
