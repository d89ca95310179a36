import type { Db } from "../core/transaction.js";
import type { Redemption, RedemptionChannel } from "@prisma/client";
import { currentPeriodKey } from "../core/advantages/eligibility.js";
import { localDate, within } from "../core/time/periods.js";
import { addDays, addHours, earliest, HOUR, latest } from "./clock.js";
import { inChunks } from "./chunks.js";
import { demoAccounts } from "./demo-accounts.js";
import type { DemoAdvantage } from "./demo-advantages.js";
import { cardAt, pickCounter, type DemoPassholder } from "./demo-passholders.js";
import { mayCheckIn, type Region } from "./demo-region.js";
import type { PointsTimeline, TimedStep } from "./points-timeline.js";
import type { Random } from "./random.js";

const EXCHANGE_ATTEMPTS = 45;
const removalReasons = ["Verkeerd voordeel aangeduid", "Pashouder zag af van het voordeel", "Dubbel geregistreerd aan de balie"];

interface Planner {
  random: Random;
  now: Date;
  region: Region;
  redemptions: Redemption[];
  taken: Map<string, number>;
}

/**
 * Candidate redemptions as time-ordered steps: one only happens when the rules allow it at that moment
 * (card active, stock, per-user limit and, for exchange, enough points). Accepted ones land in `redemptions`.
 */
export function redemptionSteps(random: Random, now: Date, region: Region, advantages: DemoAdvantage[], passholders: DemoPassholder[]) {
  const planner: Planner = { random, now, region, redemptions: [], taken: new Map() };
  const joined = new Map(region.municipalities.map((municipality) => [municipality.id, municipality.joinedAt.toISOString().slice(0, 10)]));
  const steps: TimedStep[] = [];
  for (const advantage of advantages) {
    const residents = passholders.filter((passholder) => advantage.municipalityIds.length === 0 || advantage.municipalityIds.includes(passholder.municipalityId));
    const from = latest(advantage.publicationStart, advantage.exchangeStart);
    const to = earliest(earliest(advantage.exchangeEnd ?? now, advantage.publicationEnd ?? now), now);
    if (from >= to) continue;
    if (advantage.kind === "WELCOME") {
      for (const passholder of residents) {
        const entitled = within(passholder.registeredAt, advantage.grantStart, advantage.grantEnd) && localDate(passholder.registeredAt) >= joined.get(passholder.municipalityId)!;
        const start = latest(from, passholder.registeredAt);
        const end = earliest(to, addDays(start, 30));
        if (!entitled || start >= end || !random.chance(0.5)) continue;
        const at = random.between(start, end);
        steps.push({ at, apply: (timeline) => void tryRedeem(planner, timeline, advantage, passholder, at) });
      }
    } else {
      for (let attempt = 0; attempt < EXCHANGE_ATTEMPTS; attempt++) {
        const at = random.between(from, to);
        // Whoever of a few residents can afford it at that moment exchanges it.
        const candidates = random.sample(residents.filter((passholder) => passholder.registeredAt < at), 40);
        steps.push({ at, apply: (timeline) => void candidates.find((passholder) => tryRedeem(planner, timeline, advantage, passholder, at)) });
      }
    }
  }
  return { steps, redemptions: planner.redemptions };
}

function tryRedeem(planner: Planner, timeline: PointsTimeline, advantage: DemoAdvantage, passholder: DemoPassholder, at: Date): boolean {
  const { random, now, region } = planner;
  const card = cardAt(passholder, at);
  const cost = advantage.kind === "EXCHANGE" ? advantage.points : 0;
  const key = currentPeriodKey(advantage, at);
  const stock = Math.min(advantage.unitsAvailable ?? Infinity, advantage.maxTotal ?? Infinity, advantage.usesUniqueCodes ? advantage.codes.length : Infinity);
  const limit = advantage.kind === "WELCOME" ? 1 : advantage.perUserLimit ?? Infinity;
  const userKey = `${advantage.id}|${passholder.id}|${key}`;
  // Removed redemptions still count here: stock and limits are never exceeded at any moment.
  const taken = planner.taken.get(`${advantage.id}`) ?? 0;
  if (!card || taken >= stock || (planner.taken.get(userKey) ?? 0) >= limit) return false;
  if (cost > 0 && !timeline.debit(passholder.id, at, cost)) return false;
  planner.taken.set(`${advantage.id}`, taken + 1);
  planner.taken.set(userKey, (planner.taken.get(userKey) ?? 0) + 1);

  const channel: RedemptionChannel = advantage.onlineExchange && (advantage.counterIds.length === 0 || random.chance(0.5)) ? "ONLINE" : "COUNTER";
  const counters = region.counters.filter((counter) => mayCheckIn(counter) && (advantage.counterIds.length === 0 || advantage.counterIds.includes(counter.id)));
  const removed = at.getTime() < now.getTime() - 2 * HOUR && random.chance(advantage.kind === "EXCHANGE" ? 0.05 : 0.02);
  const removedAt = removed ? random.between(addHours(at, 1), earliest(addDays(at, 10), now)) : null;
  if (removedAt && cost > 0) timeline.credit(passholder.id, removedAt, cost);
  planner.redemptions.push({
    id: random.uuid(),
    advantageId: advantage.id,
    kind: advantage.kind,
    passholderId: passholder.id,
    cardId: card.id,
    counterId: channel === "COUNTER" ? pickCounter(random, counters, passholder.municipalityId).id : null,
    channel,
    points: cost,
    periodKey: key,
    redeemedAt: at,
    status: removed ? "REMOVED" : "ACTIVE",
    removedAt,
    removedBy: removed ? random.pick(demoAccounts).email : null,
    removalReason: removed ? random.pick(removalReasons) : null,
  });
  return true;
}

/** Inserts the redemptions and sets each advantage's redeemedCount to its number of active redemptions. */
export async function insertRedemptions(prisma: Db, redemptions: Redemption[]): Promise<void> {
  await inChunks(redemptions, 500, (chunk) => prisma.redemption.createMany({ data: chunk }));
  await prisma.$executeRawUnsafe(`
    UPDATE "Advantage" a SET "redeemedCount" = (
      SELECT count(*)::int FROM "Redemption" r WHERE r."advantageId" = a."id" AND r."status" = 'ACTIVE')`);
}
