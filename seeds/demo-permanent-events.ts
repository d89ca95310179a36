import { createHash } from "node:crypto";
import type { Counter, Event } from "@prisma/client";
import { manualCodeFrom } from "../core/savecodes/manual-code.js";
import type { Db } from "../core/transaction.js";
import { brusselsTime, DAY } from "./clock.js";
import { counterNamed, type Region } from "./demo-region.js";
import type { Random } from "./random.js";

/** The demo is seeded once, at the first start: these activities stay open for check-in for years after it. */
const OPEN_FOR_YEARS = 10;

export const DESK_COUNTER = "Sociaal Huis Eeklo";

/** The activity of the desk walk-through with a regular price and a kansentarief, at DESK_COUNTER. */
export const DESK_TARIFF_EVENT = { name: "Sociaal restaurant Eeklo: dagschotel", priceCents: 800, kansentariefCents: 200 } as const;

export function permanentEventName(counter: Pick<Counter, "name">): string {
  return `UiTPAS-punt ${counter.name}: vrije inloop`;
}

interface PermanentEvent {
  counter: Counter;
  name: string;
  description: string;
  startsAt: Date;
  price?: { priceCents: number; kansentariefCents: number };
}

/**
 * One activity per counter that is open for check-in at any moment from a year before the demo's start until
 * years after it (one point a day), so every counter's desk can save a point whenever the demo starts; and the
 * desk counter's restaurant with a tariff, from the demo's first day.
 */
export async function createPermanentEvents(prisma: Db, random: Random, now: Date, region: Region): Promise<Event[]> {
  const endsAt = brusselsTime(now, Math.round(OPEN_FOR_YEARS * 365.25), 23, 59);
  const planned: PermanentEvent[] = region.counters.map((counter) => ({
    counter,
    name: permanentEventName(counter),
    description: "Doorlopende activiteit: wie langskomt, spaart hier elke dag één punt.",
    startsAt: brusselsTime(now, -365, 0),
  }));
  planned.push({
    counter: counterNamed(region, DESK_COUNTER),
    name: DESK_TARIFF_EVENT.name,
    description: "Elke dag een warme maaltijd; met kansenstatuut aan kansentarief.",
    startsAt: brusselsTime(now, 0, 0),
    price: DESK_TARIFF_EVENT,
  });
  const events: Event[] = planned.map(({ counter, name, description, startsAt, price }) => {
    const id = random.uuid();
    return {
      id,
      cardSystemId: region.cardSystem.id,
      cdbid: random.uuid(),
      name,
      description,
      location: `${counter.name}, ${counter.address}`,
      organiserCounterId: counter.id,
      municipalityId: counter.municipalityId,
      startsAt,
      endsAt,
      points: 1,
      checkinMarginBeforeMinutes: null,
      checkinMarginAfterMinutes: null,
      checkinLimit: 1,
      checkinLimitPeriod: "DAY",
      priceCents: price?.priceCents ?? null,
      kansentariefCents: price?.kansentariefCents ?? null,
      saveCodeVersion: 1,
      manualCode: manualCodeFrom(createHash("sha256").update(id).digest()),
      cancelled: false,
      createdAt: new Date(Math.min(startsAt.getTime() - 30 * DAY, now.getTime())),
      updatedAt: now,
    };
  });
  await prisma.event.createMany({ data: events });
  return events;
}
