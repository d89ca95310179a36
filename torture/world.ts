import { randomUUID } from "node:crypto";
import type { Database } from "../core/db/database.js";
import { requestSignInLink } from "../core/portal/sign-in-links.js";
import { signSaveCode } from "../core/savecodes/save-code.js";
import { cardNumberFrom } from "../core/validation/card-number.js";

const HOUR = 3_600_000;

export interface StormPassholder {
  id: string;
  /** A one-use portal sign-in link token, as the mail would carry it. */
  token: string;
}

export interface StormEvent {
  id: string;
  /** The event's signed QR save-code (the part after /sparen/). */
  code: string;
}

export interface StormWorld {
  passholders: StormPassholder[];
  events: StormEvent[];
}

/**
 * A small region for the storm, written before the server starts: events open for saving right now (one point
 * per passholder per day), passholders with an active card and an unused sign-in link each.
 */
export async function seedStormWorld(db: Database, size: { passholders: number; events: number; qrSecret: string }): Promise<StormWorld> {
  const now = new Date();
  const { prisma } = db;
  const cardSystem = await prisma.cardSystem.create({ data: { name: `UiTPAS Storm ${randomUUID().slice(0, 8)}` } });
  const municipality = await prisma.municipality.create({
    data: { cardSystemId: cardSystem.id, name: "Eeklo", joinedAt: new Date("2020-01-01"), subMunicipalities: { create: [{ postalCode: "9900", name: "Eeklo" }] } },
  });
  const counter = await prisma.counter.create({
    data: {
      cardSystemId: cardSystem.id,
      municipalityId: municipality.id,
      name: "Cultuurcentrum Eeklo",
      consumerKey: `storm-${cardSystem.id}`,
      permissionGroups: ["CHECKIN_TICKET"],
    },
  });
  const events = Array.from({ length: size.events }, (_, i) => ({
    id: randomUUID(),
    cardSystemId: cardSystem.id,
    cdbid: `storm-${cardSystem.id}-${i}`,
    name: `Stormvoorstelling ${i + 1}`,
    organiserCounterId: counter.id,
    municipalityId: municipality.id,
    startsAt: new Date(now.getTime() - HOUR),
    endsAt: new Date(now.getTime() + 3 * HOUR),
  }));
  await prisma.event.createMany({ data: events });
  const passholders = Array.from({ length: size.passholders }, (_, i) => ({
    id: randomUUID(),
    cardSystemId: cardSystem.id,
    firstName: "Storm",
    lastName: `Pashouder ${i + 1}`,
    birthDate: new Date("1990-05-17"),
    email: `storm-${cardSystem.id}-${i + 1}@example.test`,
    postalCode: "9900",
    city: "Eeklo",
    municipalityId: municipality.id,
    registeredAtCounterId: counter.id,
  }));
  await prisma.passholder.createMany({ data: passholders });
  await prisma.card.createMany({
    data: passholders.map((passholder, i) => ({
      number: cardNumberFrom(`08${String(cardSystem.id % 1000).padStart(3, "0")}${String(i + 1).padStart(7, "0")}`),
      passholderId: passholder.id,
    })),
  });
  const signedIn: StormPassholder[] = [];
  for (const passholder of passholders) {
    const link = await requestSignInLink(prisma, { email: passholder.email });
    if (!link) throw new Error(`no sign-in link for ${passholder.email}`);
    signedIn.push({ id: passholder.id, token: link.token });
  }
  return {
    passholders: signedIn,
    events: events.map((event) => ({ id: event.id, code: signSaveCode(size.qrSecret, { eventId: event.id, version: 1 }) })),
  };
}
