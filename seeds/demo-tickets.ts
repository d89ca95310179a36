import type { Db } from "../core/transaction.js";
import type { Checkin, Counter, TicketSale } from "@prisma/client";
import { periodKey } from "../core/time/periods.js";
import { distributionKeyOf } from "../core/tickets/distribution-key.js";
import { addHours, earliest, HOUR, MINUTE } from "./clock.js";
import { inChunks } from "./chunks.js";
import { demoAccounts } from "./demo-accounts.js";
import type { DemoEvent } from "./demo-events.js";
import { cardAt, hasKansenstatuutOn, type DemoPassholder } from "./demo-passholders.js";
import { mayCheckIn, type Region } from "./demo-region.js";
import type { Random } from "./random.js";

const cancelReasons = ["Verkeerd evenement gekozen", "Dubbel toegekend", "Activiteit geannuleerd voor deze pashouder", "Verkeerde kaart gescand"];

/**
 * Kansentarief for MIA passholders who attended an event with a tariff (and a few sold ahead for upcoming
 * events): status valid on the event date, a check-in & ticket counter, within the organiser's MIA limit.
 */
export function planTickets(random: Random, now: Date, region: Region, events: DemoEvent[], passholders: DemoPassholder[], checkins: Checkin[]): TicketSale[] {
  const byId = new Map(passholders.map((passholder) => [passholder.id, passholder]));
  const eventsById = new Map(events.map((event) => [event.id, event]));
  const ticketCounters = region.counters.filter(mayCheckIn);
  const cancellers = demoAccounts.map((account) => account.email);
  const used = new Map<string, number>();
  const tickets: TicketSale[] = [];

  const sell = (event: DemoEvent, passholder: DemoPassholder, soldAt: Date) => {
    const organiser = region.counters.find((counter) => counter.id === event.organiserCounterId)!;
    const card = cardAt(passholder, soldAt);
    if (!card || event.kansentariefCents === null || !hasKansenstatuutOn(passholder, event.startsAt)) return;
    const key = periodKey(organiser.miaTicketLimitPeriod, soldAt);
    const limitKey = `${passholder.id}|${organiser.id}|${key}`;
    if (organiser.miaTicketLimit !== null && (used.get(limitKey) ?? 0) >= organiser.miaTicketLimit) return;
    const cancelled = soldAt.getTime() < now.getTime() - HOUR && random.chance(0.04);
    // A cancelled ticket frees its place in the constraint.
    if (!cancelled) used.set(limitKey, (used.get(limitKey) ?? 0) + 1);
    const cancelledAt = cancelled ? random.between(addHours(soldAt, 0.5), earliest(addHours(soldAt, 48), now)) : null;
    tickets.push({
      id: random.uuid(),
      eventId: event.id,
      passholderId: passholder.id,
      cardId: card.id,
      counterId: sellingCounter(random, organiser, ticketCounters, passholder).id,
      soldAt,
      regularPriceCents: event.priceCents ?? event.kansentariefCents,
      tariffCents: event.kansentariefCents,
      ...distributionKeyOf(organiser, region.cardSystem),
      periodKey: key,
      status: cancelled ? "CANCELLED" : "ACTIVE",
      cancelledAt,
      cancelledBy: cancelled ? random.pick(cancellers) : null,
      cancelReason: cancelled ? random.pick(cancelReasons) : null,
    });
  };

  for (const checkin of checkins) {
    const event = eventsById.get(checkin.eventId)!;
    if (event.kansentariefCents === null || !random.chance(0.75)) continue;
    const passholder = byId.get(checkin.passholderId)!;
    sell(event, passholder, new Date(Math.max(checkin.checkedInAt.getTime() - random.int(2, 25) * MINUTE, passholder.registeredAt.getTime())));
  }
  const mia = passholders.filter((passholder) => hasKansenstatuutOn(passholder, now));
  for (const event of events.filter((candidate) => candidate.startsAt > now && candidate.kansentariefCents !== null)) {
    for (const passholder of random.sample(mia, random.int(1, 5))) sell(event, passholder, random.between(addHours(now, -24 * 10), now));
  }
  return tickets.sort((a, b) => a.soldAt.getTime() - b.soldAt.getTime());
}

/** Usually the organiser itself; sometimes the Sociaal Huis of the passholder's municipality. */
function sellingCounter(random: Random, organiser: Counter, ticketCounters: Counter[], passholder: DemoPassholder): Counter {
  const social = ticketCounters.find((counter) => counter.type === "MUNICIPALITY" && counter.municipalityId === passholder.municipalityId);
  return social && random.chance(0.15) ? social : organiser;
}

export async function insertTickets(prisma: Db, tickets: TicketSale[]): Promise<void> {
  await inChunks(tickets, 500, (chunk) => prisma.ticketSale.createMany({ data: chunk }));
}
