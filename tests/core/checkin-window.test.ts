import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventsOpenForCheckin, windowState, checkinWindow } from "../../core/checkins/checkin-window.js";
import { seedDemo } from "../../seeds/demo.js";
import { databaseKinds, freshDatabase, freshPglite, type TestDatabase } from "../helpers/databases.js";
import { DEMO_NOW } from "../helpers/demo-now.js";

describe.each(databaseKinds)("the check-in window in SQL agrees with the rule (%s)", (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = kind === "pglite" ? await freshPglite("demo") : await freshDatabase(kind);
    if (kind !== "pglite") await seedDemo(db, { now: DEMO_NOW });
    // Margins of its own (none, zero, long) on some events; one cancelled.
    const events = await db.prisma.event.findMany({ orderBy: { startsAt: "asc" }, take: 6 });
    await db.prisma.event.update({ where: { id: events[0]!.id }, data: { checkinMarginBeforeMinutes: 0, checkinMarginAfterMinutes: 0 } });
    await db.prisma.event.update({ where: { id: events[1]!.id }, data: { checkinMarginBeforeMinutes: 600, checkinMarginAfterMinutes: 15 } });
    await db.prisma.event.update({ where: { id: events[2]!.id }, data: { cancelled: true } });
  }, 120_000);
  afterAll(async () => db?.dispose());

  it("finds exactly the events open at a moment, bounds included, margins of the event or else of the card system", async () => {
    const events = await db.prisma.event.findMany({ include: { cardSystem: true } });
    const openAt = (at: Date) => events.filter((event) => !event.cancelled && windowState(event, event.cardSystem, at) === "OPEN").map((event) => event.id).sort();
    // The demo moment, and each edge of a few windows and one millisecond beyond it.
    const moments = [DEMO_NOW];
    for (const event of events.slice(0, 8)) {
      const { opensAt, closesAt } = checkinWindow(event, event.cardSystem);
      moments.push(opensAt, closesAt, new Date(opensAt.getTime() - 1), new Date(closesAt.getTime() + 1));
    }
    for (const at of moments) expect((await eventsOpenForCheckin(db.prisma, at)).sort(), at.toISOString()).toEqual(openAt(at));
    expect(openAt(DEMO_NOW).length).toBeGreaterThan(0);
  });
});
