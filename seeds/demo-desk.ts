import type { Event, Gender } from "@prisma/client";
import { defaultKansenstatuutEnd, periodKey } from "../core/time/periods.js";
import type { Db } from "../core/transaction.js";
import { cardNumberFrom } from "../core/validation/card-number.js";
import { addDays, brusselsTime, calendarDay } from "./clock.js";
import { DESK_COUNTER, permanentEventName } from "./demo-permanent-events.js";
import { counterNamed, municipalityNamed, type Region } from "./demo-region.js";
import type { Random } from "./random.js";

/**
 * Passholders with fixed names and card numbers, so the README can tell a tester which card to type at the
 * desk. Their card numbers lie outside the generated ones (prefix 0900000).
 */
export interface DeskPassholder {
  firstName: string;
  lastName: string;
  gender: Gender;
  age: number;
  email: string;
  street: string;
  houseNumber: string;
  cardNumber: string;
  registeredDaysAgo: number;
  registeredAt: string;
  kansenstatuut?: "VALID" | "EXPIRED";
  /** Days with a point saved at the permanent activity of `registeredAt`: the balance. */
  visits: number;
}

export const deskPassholders: readonly DeskPassholder[] = [
  {
    firstName: "Mia",
    lastName: "Verhulst",
    gender: "FEMALE",
    age: 38,
    email: "mia.verhulst@example.com",
    street: "Kerkstraat",
    houseNumber: "12",
    cardNumber: cardNumberFrom("090000100001"),
    registeredDaysAgo: 700,
    registeredAt: DESK_COUNTER,
    kansenstatuut: "VALID",
    visits: 12,
  },
  {
    firstName: "Jonas",
    lastName: "Vanneste",
    gender: "MALE",
    age: 29,
    email: "jonas.vanneste@example.com",
    street: "Stationsstraat",
    houseNumber: "48",
    cardNumber: cardNumberFrom("090000100002"),
    registeredDaysAgo: 45,
    registeredAt: "Bibliotheek Eeklo",
    visits: 4,
  },
  {
    firstName: "Karim",
    lastName: "Haddad",
    gender: "MALE",
    age: 52,
    email: "karim.haddad@example.com",
    street: "Molenstraat",
    houseNumber: "7",
    cardNumber: cardNumberFrom("090000100003"),
    registeredDaysAgo: 500,
    registeredAt: DESK_COUNTER,
    kansenstatuut: "EXPIRED",
    visits: 7,
  },
];

/** Valid card numbers no demo card uses, for "Pashouder registreren". */
export const freeCardNumbers: readonly string[] = ["090000100101", "090000100102", "090000100103"].map(cardNumberFrom);

/** An exchange advantage at the desk counter that a desk passholder can take every day. */
export const DESK_ADVANTAGE = { title: "Gratis koffie of thee aan het onthaal van Sociaal Huis Eeklo", points: 3 } as const;

/** The desk counter's own pillar, set to automatic: its Zuilen page has one to set. */
export const DESK_PILLAR = { cid: "ZUIL-MTJ-006", name: "Zuil onthaal Sociaal Huis Eeklo" } as const;

/** The desk passholders (in Eeklo) with their cards, visits and ledger, and the desk counter's exchange advantage and pillar. */
export async function createDeskDemo(prisma: Db, random: Random, now: Date, region: Region, permanentEvents: Event[]): Promise<void> {
  const eeklo = municipalityNamed(region, "Eeklo");
  const [postalCode, city] = [eeklo.subMunicipalities[0]!.postalCode, eeklo.subMunicipalities[0]!.name];
  for (const person of deskPassholders) {
    const counter = counterNamed(region, person.registeredAt);
    const event = permanentEvents.find((candidate) => candidate.name === permanentEventName(counter))!;
    const registeredAt = brusselsTime(now, -person.registeredDaysAgo, 10, 15);
    const passholder = await prisma.passholder.create({
      data: {
        id: random.uuid(),
        cardSystemId: region.cardSystem.id,
        firstName: person.firstName,
        lastName: person.lastName,
        birthDate: calendarDay(addDays(now, -Math.round((person.age + 0.5) * 365.25))),
        gender: person.gender,
        email: person.email,
        street: person.street,
        houseNumber: person.houseNumber,
        postalCode,
        city,
        municipalityId: eeklo.id,
        kansenstatuutStart: person.kansenstatuut ? calendarDay(registeredAt) : null,
        kansenstatuutEnd:
          person.kansenstatuut === "VALID" ? defaultKansenstatuutEnd(addDays(now, 2 * 365)) : person.kansenstatuut ? calendarDay(addDays(now, -20)) : null,
        points: person.visits * event.points,
        registeredAt,
        registeredAtCounterId: counter.id,
        createdAt: registeredAt,
      },
    });
    const card = await prisma.card.create({
      data: { number: person.cardNumber, passholderId: passholder.id, issueReason: "FIRST_CARD", issuedAt: registeredAt, issuedAtCounterId: counter.id },
    });
    for (let visit = 0; visit < person.visits; visit++) {
      const at = brusselsTime(now, -(2 + 3 * visit), 10, 30);
      const checkin = await prisma.checkin.create({
        data: {
          id: random.uuid(),
          eventId: event.id,
          passholderId: passholder.id,
          cardId: card.id,
          counterId: counter.id,
          channel: "COUNTER",
          points: event.points,
          periodKey: periodKey(event.checkinLimitPeriod, at),
          slot: 1,
          checkedInAt: at,
        },
      });
      await prisma.pointsTransaction.create({
        data: { id: random.uuid(), passholderId: passholder.id, type: "CHECKIN", amount: event.points, checkinId: checkin.id, createdAt: at, createdBy: `balie ${counter.name}` },
      });
    }
  }
  await prisma.advantage.create({
    data: {
      cardSystemId: region.cardSystem.id,
      kind: "EXCHANGE",
      title: DESK_ADVANTAGE.title,
      description: `Ruil ${DESK_ADVANTAGE.points} punten voor een warme drank, één keer per dag.`,
      ownerMunicipalityId: eeklo.id,
      points: DESK_ADVANTAGE.points,
      perUserLimit: 1,
      perUserLimitPeriod: "DAY",
      publicationStart: addDays(now, -300),
      exchangeStart: addDays(now, -300),
      createdAt: addDays(now, -307),
      counters: { create: [{ counterId: counterNamed(region, DESK_COUNTER).id }] },
    },
  });
  const deskCounter = counterNamed(region, DESK_COUNTER);
  await prisma.pillar.create({
    data: { ...DESK_PILLAR, municipalityId: deskCounter.municipalityId, eventMode: "AUTOMATIC", counters: { create: [{ counterId: deskCounter.id }] } },
  });
}
