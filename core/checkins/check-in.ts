import type { Card, CardSystem, Checkin, CheckinChannel, Counter, Event, Passholder } from "@prisma/client";
import { actorLabel, type Actor, type RequestMeta } from "../access/actor.js";
import { counterForActor, mayServePassholder, passholderForActor } from "../access/authorize.js";
import { requireEventOfCounter } from "../access/event-of-counter.js";
import { recordAudit } from "../audit/record-audit.js";
import { findActiveCard, findActiveCardOfPassholder } from "../cards/find-card.js";
import { CardSystemError } from "../errors.js";
import { lockPassholder } from "../passholders/lock-passholder.js";
import { recordPoints } from "../points/ledger.js";
import { periodKey } from "../time/periods.js";
import { inTransaction, isUniqueViolation, type Db, type Tx } from "../transaction.js";
import { requireUuid } from "../validation/ids.js";
import { windowState } from "./checkin-window.js";

export interface CheckInInput {
  eventId: string;
  /** The event with its card system when the caller has just read it (a QR scan does), saving a second read. */
  event?: Event & { cardSystem: CardSystem };
  /** At a counter or pillar the card is scanned; in the portal the signed-in passholder (the actor) is known. */
  cardNumber?: string;
  passholderId?: string;
  channel: CheckinChannel;
  /** Required for the COUNTER channel: a counter the actor works for, with the check-in & ticket permission. */
  counterId?: unknown;
  /** The PILLAR channel's pillar, when the system (not the pillar itself) checks in. */
  pillarId?: number;
  at?: Date;
  /** Counter: staff of that counter. QR: the passholder themself. Pillar: the pillar. The system may use any channel. */
  actor: Actor;
  request?: RequestMeta;
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
      const { card, counter, pillarId, cardSystems } = await sourceOf(tx, input);
      const event = input.event?.id === eventId ? input.event : await tx.event.findUnique({ where: { id: eventId }, include: { cardSystem: true } });
      if (!event) throw new CardSystemError("EVENT_NOT_FOUND", { field: "eventId" });
      if (counter) requireEventOfCounter(event, counter);
      // A pillar serves the cards of its own card system only; without a known pillar, the event's card system.
      if (cardSystems && cardSystems.card !== (cardSystems.pillar ?? event.cardSystemId)) {
        throw new CardSystemError("CARD_NOT_FOUND", { field: "cardNumber" });
      }
      if (event.cancelled) throw new CardSystemError("EVENT_CANCELLED", { field: "eventId" });
      if (windowState(event, event.cardSystem, at) !== "OPEN") throw new CardSystemError("CHECKIN_NOT_OPEN", { field: "eventId" });

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
          counterId: counter?.id,
          pillarId,
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
        createdBy: actorLabel(input.actor),
        at,
      });
      // The passholder's own QR save and the pillar's are their Checkin row only: the hot path stays one write lighter.
      if (input.actor.kind === "STAFF") {
        await recordAudit(tx, {
          actor: input.actor,
          request: input.request,
          action: "checkin.create",
          resource: "Checkin",
          recordId: checkin.id,
          changes: { eventId: event.id, passholderId: card.passholderId, counterId: counter?.id ?? null, points: event.points },
        });
      }
      return { checkin, points: event.points, balance, eventName: event.name };
    });
  } catch (error) {
    // The unique slot index is the last line of defence when two requests race past the lock.
    if (isUniqueViolation(error, "Checkin_one_per_slot")) throw new CardSystemError("CHECKIN_LIMIT_REACHED");
    throw error;
  }
}

interface CheckinSource {
  card: Card;
  counter?: Counter;
  pillarId?: number;
  /** At a pillar: the card's card system, and the pillar's when the pillar is known. */
  cardSystems?: { card: number; pillar?: number };
}

/** The card, and the counter or pillar, as far as the actor may use this channel. */
async function sourceOf(tx: Tx, input: CheckInInput): Promise<CheckinSource> {
  const { actor } = input;
  switch (input.channel) {
    case "COUNTER": {
      if (input.counterId === undefined || input.counterId === "") throw new CardSystemError("VALIDATION", { field: "counterId", message: "Kies een balie." });
      const counter = await counterForActor(tx, actor, input.counterId, { groups: ["CHECKIN_TICKET"], refusal: "COUNTER_MAY_NOT_CHECKIN" });
      if (!input.cardNumber) {
        const passholder = await passholderForActor(tx, actor, requirePassholderId(input.passholderId), counter);
        return { card: await findActiveCardOfPassholder(tx, passholder.id), counter };
      }
      const card = await findActiveCard(tx, input.cardNumber);
      if (!mayServePassholder(actor, card.passholder, counter)) throw new CardSystemError("CARD_NOT_FOUND", { field: "cardNumber" });
      return { card, counter };
    }
    case "QR": {
      if (actor.kind !== "PASSHOLDER" && actor.kind !== "SYSTEM") throw new CardSystemError("NOT_ALLOWED", { field: "channel" });
      const passholderId = actor.kind === "PASSHOLDER" ? actor.passholderId : requirePassholderId(input.passholderId);
      if (input.passholderId !== undefined && input.passholderId !== passholderId) throw new CardSystemError("PASSHOLDER_NOT_FOUND", { field: "passholderId" });
      return { card: await findActiveCardOfPassholder(tx, passholderId) };
    }
    case "PILLAR": {
      if (actor.kind !== "PILLAR" && actor.kind !== "SYSTEM") throw new CardSystemError("NOT_ALLOWED", { field: "channel" });
      const pillarId = actor.kind === "PILLAR" ? actor.pillarId : input.pillarId;
      const card = input.cardNumber ? await findActiveCard(tx, input.cardNumber) : await activeCardWithPassholder(tx, requirePassholderId(input.passholderId));
      if (pillarId === undefined) return { card, cardSystems: { card: card.passholder.cardSystemId } };
      const pillar = await tx.pillar.findUnique({ where: { id: pillarId }, select: { municipality: { select: { cardSystemId: true } } } });
      if (!pillar) throw new CardSystemError("PILLAR_NOT_FOUND", { field: "pillarId" });
      return { card, pillarId, cardSystems: { card: card.passholder.cardSystemId, pillar: pillar.municipality.cardSystemId } };
    }
    default:
      throw new CardSystemError("VALIDATION", { field: "channel", message: "Onbekend kanaal." });
  }
}

async function activeCardWithPassholder(tx: Tx, passholderId: string): Promise<Card & { passholder: Pick<Passholder, "cardSystemId"> }> {
  const card = await findActiveCardOfPassholder(tx, passholderId);
  const passholder = await tx.passholder.findUniqueOrThrow({ where: { id: card.passholderId }, select: { cardSystemId: true } });
  return { ...card, passholder };
}

function requirePassholderId(passholderId: string | undefined): string {
  if (!passholderId) throw new CardSystemError("VALIDATION", { field: "cardNumber", message: "Geef een kaartnummer op." });
  return requireUuid(passholderId, "passholderId", "PASSHOLDER_NOT_FOUND");
}
