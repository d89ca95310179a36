import type { PrismaClient } from "@prisma/client";
import { freshDatabase, type TestDatabase } from "../helpers/databases.js";
import { createAdvantage, createEvent, createPassholder, createWorld, nextCardNumber, time, type World } from "../helpers/fixtures.js";
import type { Browser } from "../server/http.js";
import { createUser, PASSWORD } from "../server/serve-app.js";
import { deskSignIn, serveDesk } from "./desk-client.js";

export { PASSWORD };

/**
 * A card system for the desk: staff of the authorised counter (Sociaal Huis Eeklo), of the check-in counter and of
 * none; an activity of each counter open now; passholders with and without kansenstatuut, one blocked card.
 */
export async function deskWorld(prisma: PrismaClient) {
  const world: World = await createWorld(prisma, new Date());
  const link = async (email: string, counterId?: number) => {
    const user = await createUser({ prisma } as never, email, "COUNTER_STAFF");
    if (counterId) await prisma.counterStaff.create({ data: { userId: user.id, counterId } });
    return user;
  };
  const staff = await link("balie@sociaalhuis.test", world.authorisedCounter);
  const checkinStaff = await link("balie@sporthal.test", world.checkinCounter);
  await link("balie@registratie.test", world.registrationCounter);
  await link("nergens@balie.test");
  const now = Date.now();
  const open = { startsAt: new Date(now - time.HOUR), endsAt: new Date(now + 2 * time.HOUR) };
  const event = await createEvent(prisma, world, { name: "Inloop Sociaal Huis", organiserCounterId: world.authorisedCounter, municipalityId: world.eeklo, points: 2, ...open });
  const otherEvent = await createEvent(prisma, world, { name: "Zwemmen in Assenede", ...open });
  const registered = new Date(now - 30 * time.DAY);
  const mia = await createPassholder(prisma, world, { firstName: "Mia", kansenstatuutStart: new Date("2020-01-01"), kansenstatuutEnd: new Date(now + 365 * time.DAY), registeredAt: registered, points: 10 });
  const plain = await createPassholder(prisma, world, { firstName: "Jonas", registeredAt: registered });
  const blocked = await createPassholder(prisma, world, { firstName: "Bram" });
  await prisma.card.update({ where: { number: blocked.cardNumber }, data: { status: "BLOCKED", blockedAt: new Date(), blockReason: "Verloren op de markt" } });
  const advantage = await createAdvantage(prisma, world, { title: "Koffie aan het onthaal", points: 3 }, [world.authorisedCounter]);
  const costly = await createAdvantage(prisma, world, { title: "Dure fiets", points: 500 }, [world.authorisedCounter]);
  return { world, staff, checkinStaff, event, otherEvent, mia, plain, blocked, advantage, costly, freeCard: nextCardNumber };
}

export interface DeskRun {
  db: TestDatabase;
  w: Awaited<ReturnType<typeof deskWorld>>;
  desk: Awaited<ReturnType<typeof serveDesk>>;
  close(): Promise<void>;
}

/** A fresh embedded database with the desk world behind a real server, the Sociaal Huis and sporthal staff signed in. */
export async function openDeskWorld(signedIn: { sociaalHuis: Browser; sporthal: Browser }): Promise<DeskRun> {
  const db = await freshDatabase("pglite");
  const w = await deskWorld(db.prisma);
  const desk = await serveDesk(db);
  await deskSignIn(desk.base, "balie@sociaalhuis.test", PASSWORD, signedIn.sociaalHuis);
  await deskSignIn(desk.base, "balie@sporthal.test", PASSWORD, signedIn.sporthal);
  return {
    db,
    w,
    desk,
    async close() {
      desk.close();
      await db.dispose();
    },
  };
}
