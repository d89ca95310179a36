import { createHash } from "node:crypto";
import { manualCodeFrom } from "../core/savecodes/manual-code.js";
import type { Db } from "../core/transaction.js";
import type { Event, LimitPeriod} from "@prisma/client";
import { addHours, brusselsTime, DAY } from "./clock.js";
import { counterNamed, type Region } from "./demo-region.js";
import type { Random } from "./random.js";

type Audience = "children" | "seniors";

interface EventDefinition {
  name: string;
  organiser: string;
  /** Days from now (negative = past) of the first day. */
  day: number;
  /** Local start hour (fractions for half hours) and length of each day in hours. */
  hour: number;
  hours: number;
  /** More than one day: open every day from `hour` for `hours`. */
  days?: number;
  /** Running right now: started this many hours ago (overrides day/hour). */
  startedHoursAgo?: number;
  /** Price and kansentarief in euro cents; none = free. */
  price?: [number, number];
  points?: number;
  limit?: [number, LimitPeriod];
  /** Expected check-ins per day (multi-day) or in total. */
  attendance: number;
  audience?: Audience;
}

// Organisers are counters with the check-in & ticket permission.
const definitions: EventDefinition[] = [
  { name: "Concert: Meetjeslandse Harmonie in concert", organiser: "Cultuurdienst Maldegem", day: -650, hour: 20, hours: 2.5, price: [1200, 300], attendance: 84 },
  { name: "Toneel: 'Boerenpsalm' door De Vrije Spelers", organiser: "Toneelkring De Vrije Spelers", day: -600, hour: 20, hours: 2.5, price: [1000, 300], attendance: 70 },
  { name: "Comedy: stand-upavond met jong talent", organiser: "CC De Herbakker", day: -560, hour: 20.25, hours: 2, price: [1800, 400], attendance: 98 },
  { name: "Kinderfilm in de cultuurzaal", organiser: "Cultuurcentrum Evergem", day: -520, hour: 14, hours: 2, price: [500, 150], attendance: 84, audience: "children" },
  { name: "Speelpleinwerking zomer", organiser: "Jeugddienst Aalter", day: -480, hour: 9, hours: 8, days: 25, price: [300, 100], attendance: 16, audience: "children" },
  { name: "Voorleesnamiddag: 'Met Dikkie Dik op stap'", organiser: "Bibliotheek Eeklo", day: -450, hour: 14, hours: 1.5, attendance: 56, audience: "children" },
  { name: "Sportkamp herfstvakantie", organiser: "Sportdienst Lievegem", day: -400, hour: 9, hours: 7, days: 5, price: [4500, 1000], attendance: 36, audience: "children" },
  { name: "Theater: 'De Kleine Prins'", organiser: "CC De Herbakker", day: -370, hour: 19.5, hours: 2, price: [1400, 350], points: 2, attendance: 112 },
  { name: "Wandelzoektocht langs de Moervaart", organiser: "Vrijetijdsdienst Wachtebeke", day: -340, hour: 10, hours: 7, days: 14, limit: [1, "ABSOLUTE"], attendance: 8 },
  { name: "Nieuwjaarsconcert", organiser: "Cultuurcentrum Evergem", day: -320, hour: 15, hours: 2, price: [1500, 400], attendance: 126, audience: "seniors" },
  { name: "Quizavond in het jeugdhuis", organiser: "Jeugdhuis 't Pleintje", day: -300, hour: 20, hours: 3, price: [500, 100], attendance: 63 },
  { name: "Lezing: 'Het Meetjesland in de Eerste Wereldoorlog'", organiser: "Bibliotheek Maldegem", day: -280, hour: 19.5, hours: 2, price: [400, 100], attendance: 56, audience: "seniors" },
  { name: "Knutselnamiddag in de krokusvakantie", organiser: "Bibliotheek Eeklo", day: -260, hour: 14, hours: 2, attendance: 63, audience: "children" },
  { name: "Dansvoorstelling: 'Lente'", organiser: "Cultuurdienst Maldegem", day: -230, hour: 20, hours: 2, price: [1600, 400], attendance: 98 },
  { name: "Paasfeest op de kinderboerderij", organiser: "Jeugddienst Aalter", day: -210, hour: 13, hours: 4, price: [400, 100], attendance: 112, audience: "children" },
  { name: "Familievoorstelling: 'Circus in de zaal'", organiser: "CC De Herbakker", day: -190, hour: 15, hours: 2, price: [1200, 300], attendance: 126, audience: "children" },
  { name: "Sportdag voor senioren", organiser: "Sportdienst Eeklo", day: -170, hour: 9.5, hours: 6, price: [500, 150], attendance: 84, audience: "seniors" },
  { name: "Openluchtfilm op de Markt", organiser: "Cultuurcentrum Evergem", day: -150, hour: 21.5, hours: 2.5, price: [300, 100], attendance: 140 },
  { name: "Meetjeslandse Feesten", organiser: "Cultuurdienst Maldegem", day: -130, hour: 14, hours: 9, days: 3, price: [800, 200], attendance: 70 },
  { name: "Speelpleinwerking zomer", organiser: "Jeugddienst Aalter", day: -115, hour: 9, hours: 8, days: 30, price: [300, 100], attendance: 20, audience: "children" },
  { name: "Zwemmarathon voor het goede doel", organiser: "Zwembad Zelzate", day: -100, hour: 10, hours: 8, price: [300, 100], attendance: 98 },
  { name: "Jeugdtheater: 'Roodkapje 2.0'", organiser: "Toneelkring De Vrije Spelers", day: -80, hour: 19, hours: 2, price: [800, 200], attendance: 84, audience: "children" },
  { name: "Workshop digitale vaardigheden voor 65-plussers", organiser: "Bibliotheek Maldegem", day: -60, hour: 10, hours: 2.5, attendance: 42, audience: "seniors" },
  { name: "Concert: Eeklose Harmonie", organiser: "CC De Herbakker", day: -45, hour: 20, hours: 2, price: [1000, 300], attendance: 126 },
  { name: "Kampioenschap minivoetbal", organiser: "Sportdienst Lievegem", day: -25, hour: 10, hours: 7, price: [300, 100], attendance: 98 },
  { name: "Halloweentocht", organiser: "Jeugdhuis 't Pleintje", day: -10, hour: 18, hours: 3, price: [400, 100], attendance: 98, audience: "children" },
  // Running now.
  { name: "Tentoonstelling 'Meetjesland in beeld'", organiser: "CC De Herbakker", day: -20, hour: 10, hours: 8, days: 45, price: [500, 100], attendance: 12 },
  { name: "Vrij zwemmen", organiser: "Zwembad Zelzate", day: -60, hour: 8, hours: 12, days: 180, price: [350, 100], limit: [2, "WEEK"], attendance: 6 },
  { name: "Leesclub in de bibliotheek", organiser: "Bibliotheek Eeklo", day: -75, hour: 9, hours: 10, days: 150, limit: [1, "MONTH"], attendance: 3 },
  { name: "Seniorennamiddag: dansen in het dienstencentrum", organiser: "Sociaal Huis Evergem", day: 0, hour: 0, hours: 3, startedHoursAgo: 1, price: [300, 100], attendance: 28, audience: "seniors" },
  // Coming up.
  { name: "Zwemles voor beginners", organiser: "Zwembad Zelzate", day: 8, hour: 10, hours: 1, price: [600, 150], attendance: 0, audience: "children" },
  { name: "Kerstconcert", organiser: "Cultuurcentrum Evergem", day: 12, hour: 20, hours: 2, price: [1500, 400], attendance: 0 },
  { name: "Theater: 'Allemaal Indiaan'", organiser: "CC De Herbakker", day: 18, hour: 20, hours: 2, price: [2000, 500], points: 2, attendance: 0 },
  { name: "Lezing: 'Leven aan de krekenkant'", organiser: "Bibliotheek Maldegem", day: 22, hour: 19.5, hours: 2, price: [400, 100], attendance: 0 },
  { name: "Familievoorstelling: 'Kapitein Winokio'", organiser: "Cultuurdienst Maldegem", day: 25, hour: 15, hours: 1.5, price: [1000, 250], attendance: 0, audience: "children" },
  { name: "Sportkamp kerstvakantie", organiser: "Sportdienst Lievegem", day: 30, hour: 9, hours: 7, days: 4, price: [4500, 1000], attendance: 0, audience: "children" },
  { name: "Workshop stripverhalen tekenen", organiser: "Jeugddienst Aalter", day: 35, hour: 14, hours: 3, price: [500, 100], attendance: 0, audience: "children" },
  { name: "Winterwandeling door het Meetjesland", organiser: "Vrijetijdsdienst Wachtebeke", day: 40, hour: 10, hours: 4, attendance: 0 },
  { name: "Nieuwjaarsreceptie met optreden", organiser: "Toneelkring De Vrije Spelers", day: 50, hour: 19, hours: 3, attendance: 0 },
  { name: "Fuif 'Meetjesland Danst'", organiser: "Jeugdhuis 't Pleintje", day: 60, hour: 21, hours: 5, price: [800, 200], points: 2, attendance: 0 },
];

export interface DemoEvent extends Event {
  /** Opening hours of each day: [start, end) instants, so multi-day check-ins fall in opening hours. */
  openings: [Date, Date][];
  attendance: number;
  audience?: Audience;
}

/** ~40 events: past ones, a few running right now, and upcoming ones. */
export async function createEvents(prisma: Db, random: Random, now: Date, region: Region): Promise<DemoEvent[]> {
  const events: DemoEvent[] = definitions.map((definition) => {
    const organiser = counterNamed(region, definition.organiser);
    const openings = openingsOf(definition, now);
    const startsAt = openings[0]![0];
    const endsAt = openings[openings.length - 1]![1];
    const id = random.uuid();
    return {
      id,
      cardSystemId: region.cardSystem.id,
      cdbid: random.uuid(),
      name: definition.name,
      description: null,
      location: `${organiser.name}, ${organiser.address}`,
      organiserCounterId: organiser.id,
      municipalityId: organiser.municipalityId,
      startsAt,
      endsAt,
      points: definition.points ?? 1,
      checkinMarginBeforeMinutes: null,
      checkinMarginAfterMinutes: null,
      checkinLimit: definition.limit?.[0] ?? 1,
      checkinLimitPeriod: definition.limit?.[1] ?? "DAY",
      priceCents: definition.price?.[0] ?? null,
      kansentariefCents: definition.price?.[1] ?? null,
      saveCodeVersion: 1,
      // The database would make a random one; demo data stays the same from run to run.
      manualCode: manualCodeFrom(createHash("sha256").update(id).digest()),
      cancelled: false,
      createdAt: new Date(Math.min(startsAt.getTime() - 30 * DAY, now.getTime())),
      updatedAt: now,
      openings,
      attendance: definition.attendance,
      audience: definition.audience,
    };
  });
  await prisma.event.createMany({
    data: events.map(({ openings: _openings, attendance: _attendance, audience: _audience, ...event }) => event),
  });
  return events;
}

function openingsOf(definition: EventDefinition, now: Date): [Date, Date][] {
  if (definition.startedHoursAgo !== undefined) {
    const start = addHours(now, -definition.startedHoursAgo);
    return [[start, addHours(start, definition.hours)]];
  }
  const hour = Math.floor(definition.hour);
  const minute = Math.round((definition.hour - hour) * 60);
  return Array.from({ length: definition.days ?? 1 }, (_, day) => {
    const start = brusselsTime(now, definition.day + day, hour, minute);
    return [start, addHours(start, definition.hours)] as [Date, Date];
  });
}
