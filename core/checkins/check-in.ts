import type { Card, CheckinChannel, Counter, Passholder } from "@prisma/client";
import { actorLabel, type Actor, type RequestMeta } from "../access/actor.js";
import { counterForActor, mayServePassholder, passholderForActor } from "../access/authorize.js";
import { requireEventOfCounter } from "../access/event-of-counter.js";
import { recordAudit } from "../audit/record-audit.js";
import { findActiveCard, findActiveCardOfPassholder } from "../cards/find-card.js";
import { CardSystemError } from "../errors.js";
import { periodKey } from "../time/periods.js";
import { inTransaction, type Db } from "../transaction.js";
import { requireUuid } from "../validation/ids.js";
import { readCheckinEvent, type CheckinEvent } from "./checkin-event.js";
import { windowState } from "./checkin-window.js";
import { insertCheckin, type CheckinRow } from "./insert-checkin.js";

/** How often a check-in that lost a race for a slot counts again before it is refused as over the limit. */
const SLOT_RETRIES = 3;

export interface CheckInInput {
  eventId: string;
  /** The event with its card system when the caller has just read it (a QR scan does), saving a second read. */
  event?: CheckinEvent;
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
  checkinId: string;
  points: number;
  balance: number;
  eventName: string;
}

/**
 * Saves a point: active card, event of the passholder's own card system and open for check-in, within the event's
 * limit per period. The check-in is one statement (insertCheckin); only a staff member's check-in adds its audit
 * row, in the same transaction.
 */
export async function checkIn(db: Db, input: CheckInInput): Promise<CheckInResult> {
  const at = input.at ?? new Date();
  const eventId = requireUuid(input.eventId, "eventId", "EVENT_NOT_FOUND");
  const { card, passholderId, counter, pillarId, cardSystems } = await sourceOf(db, input);
  const event = input.event?.id === eventId ? input.event : await readCheckinEvent(db, "id", eventId);
  if (!event) throw new CardSystemError("EVENT_NOT_FOUND", { field: "eventId" });
  if (counter) requireEventOfCounter(event, counter);
  // A pillar serves the cards of its own card system only; without a known pillar, the event's card system.
  if (cardSystems && cardSystems.card !== (cardSystems.pillar ?? event.cardSystemId)) {
    throw new CardSystemError("CARD_NOT_FOUND", { field: "cardNumber" });
  }
  if (event.cancelled) throw new CardSystemError("EVENT_CANCELLED", { field: "eventId" });
  if (windowState(event, event.cardSystem, at) !== "OPEN") throw new CardSystemError("CHECKIN_NOT_OPEN", { field: "eventId" });

  const row: CheckinRow = {
    eventId: event.id,
    cardSystemId: event.cardSystemId,
    passholderId,
    cardId: card?.id,
    counterId: counter?.id,
    pillarId,
    channel: input.channel,
    points: event.points,
    periodKey: periodKey(event.checkinLimitPeriod, at),
    limit: event.checkinLimit,
    at,
    createdBy: actorLabel(input.actor),
  };
  const save = async (tx: Db): Promise<CheckInResult> => {
    let written = await insertCheckin(tx, row);
    // Two check-ins that counted the same free slot: the one that lost counts again, now seeing the other.
    for (let retry = 0; written.outcome === "SLOT_TAKEN" && retry < SLOT_RETRIES; retry++) written = await insertCheckin(tx, row);
    if (written.outcome === "NO_ACTIVE_CARD") {
      // Blocked or replaced since it was read: say which.
      await (card ? findActiveCard(tx, card.number) : findActiveCardOfPassholder(tx, passholderId));
      throw new CardSystemError("CARD_NOT_FOUND", { field: card ? "cardNumber" : "passholderId" });
    }
    if (written.outcome === "OTHER_CARD_SYSTEM") throw new CardSystemError("EVENT_OTHER_CARD_SYSTEM", { field: "eventId" });
    if (written.outcome !== "SAVED") {
      throw new CardSystemError("CHECKIN_LIMIT_REACHED", { details: { limit: event.checkinLimit, period: event.checkinLimitPeriod } });
    }
    return { checkinId: written.checkinId, points: event.points, balance: written.balance, eventName: event.name };
  };
  const { actor } = input;
  // The passholder's own QR save and the pillar's are their Checkin row only: the hot path stays one statement.
  if (actor.kind !== "STAFF") return save(db);
  return inTransaction(db, async (tx) => {
    const saved = await save(tx);
    await recordAudit(tx, {
      actor,
      request: input.request,
      action: "checkin.create",
      resource: "Checkin",
      recordId: saved.checkinId,
      changes: { eventId: event.id, passholderId, counterId: counter?.id ?? null, points: event.points },
    });
    return saved;
  });
}

interface CheckinSource {
  /** The card scanned; a QR save leaves it to the check-in statement to take the passholder's active card. */
  card?: Card;
  passholderId: string;
  counter?: Counter;
  pillarId?: number;
  /** At a pillar: the card's card system, and the pillar's when the pillar is known. */
  cardSystems?: { card: number; pillar?: number };
}

/** The card, and the counter or pillar, as far as the actor may use this channel. */
async function sourceOf(tx: Db, input: CheckInInput): Promise<CheckinSource> {
  const { actor } = input;
  switch (input.channel) {
    case "COUNTER": {
      if (input.counterId === undefined || input.counterId === "") throw new CardSystemError("VALIDATION", { field: "counterId", message: "Kies een balie." });
      const counter = await counterForActor(tx, actor, input.counterId, { groups: ["CHECKIN_TICKET"], refusal: "COUNTER_MAY_NOT_CHECKIN" });
      if (!input.cardNumber) {
        const passholder = await passholderForActor(tx, actor, requirePassholderId(input.passholderId), counter);
        const card = await findActiveCardOfPassholder(tx, passholder.id);
        return { card, passholderId: card.passholderId, counter };
      }
      const card = await findActiveCard(tx, input.cardNumber);
      if (!mayServePassholder(actor, card.passholder, counter)) throw new CardSystemError("CARD_NOT_FOUND", { field: "cardNumber" });
      return { card, passholderId: card.passholderId, counter };
    }
    case "QR": {
      if (actor.kind !== "PASSHOLDER" && actor.kind !== "SYSTEM") throw new CardSystemError("NOT_ALLOWED", { field: "channel" });
      const passholderId = actor.kind === "PASSHOLDER" ? actor.passholderId : requirePassholderId(input.passholderId);
      if (input.passholderId !== undefined && input.passholderId !== passholderId) throw new CardSystemError("PASSHOLDER_NOT_FOUND", { field: "passholderId" });
      return { passholderId };
    }
    case "PILLAR": {
      if (actor.kind !== "PILLAR" && actor.kind !== "SYSTEM") throw new CardSystemError("NOT_ALLOWED", { field: "channel" });
      const pillarId = actor.kind === "PILLAR" ? actor.pillarId : input.pillarId;
      const card = input.cardNumber ? await findActiveCard(tx, input.cardNumber) : await activeCardWithPassholder(tx, requirePassholderId(input.passholderId));
      if (pillarId === undefined) return { card, passholderId: card.passholderId, cardSystems: { card: card.passholder.cardSystemId } };
      const pillar = await tx.pillar.findUnique({ where: { id: pillarId }, select: { municipality: { select: { cardSystemId: true } } } });
      if (!pillar) throw new CardSystemError("PILLAR_NOT_FOUND", { field: "pillarId" });
      return { card, passholderId: card.passholderId, pillarId, cardSystems: { card: card.passholder.cardSystemId, pillar: pillar.municipality.cardSystemId } };
    }
    default:
      throw new CardSystemError("VALIDATION", { field: "channel", message: "Onbekend kanaal." });
  }
}

async function activeCardWithPassholder(tx: Db, passholderId: string): Promise<Card & { passholder: Pick<Passholder, "cardSystemId"> }> {
  const card = await findActiveCardOfPassholder(tx, passholderId);
  const passholder = await tx.passholder.findUniqueOrThrow({ where: { id: card.passholderId }, select: { cardSystemId: true } });
  return { ...card, passholder };
}

function requirePassholderId(passholderId: string | undefined): string {
  if (!passholderId) throw new CardSystemError("VALIDATION", { field: "cardNumber", message: "Geef een kaartnummer op." });
  return requireUuid(passholderId, "passholderId", "PASSHOLDER_NOT_FOUND");
}
