import type { Db } from "../core/transaction.js";
import type { CouponTarget} from "@prisma/client";
import { addDays, addHours, earliest, latest } from "./clock.js";
import type { DemoEvent } from "./demo-events.js";
import { ageOn, cardAt, hasKansenstatuutOn, pickCounter, type DemoPassholder } from "./demo-passholders.js";
import { counterNamed, mayCheckIn, municipalityNamed, type Region } from "./demo-region.js";
import type { Random } from "./random.js";

interface CouponDefinition {
  name: string;
  description: string;
  conditions: string;
  discountCents: number;
  usageLimit: number;
  /** Days from now. */
  valid: [number, number];
  target: CouponTarget;
  municipality?: string;
  minAge?: number;
  maxAge?: number;
  key?: [number, number, number];
  /** Only used at this counter (for its events). */
  counter?: string;
}

const definitions: CouponDefinition[] = [
  {
    name: "€5 korting op een sportkamp",
    description: "Voor pashouders met kansenstatuut: twee keer €5 korting op een sportkamp.",
    conditions: "Enkel voor sportkampen van de sportdiensten in Meetjesland.",
    discountCents: 500,
    usageLimit: 2,
    valid: [-90, 90],
    target: "ALL_MIA",
    key: [0, 50, 50],
  },
  {
    name: "Gratis koffie voor 65-plussers",
    description: "Drie keer een gratis koffie in de cafetaria van een cultuurcentrum.",
    conditions: "Op vertoon van je UiTPAS, vanaf 65 jaar.",
    discountCents: 250,
    usageLimit: 3,
    valid: [-60, 120],
    target: "SEGMENT",
    minAge: 65,
  },
  {
    name: "Eeklo: €3 korting op een voorstelling in CC De Herbakker",
    description: "Voor inwoners van Eeklo.",
    conditions: "Niet cumuleerbaar met kansentarief.",
    discountCents: 300,
    usageLimit: 1,
    valid: [-50, 60],
    target: "SEGMENT",
    municipality: "Eeklo",
    counter: "CC De Herbakker",
  },
  {
    name: "Jongerencoupon: gratis drankje op een fuif",
    description: "Voor pashouders van 16 tot 25 jaar.",
    conditions: "Eén drankje, op vertoon van je UiTPAS.",
    discountCents: 200,
    usageLimit: 1,
    valid: [-20, 70],
    target: "SEGMENT",
    minAge: 16,
    maxAge: 25,
    counter: "Jeugdhuis 't Pleintje",
  },
  {
    name: "Nieuwjaarscoupon: gratis consumptie",
    description: "Voor alle pashouders, in januari.",
    conditions: "Eén consumptie aan een deelnemende balie.",
    discountCents: 250,
    usageLimit: 1,
    valid: [-330, -270],
    target: "ALL",
  },
];

/** Coupons for all, all MIA and segments, granted to the matching passholders, some of them used. */
export async function createCoupons(prisma: Db, random: Random, now: Date, region: Region, passholders: DemoPassholder[], events: DemoEvent[]): Promise<void> {
  const ticketCounters = region.counters.filter(mayCheckIn);
  for (const definition of definitions) {
    const validFrom = addDays(now, definition.valid[0]);
    const validUntil = addDays(now, definition.valid[1]);
    const segmentMunicipalityId = definition.municipality ? municipalityNamed(region, definition.municipality).id : null;
    const [keyParticipantPct, keyOrganiserPct, keyMunicipalityPct] = definition.key ?? [25, 55, 20];
    const coupon = await prisma.coupon.create({
      data: {
        cardSystemId: region.cardSystem.id,
        name: definition.name,
        description: definition.description,
        conditions: definition.conditions,
        discountCents: definition.discountCents,
        usageLimit: definition.usageLimit,
        validFrom,
        validUntil,
        target: definition.target,
        segmentMunicipalityId,
        segmentMinAge: definition.minAge ?? null,
        segmentMaxAge: definition.maxAge ?? null,
        keyParticipantPct,
        keyOrganiserPct,
        keyMunicipalityPct,
        createdAt: addDays(validFrom, -3),
      },
    });
    const matches = (passholder: DemoPassholder, at: Date) => {
      const age = ageOn(passholder.birthDate, at);
      if (definition.target === "ALL_MIA") return hasKansenstatuutOn(passholder, at);
      if (definition.target === "ALL") return true;
      return (
        (segmentMunicipalityId === null || passholder.municipalityId === segmentMunicipalityId) &&
        (definition.minAge === undefined || age >= definition.minAge) &&
        (definition.maxAge === undefined || age <= definition.maxAge)
      );
    };
    // Granted when the coupon started, or at registration for later passholders (while it is valid).
    const grants = passholders
      .map((passholder) => ({ passholder, grantedAt: latest(validFrom, passholder.registeredAt) }))
      .filter(({ passholder, grantedAt }) => grantedAt < earliest(validUntil, now) && matches(passholder, grantedAt));
    const usedAt = grants.map(({ passholder, grantedAt }) =>
      random.chance(0.35) ? usesOf(random, definition, grantedAt, earliest(validUntil, now), passholder, events, region) : [],
    );
    await prisma.couponGrant.createMany({
      data: grants.map(({ passholder, grantedAt }, index) => ({ couponId: coupon.id, passholderId: passholder.id, grantedAt, usedCount: usedAt[index]!.length })),
    });
    const grantIds = new Map((await prisma.couponGrant.findMany({ where: { couponId: coupon.id } })).map((grant) => [grant.passholderId, grant.id]));
    await prisma.couponUse.createMany({
      data: grants.flatMap(({ passholder }, index) =>
        usedAt[index]!.map((use) => ({
          grantId: grantIds.get(passholder.id)!,
          counterId: use.counterId ?? pickCounter(random, ticketCounters, passholder.municipalityId).id,
          eventId: use.eventId,
          usedAt: use.at,
        })),
      ),
    });
  }
}

interface PlannedUse {
  at: Date;
  counterId?: number;
  eventId: string | null;
}

function usesOf(random: Random, definition: CouponDefinition, from: Date, to: Date, passholder: DemoPassholder, events: DemoEvent[], region: Region): PlannedUse[] {
  const counterId = definition.counter ? counterNamed(region, definition.counter).id : undefined;
  const chosen = counterId ? events.filter((event) => event.organiserCounterId === counterId && event.startsAt > from && event.startsAt < to) : [];
  const uses: PlannedUse[] = [];
  for (let i = random.int(1, definition.usageLimit); i > 0; i--) {
    const event = chosen.length > 0 ? random.pick(chosen) : undefined;
    const at = event ? latest(from, addHours(event.startsAt, -0.3)) : random.between(from, to);
    if (!cardAt(passholder, at) || (counterId && !event)) continue;
    uses.push({ at, counterId, eventId: event?.id ?? null });
  }
  return uses.sort((a, b) => a.at.getTime() - b.at.getTime());
}
