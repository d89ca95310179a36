import type { CardStatus, Counter, LimitPeriod, TicketSale } from "@prisma/client";
import type { Actor } from "../access/actor.js";
import { mayActAtCounter, passholderForActor } from "../access/authorize.js";
import { CardSystemError } from "../errors.js";
import { advantagesForPassholder, type AdvantageAvailability } from "../advantages/advantages-for-passholder.js";
import { entitlementCodes } from "../advantages/eligibility.js";
import { formatCalendarDate } from "../time/calendar-date.js";
import { localDate, periodKey, within } from "../time/periods.js";
import type { Db } from "../transaction.js";
import { eventsOfCounter, type CounterEvents } from "./counter-events.js";

const DAY = 24 * 3_600_000;
/** The manual's warning period before a kansenstatuut runs out. */
export const KANSENSTATUUT_WARNING_DAYS = 30;

export type KansenstatuutState =
  | { state: "NONE" }
  | { state: "VALID" | "EXPIRING" | "EXPIRED"; until: string; daysLeft: number }
  | { state: "NOT_STARTED"; from: string; until: string };

export interface PanelCard {
  number: string;
  status: CardStatus;
  blockReason: string | null;
  blockedAt: Date | null;
}

export interface PanelCoupon {
  couponId: number;
  name: string;
  conditions: string | null;
  discountCents: number | null;
  remainingUses: number;
  validUntil: Date;
}

export interface PassholderPanel {
  passholderId: string;
  name: string;
  municipality: string;
  email: string | null;
  phone: string | null;
  street: string | null;
  houseNumber: string | null;
  postalCode: string;
  city: string;
  /** The active card, else the last one issued. */
  card: PanelCard | null;
  points: number;
  kansenstatuut: KansenstatuutState;
  /** Welcome advantages the passholder is entitled to, with whether they can take them here now. */
  welcome: AdvantageAvailability[];
  exchange: AdvantageAvailability[];
  coupons: PanelCoupon[];
  /** This counter's MIA constraint for its own events: how many tickets are left in the current period. */
  mia: { limit: number; period: LimitPeriod; used: number; left: number } | null;
  /** Kansentarieven sold to this passholder at this counter today: these can be cancelled here. */
  ticketsToday: Array<TicketSale & { eventName: string }>;
  /** The counter's activities for points and kansentarief; null when it has no check-in & ticket permission. */
  events: CounterEvents | null;
}

/**
 * Everything the desk shows about the passholder standing at this counter: the counter as the desk read it for this
 * request (currentDeskCounter), checked here again against the actor.
 */
export async function passholderPanel(
  db: Db,
  { actor, counter, passholderId, at = new Date() }: { actor: Actor; counter: Counter; passholderId: unknown; at?: Date },
): Promise<PassholderPanel> {
  if (!mayActAtCounter(actor, counter)) throw new CardSystemError("COUNTER_NOT_YOURS", { field: "counterId" });
  const passholder = await passholderForActor(db, actor, passholderId, counter);
  const miaKey = periodKey(counter.miaTicketLimitPeriod, at);
  const [municipality, cards, advantages, grants, tickets, miaUsed, events] = await Promise.all([
    db.municipality.findUniqueOrThrow({ where: { id: passholder.municipalityId }, select: { name: true } }),
    db.card.findMany({ where: { passholderId: passholder.id }, orderBy: [{ issuedAt: "desc" }, { id: "desc" }], take: 5 }),
    advantagesForPassholder(db, { passholderId: passholder.id, counter, channel: "COUNTER", at }),
    db.couponGrant.findMany({
      where: { passholderId: passholder.id, coupon: { validFrom: { lte: at }, validUntil: { gte: at } } },
      include: { coupon: true },
      orderBy: { couponId: "asc" },
    }),
    db.ticketSale.findMany({
      where: { passholderId: passholder.id, counterId: counter.id, status: "ACTIVE", soldAt: { gte: new Date(at.getTime() - DAY) } },
      include: { event: { select: { name: true } } },
      orderBy: { soldAt: "desc" },
    }),
    counter.miaTicketLimit === null
      ? 0
      : db.ticketSale.count({ where: { passholderId: passholder.id, status: "ACTIVE", periodKey: miaKey, event: { organiserCounterId: counter.id } } }),
    counter.permissionGroups.includes("CHECKIN_TICKET") ? eventsOfCounter(db, counter.id, at) : null,
  ]);
  const card = cards.find((candidate) => candidate.status === "ACTIVE") ?? cards[0];
  const today = localDate(at);
  return {
    passholderId: passholder.id,
    name: `${passholder.firstName} ${passholder.lastName}`,
    municipality: municipality.name,
    email: passholder.email,
    phone: passholder.phone,
    street: passholder.street,
    houseNumber: passholder.houseNumber,
    postalCode: passholder.postalCode,
    city: passholder.city,
    card: card ? { number: card.number, status: card.status, blockReason: card.blockReason, blockedAt: card.blockedAt } : null,
    points: passholder.points,
    kansenstatuut: kansenstatuutState(passholder.kansenstatuutStart, passholder.kansenstatuutEnd, at),
    welcome: advantages.filter((item) => item.advantage.kind === "WELCOME" && !item.reasons.some((code) => entitlementCodes.has(code))),
    exchange: advantages.filter((item) => item.advantage.kind === "EXCHANGE"),
    coupons: grants
      .filter((grant) => grant.usedCount < grant.coupon.usageLimit && within(at, grant.coupon.validFrom, grant.coupon.validUntil))
      .map((grant) => ({
        couponId: grant.couponId,
        name: grant.coupon.name,
        conditions: grant.coupon.conditions,
        discountCents: grant.coupon.discountCents,
        remainingUses: grant.coupon.usageLimit - grant.usedCount,
        validUntil: grant.coupon.validUntil,
      })),
    mia:
      counter.miaTicketLimit === null
        ? null
        : { limit: counter.miaTicketLimit, period: counter.miaTicketLimitPeriod, used: miaUsed, left: Math.max(0, counter.miaTicketLimit - miaUsed) },
    ticketsToday: tickets
      .filter((ticket) => localDate(ticket.soldAt) === today)
      .map(({ event, ...ticket }) => ({ ...ticket, eventName: event.name })),
    events,
  };
}

/** Valid until a day, expiring within the warning period, expired, or none; days are Brussels calendar days. */
export function kansenstatuutState(start: Date | null, end: Date | null, at: Date): KansenstatuutState {
  if (!end) return { state: "NONE" };
  const today = localDate(at);
  const endDay = end.toISOString().slice(0, 10);
  const until = formatCalendarDate(end);
  if (start && start.toISOString().slice(0, 10) > today) return { state: "NOT_STARTED", from: formatCalendarDate(start), until };
  const daysLeft = Math.round((Date.parse(`${endDay}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY);
  if (daysLeft < 0) return { state: "EXPIRED", until, daysLeft };
  return { state: daysLeft <= KANSENSTATUUT_WARNING_DAYS ? "EXPIRING" : "VALID", until, daysLeft };
}
