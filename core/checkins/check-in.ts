import type { CardSystem, Checkin, CheckinChannel, Event } from "@prisma/client";
import { findActiveCard, findActiveCardOfPassholder } from "../cards/find-card.js";
import { counterWithPermission } from "../counters/require-permission.js";
import { CardSystemError } from "../errors.js";
import { lockPassholder } from "../passholders/lock-passholder.js";
import { recordPoints } from "../points/ledger.js";
import { periodKey } from "../time/periods.js";
import { inTransaction, isUniqueViolation, type Db } from "../transaction.js";
import { requireIntId, requireUuid } from "../validation/ids.js";
import { windowState } from "./checkin-window.js";

export interface CheckInInput {
  eventId: string;
  /** The event with its card system when the caller has just read it (a QR scan does), saving a second read. */
  event?: Event & { cardSystem: CardSystem };
  /** At a counter or pillar the card is scanned; in the portal the signed-in passholder is known. */
  cardNumber?: string;
  passholderId?: string;
  channel: CheckinChannel;
  /** Required for the COUNTER channel: the counter must have the check-in & ticket permission. */
  counterId?: number;
  pillarId?: number;
  at?: Date;
  actor: string;
}

export interface CheckInResult {
  checkin: Checkin;
  points: number;
  balance: number;
  eventName: string;
}

/** Saves a point: active card, event open for check-in, within the event's limit per period. */
export async function checkIn(db: Db, input: CheckInInput): Promise<CheckInResult> {
  const at = input.at ?? new Date();
  const eventId = requireUuid(input.eventId, "eventId", "EVENT_NOT_FOUND");
  try {
    return await inTransaction(db, async (tx) => {
      const card = input.cardNumber
        ? await findActiveCard(tx, input.cardNumber)
        : await findActiveCardOfPassholder(tx, requirePassholderId(input.passholderId));
      const event = input.event?.id === eventId ? input.event : await tx.event.findUnique({ where: { id: eventId }, include: { cardSystem: true } });
      if (!event) throw new CardSystemError("EVENT_NOT_FOUND", { field: "eventId" });
      if (event.cancelled) throw new CardSystemError("EVENT_CANCELLED", { field: "eventId" });
      if (windowState(event, event.cardSystem, at) !== "OPEN") throw new CardSystemError("CHECKIN_NOT_OPEN", { field: "eventId" });
      if (input.channel === "COUNTER") {
        if (input.counterId === undefined) throw new CardSystemError("VALIDATION", { field: "counterId", message: "Kies een balie." });
        await counterWithPermission(tx, requireIntId(input.counterId, "counterId", "COUNTER_NOT_FOUND"), ["CHECKIN_TICKET"], "COUNTER_MAY_NOT_CHECKIN");
      }

      const limitReached = () =>
        new CardSystemError("CHECKIN_LIMIT_REACHED", { details: { limit: event.checkinLimit, period: event.checkinLimitPeriod } });
      const counted = { eventId: event.id, passholderId: card.passholderId, periodKey: periodKey(event.checkinLimitPeriod, at), corrected: false };
      // A repeated scan is refused before it queues for the passholder's lock, so a storm of scans does not
      // serialise behind it; only a check-in that may still fit takes the lock and counts again.
      if ((await tx.checkin.count({ where: counted })) >= event.checkinLimit) throw limitReached();
      await lockPassholder(tx, card.passholderId);
      const taken = await tx.checkin.findMany({ where: counted, select: { slot: true } });
      if (taken.length >= event.checkinLimit) throw limitReached();
      const checkin = await tx.checkin.create({
        data: {
          eventId: event.id,
          passholderId: card.passholderId,
          cardId: card.id,
          counterId: input.counterId,
          pillarId: input.pillarId,
          channel: input.channel,
          points: event.points,
          periodKey: counted.periodKey,
          slot: Math.max(0, ...taken.map((row) => row.slot)) + 1,
          checkedInAt: at,
        },
      });
      const balance = await recordPoints(tx, {
        passholderId: card.passholderId,
        type: "CHECKIN",
        amount: event.points,
        checkinId: checkin.id,
        createdBy: input.actor,
        at,
      });
      return { checkin, points: event.points, balance, eventName: event.name };
    });
  } catch (error) {
    // The unique slot index is the last line of defence when two requests race past the lock.
    if (isUniqueViolation(error, "Checkin_one_per_slot")) throw new CardSystemError("CHECKIN_LIMIT_REACHED");
    throw error;
  }
}

function requirePassholderId(passholderId: string | undefined): string {
  if (!passholderId) throw new CardSystemError("VALIDATION", { field: "cardNumber", message: "Geef een kaartnummer op." });
  return requireUuid(passholderId, "passholderId", "PASSHOLDER_NOT_FOUND");
}
