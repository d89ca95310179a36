import type { Database } from "../core/db/database.js";
import type { Tx } from "../core/transaction.js";
import { createAdvantages, insertAdvantageCodes } from "./demo-advantages.js";
import { correctionSteps, insertCheckins, planCheckins } from "./demo-checkins.js";
import { createCoupons } from "./demo-coupons.js";
import { createDeskDemo } from "./demo-desk.js";
import { createEvents } from "./demo-events.js";
import { demoLedgerActors, insertLedger, ledgerRows, syncPointsWithLedger } from "./demo-ledger.js";
import { createPassholders } from "./demo-passholders.js";
import { createPermanentEvents } from "./demo-permanent-events.js";
import { createPillars } from "./demo-pillars.js";
import { createProviders } from "./demo-providers.js";
import { insertRedemptions, redemptionSteps } from "./demo-redemptions.js";
import { createRegion } from "./demo-region.js";
import { insertTickets, planTickets } from "./demo-tickets.js";
import { applyInTimeOrder, PointsTimeline } from "./points-timeline.js";
import { Random } from "./random.js";
import { countRows, type DemoSummary } from "./summary.js";

export type { DemoSummary } from "./summary.js";

export class SeedRefused extends Error {
  override readonly name = "SeedRefused";
}

/** Demo accounts with known passwords must never exist in production. */
export function refuseInProduction(): void {
  if (process.env.NODE_ENV === "production") {
    throw new SeedRefused(
      "Demodata (met demo-accounts en gekende wachtwoorden) wordt nooit aangemaakt in productie (NODE_ENV=production).",
    );
  }
}

/**
 * Fills an empty, migrated database with the demo region UiTPAS Meetjesland. Deterministic: the same
 * `now` gives the same data; every moment in it is relative to `now`.
 */
export async function seedDemo(db: Database, options: { now?: Date } = {}): Promise<DemoSummary> {
  refuseInProduction();
  const prisma = db.prisma;
  if ((await prisma.cardSystem.count()) > 0) {
    throw new SeedRefused("De databank bevat al een kaartsysteem: demodata wordt enkel in een lege databank geladen.");
  }
  const now = options.now ?? new Date();
  // One transaction: a seed that fails halfway leaves an empty database, so the next start seeds again.
  await prisma.$transaction((tx) => fillDemo(tx, now), { maxWait: 10_000, timeout: 300_000 });
  return countRows(db, now);
}

async function fillDemo(prisma: Tx, now: Date): Promise<void> {
  const random = Random.from(now.toISOString());

  const region = await createRegion(prisma, random, now);
  const passholders = await createPassholders(prisma, random, now, region);
  const events = await createEvents(prisma, random, now, region);
  const pillars = await createPillars(prisma, region, events);
  const advantages = await createAdvantages(prisma, random, now, region);

  // Plan the whole history first: debits (corrections, exchanges) are only kept when the balance allows them.
  const checkins = planCheckins(random, now, events, passholders, pillars);
  const timeline = new PointsTimeline();
  for (const checkin of checkins) timeline.credit(checkin.passholderId, checkin.checkedInAt, checkin.points);
  const redeeming = redemptionSteps(random, now, region, advantages, passholders);
  applyInTimeOrder([...correctionSteps(random, now, checkins), ...redeeming.steps], timeline);
  const tickets = planTickets(random, now, region, events, passholders, checkins);

  await insertCheckins(prisma, checkins);
  await insertTickets(prisma, tickets);
  await insertRedemptions(prisma, redeeming.redemptions);
  await insertAdvantageCodes(prisma, advantages, redeeming.redemptions);
  const actors = demoLedgerActors(
    new Map(region.counters.map((counter) => [counter.id, counter.name])),
    new Map(pillars.map((pillar) => [pillar.id, pillar.cid])),
  );
  await insertLedger(prisma, ledgerRows(random, checkins, redeeming.redemptions, actors));
  await syncPointsWithLedger({
    exec: async (sql) => void (await prisma.$executeRawUnsafe(sql)),
    query: (sql, params = []) => prisma.$queryRawUnsafe(sql, ...params),
  });

  await createCoupons(prisma, random, now, region, passholders, events);
  await createProviders(prisma, now, region);

  // Last and from a stream of their own, so the generated history above stays as it was.
  const desk = Random.from(`${now.toISOString()}|balie`);
  const permanentEvents = await createPermanentEvents(prisma, desk, now, region);
  await createDeskDemo(prisma, desk, now, region, permanentEvents);
}
