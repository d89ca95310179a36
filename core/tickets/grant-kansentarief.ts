import type { TicketSale } from "@prisma/client";
import type { Actor, RequestMeta } from "../access/actor.js";
import { counterForActor, mayServePassholder } from "../access/authorize.js";
import { requireEventOfCounter } from "../access/event-of-counter.js";
import { recordAudit } from "../audit/record-audit.js";
import { findActiveCard } from "../cards/find-card.js";
import { applyCoupon, type UseCouponResult } from "../coupons/use-coupon.js";
import { CardSystemError } from "../errors.js";
import { lockPassholder } from "../passholders/lock-passholder.js";
import { localDate, periodKey } from "../time/periods.js";
import { inTransaction, type Db } from "../transaction.js";
import { requireUuid } from "../validation/ids.js";
import { distributionKeyOf } from "./distribution-key.js";

export interface GrantKansentariefInput {
  cardNumber: string;
  eventId: string;
  /** The counter granting it: one the actor works for, with the check-in & ticket permission. */
  counterId: unknown;
  /** A coupon granted to the passholder, used for this sale: the sale and the coupon use succeed or fail together. */
  couponId?: unknown;
  at?: Date;
  actor: Actor;
  request?: RequestMeta;
}

export interface GrantedKansentarief extends TicketSale {
  /** The coupon used with the sale, when one was given. */
  coupon?: UseCouponResult;
}

/**
 * Grants a kansentarief (a "ticket") for an event of the granting counter: only to a passholder whose
 * kansenstatuut is valid on the day that counts (kansenstatuutDay), at a check-in & ticket counter, within the
 * MIA ticket constraint of the counter organising the event.
 */
export async function grantKansentarief(db: Db, input: GrantKansentariefInput): Promise<GrantedKansentarief> {
  const at = input.at ?? new Date();
  const eventId = requireUuid(input.eventId, "eventId", "EVENT_NOT_FOUND");
  return inTransaction(db, async (tx) => {
    const counter = await counterForActor(tx, input.actor, input.counterId, { groups: ["CHECKIN_TICKET"], refusal: "COUNTER_MAY_NOT_CHECKIN" });
    const card = await findActiveCard(tx, input.cardNumber);
    if (!mayServePassholder(input.actor, card.passholder, counter)) throw new CardSystemError("CARD_NOT_FOUND", { field: "cardNumber" });
    const event = await tx.event.findUnique({ where: { id: eventId }, include: { organiserCounter: true, cardSystem: true } });
    if (!event) throw new CardSystemError("EVENT_NOT_FOUND", { field: "eventId" });
    requireEventOfCounter(event, counter);
    if (event.cancelled) throw new CardSystemError("EVENT_CANCELLED", { field: "eventId" });
    if (event.kansentariefCents === null) throw new CardSystemError("NO_TARIFF", { field: "eventId" });
    const { passholder } = card;
    if (!kansenstatuutCovers(passholder, kansenstatuutDay(event.startsAt, at))) throw new CardSystemError("NO_KANSENSTATUUT", { field: "cardNumber" });

    await lockPassholder(tx, passholder.id);
    const organiser = event.organiserCounter;
    const key = periodKey(organiser.miaTicketLimitPeriod, at);
    if (organiser.miaTicketLimit !== null) {
      const used = await tx.ticketSale.count({
        where: { passholderId: passholder.id, status: "ACTIVE", periodKey: key, event: { organiserCounterId: organiser.id } },
      });
      if (used >= organiser.miaTicketLimit) {
        throw new CardSystemError("MIA_TICKET_LIMIT_REACHED", {
          details: { limit: organiser.miaTicketLimit, period: organiser.miaTicketLimitPeriod, counter: organiser.name },
        });
      }
    }
    const distribution = distributionKeyOf(organiser, event.cardSystem);
    const ticket = await tx.ticketSale.create({
      data: {
        eventId: event.id,
        passholderId: passholder.id,
        cardId: card.id,
        counterId: counter.id,
        soldAt: at,
        regularPriceCents: event.priceCents ?? event.kansentariefCents,
        tariffCents: event.kansentariefCents,
        ...distribution,
        periodKey: key,
      },
    });
    await recordAudit(tx, {
      actor: input.actor,
      request: input.request,
      action: "ticket.grant",
      resource: "TicketSale",
      recordId: ticket.id,
      changes: { eventId: event.id, passholderId: passholder.id, counterId: counter.id, tariffCents: ticket.tariffCents },
    });
    if (input.couponId === undefined || input.couponId === "") return ticket;
    const coupon = await applyCoupon(tx, { couponId: input.couponId, card, counter, eventId: event.id, at, actor: input.actor, request: input.request });
    return { ...ticket, coupon };
  });
}

/**
 * The Brussels day the kansenstatuut must cover: the day of the sale when it happens during the event (an
 * activity running over several days), the event's start day when sold in advance; the later of the two.
 */
export function kansenstatuutDay(eventStartsAt: Date, soldAt: Date): string {
  const startDay = localDate(eventStartsAt);
  const saleDay = localDate(soldAt);
  return saleDay > startDay ? saleDay : startDay;
}

/** Whether the kansenstatuut (two calendar-day columns) covers the day (YYYY-MM-DD). */
function kansenstatuutCovers(passholder: { kansenstatuutStart: Date | null; kansenstatuutEnd: Date | null }, day: string): boolean {
  const { kansenstatuutStart: start, kansenstatuutEnd: end } = passholder;
  return !!end && end.toISOString().slice(0, 10) >= day && (!start || start.toISOString().slice(0, 10) <= day);
}
