import type { Advantage, Event, Passholder, Prisma, PrismaClient } from "@prisma/client";
import { afterAll, beforeAll } from "vitest";
import type { StaffActor } from "../../core/access/actor.js";
import type { DatabaseKind } from "../../core/db/database.js";
import { cardNumberFrom } from "../../core/validation/card-number.js";
import { freshDatabase, type TestDatabase } from "./databases.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let sequence = 0;

/** A unique, valid card number for tests. */
export function nextCardNumber(): string {
  sequence += 1;
  return cardNumberFrom(`09${String(process.pid % 1000).padStart(3, "0")}${String(sequence).padStart(7, "0")}`);
}

export interface World {
  cardSystemId: number;
  eeklo: number;
  assenede: number;
  /** Authorised registration + check-in & ticket, in Eeklo. */
  authorisedCounter: number;
  /** Non-authorised registration only, in Eeklo. */
  registrationCounter: number;
  /** Check-in & ticket only, in Assenede. */
  checkinCounter: number;
  /** No permission group at all. */
  bareCounter: number;
  now: Date;
}

/** A small card system: two municipalities with postal codes and four counters of different permissions. */
/**
 * The test world's clock: yesterday at 10:00 UTC (noon in Brussels). Real, but never near midnight, so
 * "an hour later" stays the same day whatever time the suite runs.
 */
export function middayYesterday(): Date {
  const today = new Date().toISOString().slice(0, 10);
  return new Date(new Date(`${today}T10:00:00Z`).getTime() - DAY);
}

export async function createWorld(prisma: PrismaClient, now = middayYesterday()): Promise<World> {
  const cardSystem = await prisma.cardSystem.create({ data: { name: `UiTPAS Test ${sequence++}` } });
  const municipality = (name: string, joinedAt: Date, codes: [string, string][]) =>
    prisma.municipality.create({
      data: {
        cardSystemId: cardSystem.id,
        name,
        joinedAt,
        subMunicipalities: { create: codes.map(([postalCode, sub]) => ({ postalCode, name: sub })) },
      },
    });
  const eeklo = await municipality("Eeklo", new Date(now.getTime() - 3 * 365 * DAY), [["9900", "Eeklo"]]);
  const assenede = await municipality("Assenede", new Date(now.getTime() - 365 * DAY), [
    ["9960", "Assenede"],
    ["9961", "Boekhoute"],
    ["9968", "Bassevelde"],
    ["9968", "Oosteeklo"],
  ]);
  const counter = (name: string, municipalityId: number, permissionGroups: Prisma.CounterCreateInput["permissionGroups"]) =>
    prisma.counter.create({
      data: { name, cardSystemId: cardSystem.id, municipalityId, consumerKey: `${name}-${cardSystem.id}`, permissionGroups },
    });
  const authorised = await counter("Sociaal Huis Eeklo", eeklo.id, ["AUTHORISED_REGISTRATION", "CHECKIN_TICKET"]);
  const registration = await counter("Bibliotheek Eeklo", eeklo.id, ["NON_AUTHORISED_REGISTRATION"]);
  const checkin = await counter("Sporthal Assenede", assenede.id, ["CHECKIN_TICKET"]);
  const bare = await counter("Jeugdhuis Assenede", assenede.id, []);
  return {
    cardSystemId: cardSystem.id,
    eeklo: eeklo.id,
    assenede: assenede.id,
    authorisedCounter: authorised.id,
    registrationCounter: registration.id,
    checkinCounter: checkin.id,
    bareCounter: bare.id,
    now,
  };
}

export async function createPassholder(
  prisma: PrismaClient,
  world: World,
  overrides: Partial<Prisma.PassholderUncheckedCreateInput> = {},
): Promise<Passholder & { cardNumber: string }> {
  const cardNumber = nextCardNumber();
  const passholder = await prisma.passholder.create({
    data: {
      cardSystemId: world.cardSystemId,
      firstName: "Lotte",
      lastName: `Van Damme ${sequence}`,
      birthDate: new Date("1990-05-17"),
      postalCode: "9900",
      city: "Eeklo",
      municipalityId: world.eeklo,
      registeredAt: new Date(world.now.getTime() - 30 * DAY),
      registeredAtCounterId: world.authorisedCounter,
      ...overrides,
      cards: { create: { number: cardNumber } },
    },
  });
  return { ...passholder, cardNumber };
}

/** An event organised by the check-in counter, running now unless overridden. */
export function createEvent(prisma: PrismaClient, world: World, overrides: Partial<Prisma.EventUncheckedCreateInput> = {}): Promise<Event> {
  sequence += 1;
  return prisma.event.create({
    data: {
      cardSystemId: world.cardSystemId,
      cdbid: `cdbid-${process.pid}-${sequence}`,
      name: `Voorstelling ${sequence}`,
      organiserCounterId: world.checkinCounter,
      municipalityId: world.assenede,
      startsAt: new Date(world.now.getTime() - HOUR),
      endsAt: new Date(world.now.getTime() + 2 * HOUR),
      priceCents: 1200,
      kansentariefCents: 300,
      ...overrides,
    },
  });
}

/** An exchange advantage redeemable now at the check-in counter, unless overridden. */
export function createAdvantage(
  prisma: PrismaClient,
  world: World,
  overrides: Partial<Prisma.AdvantageUncheckedCreateInput> = {},
  counters: number[] = [world.checkinCounter],
): Promise<Advantage> {
  return prisma.advantage.create({
    data: {
      cardSystemId: world.cardSystemId,
      kind: "EXCHANGE",
      title: `Gratis koffie ${sequence++}`,
      points: 5,
      publicationStart: new Date(world.now.getTime() - 10 * DAY),
      exchangeStart: new Date(world.now.getTime() - 10 * DAY),
      // Online exchange sends the passholder to a secure link (a rule of the database).
      ...(overrides.onlineExchange ? { onlineUrl: "https://www.uitpasmeetjesland.be/voordeel" } : {}),
      ...overrides,
      counters: { create: counters.map((counterId) => ({ counterId })) },
    },
  });
}

export const time = { HOUR, DAY };

/** A staff member as core's rules see them; no user row is needed, the rules read only these fields. */
export function staffActor(
  role: StaffActor["role"],
  options: { email?: string; municipalityId?: number | null; counterIds?: number[]; mayViewInsz?: boolean } = {},
): StaffActor {
  return {
    kind: "STAFF",
    userId: 0,
    email: options.email ?? `${role.toLowerCase()}@test.be`,
    role,
    municipalityId: options.municipalityId ?? null,
    counterIds: options.counterIds ?? [],
    mayViewInsz: options.mayViewInsz ?? false,
  };
}

export interface WorldContext {
  db: TestDatabase;
  world: World;
}

/** Per test file: a fresh database of `kind` with a world in it, disposed after the file's tests. */
export function worldOn(kind: DatabaseKind, now?: Date): WorldContext {
  const context = {} as WorldContext;
  beforeAll(async () => {
    context.db = await freshDatabase(kind);
    context.world = await createWorld(context.db.prisma, now);
  });
  afterAll(() => context.db.dispose());
  return context;
}
