import type { Db } from "../core/transaction.js";
import type { Checkin, CheckinChannel} from "@prisma/client";
import { periodKey } from "../core/time/periods.js";
import { inChunks } from "./chunks.js";
import { addHours, earliest, MINUTE } from "./clock.js";
import { demoAccounts } from "./demo-accounts.js";
import type { DemoEvent } from "./demo-events.js";
import { ageOn, cardAt, type DemoPassholder } from "./demo-passholders.js";
import type { DemoPillar } from "./demo-pillars.js";
import type { PointsTimeline, TimedStep } from "./points-timeline.js";
import type { Random } from "./random.js";

const CORRECTIONS = 25;
const correctionReasons = [
  "Dubbel ingecheckt aan de balie",
  "Verkeerd evenement gekozen",
  "Pashouder was niet aanwezig op de activiteit",
  "Kaart van een gezinslid gescand",
];

function audienceWeight(event: DemoEvent, passholder: DemoPassholder, at: Date): number {
  const age = ageOn(passholder.birthDate, at);
  if (event.audience === "children") return age <= 14 ? 6 : age >= 30 && age <= 50 ? 1 : 0.3;
  if (event.audience === "seniors") return age >= 65 ? 6 : 0.3;
  return age <= 10 ? 0.4 : 1;
}

/** Check-ins on past and running events, one per passholder, event and limit period, by counter, pillar or QR. */
export function planCheckins(random: Random, now: Date, events: DemoEvent[], passholders: DemoPassholder[], pillars: DemoPillar[]): Checkin[] {
  const checkins: Checkin[] = [];
  const taken = new Set<string>();
  for (const event of events) {
    const usablePillars = pillars.filter(
      (pillar) => pillar.counterIds.includes(event.organiserCounterId) && (pillar.fixedEventId ?? event.id) === event.id,
    );
    for (const [opens, closes] of event.openings) {
      if (opens >= now) continue;
      const pool = passholders.filter((passholder) => passholder.registeredAt < opens);
      if (pool.length === 0) continue;
      const weights = new Map(
        pool.map((passholder) => [passholder.id, audienceWeight(event, passholder, opens) * (passholder.municipalityId === event.municipalityId ? 3 : 1)]),
      );
      const end = earliest(closes, now);
      const wanted = Math.round(event.attendance * (0.7 + random.next() * 0.5));
      for (let attempt = 0; attempt < wanted; attempt++) {
        const passholder = random.weighted(pool, (candidate) => weights.get(candidate.id)!);
        // Most people arrive around the start; at long openings they come any time.
        const arrival = event.openings.length === 1 ? earliest(addHours(opens, 0.75), end) : end;
        const at = random.between(opens, arrival);
        const card = cardAt(passholder, at);
        const key = periodKey(event.checkinLimitPeriod, at);
        const unique = `${event.id}|${passholder.id}|${key}`;
        if (!card || taken.has(unique)) continue;
        taken.add(unique);
        const channel: CheckinChannel = usablePillars.length > 0 && random.chance(0.3) ? "PILLAR" : random.chance(0.15) ? "QR" : "COUNTER";
        checkins.push({
          id: random.uuid(),
          eventId: event.id,
          passholderId: passholder.id,
          cardId: card.id,
          counterId: channel === "COUNTER" ? event.organiserCounterId : null,
          pillarId: channel === "PILLAR" ? random.pick(usablePillars).id : null,
          channel,
          points: event.points,
          periodKey: key,
          slot: 1,
          checkedInAt: at,
          corrected: false,
          correctedAt: null,
          correctedBy: null,
          correctionReason: null,
        });
      }
    }
  }
  return checkins.sort((a, b) => a.checkedInAt.getTime() - b.checkedInAt.getTime());
}

/** A few wrongly awarded points, corrected later; only when the points were not spent in the meantime. */
export function correctionSteps(random: Random, now: Date, checkins: Checkin[]): TimedStep[] {
  const correctors = demoAccounts.filter((account) => account.role !== "COUNTER_STAFF").map((account) => account.email);
  const candidates = random.sample(
    checkins.filter((checkin) => checkin.checkedInAt.getTime() < now.getTime() - 60 * MINUTE),
    CORRECTIONS,
  );
  return candidates.map((checkin) => {
    const at = random.between(addHours(checkin.checkedInAt, 0.2), earliest(addHours(checkin.checkedInAt, 48), now));
    return {
      at,
      apply(timeline: PointsTimeline) {
        if (!timeline.debit(checkin.passholderId, at, checkin.points)) return;
        checkin.corrected = true;
        checkin.correctedAt = at;
        checkin.correctedBy = random.pick(correctors);
        checkin.correctionReason = random.pick(correctionReasons);
      },
    };
  });
}

export async function insertCheckins(prisma: Db, checkins: Checkin[]): Promise<void> {
  await inChunks(checkins, 1000, (chunk) => prisma.checkin.createMany({ data: chunk }));
}
