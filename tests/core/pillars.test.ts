import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkInAtPillar } from "../../core/pillars/check-in-at-pillar.js";
import { pickPillarEvent } from "../../core/pillars/pick-pillar-event.js";
import { databaseKinds, freshDatabase, type TestDatabase } from "../helpers/databases.js";
import { createEvent, createPassholder, createWorld, time, type World } from "../helpers/fixtures.js";
import { expectRefusal } from "../helpers/refusal.js";

describe.each(databaseKinds)("pillars on %s", (kind) => {
  let db: TestDatabase;
  let world: World;
  let pillarSequence = 0;
  beforeAll(async () => {
    db = await freshDatabase(kind);
    world = await createWorld(db.prisma);
  });
  afterAll(() => db.dispose());

  const createPillar = (data: { fixedEventId?: string; specificEventId?: string; eventMode?: "AUTOMATIC" | "SPECIFIC" } = {}) =>
    db.prisma.pillar.create({
      data: {
        cid: `CID-${++pillarSequence}`,
        name: `Zuil ${pillarSequence}`,
        municipalityId: world.assenede,
        ...data,
        counters: { create: [{ counterId: world.checkinCounter }] },
      },
    });

  it("in automatic mode picks the open event of its counters whose start is nearest", async () => {
    const far = await createEvent(db.prisma, world, { startsAt: new Date(world.now.getTime() - 5 * time.HOUR), endsAt: new Date(world.now.getTime() + time.HOUR) });
    const near = await createEvent(db.prisma, world, { startsAt: new Date(world.now.getTime() + 20 * 60_000), endsAt: new Date(world.now.getTime() + 2 * time.HOUR) });
    await createEvent(db.prisma, world, { organiserCounterId: world.authorisedCounter, startsAt: world.now, endsAt: new Date(world.now.getTime() + time.HOUR) });
    await createEvent(db.prisma, world, { cancelled: true, startsAt: world.now, endsAt: new Date(world.now.getTime() + time.HOUR) });
    const pillar = await createPillar();
    const choice = await pickPillarEvent(db.prisma, pillar.id, world.now);
    expect(choice).toMatchObject({ source: "AUTOMATIC", event: { id: near.id } });
    expect(choice.event.id).not.toBe(far.id);
  });

  it("uses the counter app's specific event over automatic mode, and a fixed event over both", async () => {
    const specific = await createEvent(db.prisma, world, { startsAt: new Date(world.now.getTime() - 4 * time.HOUR) });
    const fixed = await createEvent(db.prisma, world, { startsAt: new Date(world.now.getTime() - 3 * time.HOUR) });
    const specificPillar = await createPillar({ eventMode: "SPECIFIC", specificEventId: specific.id });
    expect(await pickPillarEvent(db.prisma, specificPillar.id, world.now)).toMatchObject({ source: "SPECIFIC", event: { id: specific.id } });
    const fixedPillar = await createPillar({ eventMode: "SPECIFIC", specificEventId: specific.id, fixedEventId: fixed.id });
    expect(await pickPillarEvent(db.prisma, fixedPillar.id, world.now)).toMatchObject({ source: "FIXED", event: { id: fixed.id } });
  });

  it("awards no points for an expired fixed event, even when other events are open", async () => {
    await createEvent(db.prisma, world);
    const expired = await createEvent(db.prisma, world, { startsAt: new Date(world.now.getTime() - 10 * time.DAY), endsAt: new Date(world.now.getTime() - 9 * time.DAY) });
    const pillar = await createPillar({ fixedEventId: expired.id });
    const passholder = await createPassholder(db.prisma, world);
    await expectRefusal(checkInAtPillar(db.prisma, { cid: pillar.cid, cardNumber: passholder.cardNumber, at: world.now }), "PILLAR_EVENT_EXPIRED");
    expect(await db.prisma.checkin.count({ where: { passholderId: passholder.id } })).toBe(0);
  });

  it("refuses when nothing is open yet or at all, and for unknown pillars", async () => {
    const lonely = await db.prisma.pillar.create({ data: { cid: "CID-leeg", name: "Zuil zonder balie", municipalityId: world.eeklo } });
    await expectRefusal(pickPillarEvent(db.prisma, lonely.id, world.now), "PILLAR_NO_EVENT");
    const later = await createEvent(db.prisma, world, { startsAt: new Date(world.now.getTime() + 5 * time.DAY), endsAt: new Date(world.now.getTime() + 6 * time.DAY) });
    const waiting = await createPillar({ fixedEventId: later.id });
    await expectRefusal(pickPillarEvent(db.prisma, waiting.id, world.now), "CHECKIN_NOT_OPEN");
    const passholder = await createPassholder(db.prisma, world);
    await expectRefusal(checkInAtPillar(db.prisma, { cid: "CID-bestaat-niet", cardNumber: passholder.cardNumber }), "PILLAR_NOT_FOUND");
  });

  it("checks in at a pillar through the same rules, recording the pillar", async () => {
    const event = await createEvent(db.prisma, world, { startsAt: new Date(world.now.getTime() + 10 * 60_000) });
    const pillar = await createPillar({ fixedEventId: event.id });
    const passholder = await createPassholder(db.prisma, world);
    const result = await checkInAtPillar(db.prisma, { cid: pillar.cid, cardNumber: passholder.cardNumber, at: world.now });
    expect(await db.prisma.checkin.findUniqueOrThrow({ where: { id: result.checkinId } })).toMatchObject({ channel: "PILLAR", pillarId: pillar.id, eventId: event.id });
    await expectRefusal(checkInAtPillar(db.prisma, { cid: pillar.cid, cardNumber: passholder.cardNumber, at: world.now }), "CHECKIN_LIMIT_REACHED");
  });
});
