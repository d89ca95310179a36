import type { Event } from "@prisma/client";
import type { Actor } from "../access/actor.js";
import { counterForActor } from "../access/authorize.js";
import { windowState } from "../checkins/checkin-window.js";
import type { Db } from "../transaction.js";

const DAY = 24 * 3_600_000;

export interface CounterEvents {
  /** Open for check-in now: "Punt sparen" can be used for these. */
  openNow: Event[];
  /** Not over yet and with a kansentarief: a ticket can be sold for these. */
  withTariff: Event[];
  /** Not over yet: a pillar can be set to these, their QR save-code still saves points. */
  notOver: Event[];
}

/**
 * The activities a counter organises that its desk works with now: those open for check-in (the event's window,
 * margins included) and those not over yet that have a kansentarief.
 */
export async function counterEvents(db: Db, { actor, counterId, at = new Date() }: { actor: Actor; counterId: unknown; at?: Date }): Promise<CounterEvents> {
  const counter = await counterForActor(db, actor, counterId);
  return eventsOfCounter(db, counter.id, at);
}

/** counterEvents for a counter the caller has already checked the actor against. */
export async function eventsOfCounter(db: Db, counterId: number, at: Date): Promise<CounterEvents> {
  const events = await db.event.findMany({
    // Margins are at most a day in practice; windowState below decides exactly.
    where: { organiserCounterId: counterId, cancelled: false, endsAt: { gte: new Date(at.getTime() - DAY) } },
    include: { cardSystem: true },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: 200,
  });
  const openNow = events.filter((event) => windowState(event, event.cardSystem, at) === "OPEN");
  const notOver = events.filter((event) => windowState(event, event.cardSystem, at) !== "EXPIRED");
  const withTariff = notOver.filter((event) => event.kansentariefCents !== null);
  const bare = ({ cardSystem: _cardSystem, ...event }: (typeof events)[number]): Event => event;
  return { openNow: openNow.map(bare), withTariff: withTariff.map(bare), notOver: notOver.map(bare) };
}
