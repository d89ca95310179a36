import type { Db } from "../core/transaction.js";
import type { Advantage, AdvantageKind, LimitPeriod, Redemption } from "@prisma/client";
import { addDays, latest } from "./clock.js";
import { counterNamed, municipalityNamed, type Region } from "./demo-region.js";
import type { Random } from "./random.js";

interface AdvantageDefinition {
  kind: AdvantageKind;
  title: string;
  description: string;
  owner?: string;
  points?: number;
  unitsAvailable?: number;
  maxTotal?: number;
  perUser?: [number, LimitPeriod];
  /** Days from now; open ends when absent. */
  publication: [number, number?];
  grant?: [number, number?];
  exchange: [number, number?];
  counters: string[];
  residentsOf?: string[];
  onlineUrl?: string;
  uniqueCodes?: number;
  /** Welcome advantages of a municipality start when it joined. */
  fromJoinOf?: string;
}

const welcomeCounters = ["Sociaal Huis Eeklo", "Bibliotheek Eeklo", "Sociaal Huis Maldegem", "Bibliotheek Maldegem", "Sociaal Huis Evergem", "Vrijetijdsdienst Wachtebeke"];

const definitions: AdvantageDefinition[] = [
  {
    kind: "WELCOME",
    title: "Gratis UiTPAS-draagtas",
    description: "Bij je eerste UiTPAS Meetjesland krijg je een stevige draagtas.",
    unitsAvailable: 400,
    publication: [-800],
    // Covers registrations for ten years, so a passholder registered at a desk counter long after the demo loads still gets one.
    grant: [-800, 3650],
    exchange: [-800],
    counters: welcomeCounters,
  },
  {
    kind: "WELCOME",
    title: "Welkom in Eeklo: gratis zwembeurt",
    description: "Nieuwe pashouders uit Eeklo zwemmen één keer gratis.",
    owner: "Eeklo",
    publication: [-420],
    grant: [-400, 200],
    exchange: [-400],
    counters: ["Sportdienst Eeklo"],
    residentsOf: ["Eeklo"],
  },
  {
    kind: "WELCOME",
    title: "Welkom in Maldegem: gratis ticket voor een familievoorstelling",
    description: "Eén gratis ticket voor een familievoorstelling van de cultuurdienst.",
    owner: "Maldegem",
    unitsAvailable: 50,
    maxTotal: 50,
    publication: [-500, 120],
    grant: [-500, 90],
    exchange: [-500, 120],
    counters: ["Cultuurdienst Maldegem"],
    residentsOf: ["Maldegem"],
  },
  {
    kind: "WELCOME",
    title: "Welkom in Zelzate: gratis beurtenkaart voor het zwembad",
    description: "Zelzate is nieuw in UiTPAS Meetjesland: nieuwe pashouders krijgen een beurtenkaart van vijf zwembeurten.",
    owner: "Zelzate",
    publication: [-135],
    exchange: [-150],
    counters: ["Zwembad Zelzate"],
    residentsOf: ["Zelzate"],
    fromJoinOf: "Zelzate",
  },
  {
    kind: "EXCHANGE",
    title: "Gratis koffie of thee in de cafetaria van CC De Herbakker",
    description: "Ruil 3 punten voor een warme drank voor of na de voorstelling.",
    owner: "Eeklo",
    points: 3,
    perUser: [1, "DAY"],
    publication: [-500],
    exchange: [-500],
    counters: ["CC De Herbakker"],
  },
  {
    kind: "EXCHANGE",
    title: "Gratis zwembeurt in Zelzate",
    description: "Voor inwoners van Zelzate en Wachtebeke: 5 punten voor een zwembeurt, twee keer per maand.",
    owner: "Zelzate",
    points: 5,
    perUser: [2, "MONTH"],
    publication: [-110],
    exchange: [-100],
    counters: ["Zwembad Zelzate"],
    residentsOf: ["Zelzate", "Wachtebeke"],
  },
  {
    kind: "EXCHANGE",
    title: "UiTPAS-drinkbus",
    description: "Een herbruikbare drinkbus van UiTPAS Meetjesland, zolang de voorraad strekt.",
    points: 10,
    unitsAvailable: 40,
    perUser: [1, "ABSOLUTE"],
    publication: [-300],
    exchange: [-300],
    counters: welcomeCounters,
  },
  {
    kind: "EXCHANGE",
    title: "€5 korting op een voorstelling in CC De Herbakker",
    description: "Eén keer per jaar, maximaal 30 keer in totaal.",
    owner: "Eeklo",
    points: 20,
    maxTotal: 30,
    perUser: [1, "YEAR"],
    publication: [-400],
    exchange: [-400],
    counters: ["CC De Herbakker"],
  },
  {
    kind: "EXCHANGE",
    title: "Gratis e-boek via de online bibliotheek",
    description: "Ruil je punten online en lees een e-boek naar keuze.",
    points: 8,
    perUser: [1, "QUARTER"],
    publication: [-250],
    exchange: [-250],
    counters: [],
    onlineUrl: "https://www.uitpasmeetjesland.be/voordelen/gratis-e-boek",
  },
  {
    kind: "EXCHANGE",
    title: "20% korting in de webshop van Streekproducten Meetjesland",
    description: "Je krijgt een unieke kortingscode voor één bestelling.",
    points: 6,
    perUser: [1, "ABSOLUTE"],
    publication: [-200],
    exchange: [-200, 60],
    counters: [],
    onlineUrl: "https://www.streekproducten-meetjesland.example/uitpas",
    uniqueCodes: 20,
  },
  {
    kind: "EXCHANGE",
    title: "Gratis ijsje op de sportdag",
    description: "Binnenkort: ruil 4 punten voor een ijsje op de sportdag van Lievegem.",
    points: 4,
    publication: [14, 60],
    exchange: [21, 60],
    counters: ["Sportdienst Lievegem"],
  },
  {
    kind: "EXCHANGE",
    title: "Gratis drankje op de Meetjeslandse Feesten",
    description: "Was geldig tijdens de Meetjeslandse Feesten.",
    points: 3,
    perUser: [1, "ABSOLUTE"],
    publication: [-160, -30],
    exchange: [-140, -30],
    counters: ["Cultuurdienst Maldegem"],
  },
];

export type DemoAdvantage = Advantage & { counterIds: number[]; municipalityIds: number[]; codes: string[] };

/** ~4 welcome and ~8 exchange advantages with their counters, municipality restrictions and (for one) unique codes. */
export async function createAdvantages(prisma: Db, random: Random, now: Date, region: Region): Promise<DemoAdvantage[]> {
  const day = (offset: number | undefined) => (offset === undefined ? null : addDays(now, offset));
  const advantages: DemoAdvantage[] = [];
  for (const definition of definitions) {
    const joined = definition.fromJoinOf ? municipalityNamed(region, definition.fromJoinOf).joinedAt : undefined;
    const counterIds = definition.counters.map((name) => counterNamed(region, name).id);
    const municipalityIds = (definition.residentsOf ?? []).map((name) => municipalityNamed(region, name).id);
    const advantage = await prisma.advantage.create({
      data: {
        cardSystemId: region.cardSystem.id,
        kind: definition.kind,
        title: definition.title,
        description: definition.description,
        ownerMunicipalityId: definition.owner ? municipalityNamed(region, definition.owner).id : null,
        points: definition.points ?? 0,
        unitsAvailable: definition.uniqueCodes ?? definition.unitsAvailable ?? null,
        maxTotal: definition.maxTotal ?? null,
        perUserLimit: definition.perUser?.[0] ?? null,
        perUserLimitPeriod: definition.perUser?.[1] ?? "ABSOLUTE",
        publicationStart: day(definition.publication[0])!,
        publicationEnd: day(definition.publication[1]),
        grantStart: joined ?? day(definition.grant?.[0]),
        grantEnd: joined ? null : day(definition.grant?.[1]),
        exchangeStart: joined ? latest(joined, addDays(now, definition.exchange[0])) : day(definition.exchange[0])!,
        exchangeEnd: day(definition.exchange[1]),
        onlineExchange: definition.onlineUrl !== undefined,
        onlineUrl: definition.onlineUrl ?? null,
        usesUniqueCodes: definition.uniqueCodes !== undefined,
        createdAt: addDays(now, definition.publication[0] - 7),
        counters: { create: counterIds.map((counterId) => ({ counterId })) },
        municipalities: { create: municipalityIds.map((municipalityId) => ({ municipalityId })) },
      },
    });
    const codes = Array.from({ length: definition.uniqueCodes ?? 0 }, () => `MTJ-${random.hex(4).toUpperCase()}-${random.hex(4).toUpperCase()}`);
    advantages.push({ ...advantage, counterIds, municipalityIds, codes });
  }
  return advantages;
}

/** The imported codes; the first ones were handed out to the redemptions, in redemption order. */
export async function insertAdvantageCodes(prisma: Db, advantages: DemoAdvantage[], redemptions: Redemption[]): Promise<void> {
  for (const advantage of advantages.filter((entry) => entry.codes.length > 0)) {
    const holders = redemptions.filter((redemption) => redemption.advantageId === advantage.id);
    await prisma.advantageCode.createMany({
      data: advantage.codes.map((code, index) => ({
        advantageId: advantage.id,
        code,
        importedAt: addDays(advantage.publicationStart, -1),
        redemptionId: holders[index]?.id ?? null,
      })),
    });
  }
}
