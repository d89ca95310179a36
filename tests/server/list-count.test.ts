import { beforeAll, describe, expect, it } from "vitest";
import type { Where } from "../../core/access/scope.js";
import { loadDatamodel, type Datamodel, type DatamodelModel } from "../../admin/datamodel.js";
import { filtersTypedText, listTotal, readMatchesFirst } from "../../admin/list-count.js";
import { whereSql } from "../../admin/where-sql.js";
import { databaseKinds } from "../helpers/databases.js";
import { createEvent, createPassholder, time, worldOn } from "../helpers/fixtures.js";

type Counting = { count(args: { where: Where; take?: number }): Promise<number> };

describe.each(databaseKinds)("the total under a backoffice list (%s)", (kind) => {
  const context = worldOn(kind);
  let datamodel: Datamodel;
  const model = (name: string): DatamodelModel => datamodel.models.find((candidate) => candidate.name === name)!;
  const rows = (name: string) => (context.db.prisma as unknown as Record<string, Counting>)[name.charAt(0).toLowerCase() + name.slice(1)]!;
  const total = (name: string, where: Where, limit: number) => listTotal(context.db.prisma, model(name), rows(name), where, limit);

  beforeAll(async () => {
    datamodel = await loadDatamodel();
    const { db, world } = context;
    const eekloEvent = await createEvent(db.prisma, world, { municipalityId: world.eeklo, organiserCounterId: world.authorisedCounter });
    const assenedeEvent = await createEvent(db.prisma, world);
    for (let n = 0; n < 40; n++) {
      const inEeklo = n < 36;
      const passholder = await createPassholder(db.prisma, world, {
        // Prisma's contains takes _ and % as wildcards, so "Peeters_100%" also finds "PeetersX100".
        lastName: n % 4 === 0 ? `Peeters_100% ${n}` : n % 4 === 1 ? `PeetersX100 ${n}` : `Janssens ${n}`,
        ...(inEeklo ? {} : { municipalityId: world.assenede, postalCode: "9960", city: "Assenede" }),
      });
      await db.prisma.checkin.create({
        data: {
          eventId: inEeklo ? eekloEvent.id : assenedeEvent.id,
          passholderId: passholder.id,
          channel: n % 3 === 0 ? "QR" : "COUNTER",
          points: 1,
          periodKey: "p",
          slot: 1,
          checkedInAt: new Date(world.now.getTime() - n * time.DAY),
        },
      });
    }
    await db.exec(`ANALYZE "Passholder"; ANALYZE "Checkin"; ANALYZE "Event"`);
  });

  it("is exact up to the limit, within the administrator's scope and filters", async () => {
    const { world } = context;
    expect(await total("Passholder", { municipalityId: world.assenede }, 5)).toBe(4);
    expect(await total("Checkin", { event: { municipalityId: world.assenede } }, 5)).toBe(4);
    const filteredInEeklo = { AND: [{ lastName: { contains: "Janssens" } }, { municipalityId: world.eeklo }] };
    expect(await total("Passholder", filteredInEeklo, 18)).toBe(18);
    expect(await total("Passholder", { municipalityId: world.eeklo }, 100)).toBe(36);
  });

  it("beyond the limit gives the planner's estimate for the same scope, never the limit itself", async () => {
    const { world } = context;
    // After ANALYZE the statistics of these small tables are complete, so the estimate is the true number.
    expect(await total("Passholder", {}, 5)).toBe(40);
    expect(await total("Passholder", { municipalityId: world.eeklo }, 5)).toBe(36);
    const scoped = await total("Checkin", { event: { municipalityId: world.eeklo } }, 5);
    expect(scoped).toBeGreaterThan(5);
    expect(scoped).toBeLessThanOrEqual(40);
  });

  it("reads a page filtered by typed text from its matches: the same rows in the same order", async () => {
    const { db, world } = context;
    const byName = { lastName: { contains: "peeters", mode: "insensitive" } } as const;
    const page = { where: byName, orderBy: [{ lastName: "asc" as const }, { id: "asc" as const }], skip: 2, take: 5 };
    const plain = await db.prisma.passholder.findMany(page);
    const fromMatches = await readMatchesFirst(db.prisma, (tx) => tx.passholder.findMany(page));
    expect(fromMatches.map((row) => row.id)).toEqual(plain.map((row) => row.id));
    expect(plain).toHaveLength(5);

    // Typed text of three characters or more, anywhere in the condition; shorter text has no trigram to look up.
    expect(filtersTypedText([byName, { municipalityId: world.eeklo }])).toBe(true);
    expect(filtersTypedText({ AND: [{ cards: { some: { number: { contains: "123" } } } }] })).toBe(true);
    expect(filtersTypedText({ lastName: { contains: " Pe " } })).toBe(false);
    expect(filtersTypedText({ municipalityId: world.eeklo, lastName: "Peeters" })).toBe(false);
  });

  it("falls back to 'more than the limit' for a condition it cannot translate", async () => {
    expect(await total("Passholder", { cards: { every: { status: "ACTIVE" } } }, 5)).toBe(6);
    expect(await total("Passholder", { NOT: { lastName: "x" } }, 5)).toBe(6);
  });

  it("counts the same rows as Prisma for every kind of list condition", async () => {
    const { db, world } = context;
    const someone = await db.prisma.passholder.findFirstOrThrow({ where: { municipalityId: world.assenede }, include: { cards: true } });
    const conditions: Array<[string, Where]> = [
      ["Passholder", { lastName: { contains: "Peeters_100%" } }],
      ["Passholder", { OR: [{ lastName: { contains: "peeters_100", mode: "insensitive" } }] }],
      ["Passholder", { AND: [{ firstName: { contains: "LOTTE", mode: "insensitive" } }, { municipalityId: world.assenede }] }],
      ["Passholder", { cards: { some: { number: { contains: someone.cards[0]!.number.slice(-6) } } } }],
      ["Passholder", { kansenstatuutEnd: null }],
      ["Passholder", { OR: [] }],
      ["Checkin", { passholderId: someone.id }],
      ["Checkin", { checkedInAt: { gte: new Date(world.now.getTime() - 10 * time.DAY), lte: world.now } }],
      ["Checkin", { AND: [{ channel: { equals: "QR" } }, { event: { municipalityId: world.eeklo } }] }],
      ["Checkin", { passholder: { municipalityId: world.assenede } }],
      ["Advantage", { OR: [{ ownerMunicipalityId: world.eeklo }, { ownerMunicipalityId: null }] }],
      ["CouponUse", { grant: { passholder: { municipalityId: world.eeklo } } }],
    ];
    for (const [name, where] of conditions) {
      expect(whereSql(datamodel, model(name), where), JSON.stringify(where)).not.toBeNull();
      expect(await total(name, where, 1000), JSON.stringify(where)).toBe(await rows(name).count({ where }));
    }
  });
});
