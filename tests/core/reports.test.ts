import { describe, expect, it } from "vitest";
import { systemActor } from "../../core/access/actor.js";
import { checkIn } from "../../core/checkins/check-in.js";
import { correctCheckin } from "../../core/checkins/correct-checkin.js";
import { dashboardFigures } from "../../core/reports/dashboard-figures.js";
import { kansentariefSettlement } from "../../core/reports/kansentarief-settlement.js";
import { cancelTicket } from "../../core/tickets/cancel-ticket.js";
import { grantKansentarief } from "../../core/tickets/grant-kansentarief.js";
import { databaseKinds } from "../helpers/databases.js";
import { createEvent, createPassholder, time, worldOn } from "../helpers/fixtures.js";
import { expectRefusal } from "../helpers/refusal.js";

describe.each(databaseKinds)("reports on %s", (kind) => {
  const t = worldOn(kind);
  const day = (offset: number) => new Date(new Date(t.world.now.getTime() + offset * time.DAY).toISOString().slice(0, 10));

  it("settles kansentarief per organising counter with the distribution key of each sale, without cancelled tickets", async () => {
    const { db, world } = t;
    await db.prisma.counter.update({ where: { id: world.checkinCounter }, data: { iban: "BE68 5390 0754 7034" } });
    const mia = await createPassholder(db.prisma, world, { kansenstatuutStart: day(-10), kansenstatuutEnd: day(300) });
    const event = await createEvent(db.prisma, world, { priceCents: 1000, kansentariefCents: 250, endsAt: new Date(world.now.getTime() + 40 * time.DAY) });
    const sell = (at: Date) => grantKansentarief(db.prisma, { cardNumber: mia.cardNumber, eventId: event.id, counterId: world.checkinCounter, actor: systemActor("balie"), at });
    await sell(world.now);
    await db.prisma.counter.update({ where: { id: world.checkinCounter }, data: { keyParticipantPct: 20, keyOrganiserPct: 40, keyMunicipalityPct: 40 } });
    await sell(new Date(world.now.getTime() + time.HOUR));
    const cancelled = await sell(new Date(world.now.getTime() + 2 * time.HOUR));
    await cancelTicket(db.prisma, { ticketId: cancelled.id, reason: "Fout toegekend", actor: systemActor("ksb") });
    await sell(new Date(world.now.getTime() + 35 * time.DAY));

    const rows = await kansentariefSettlement(db.prisma, { from: new Date(world.now.getTime() - time.DAY), to: new Date(world.now.getTime() + 30 * time.DAY) });
    expect(rows).toEqual([
      {
        counterId: world.checkinCounter,
        counterName: "Sporthal Assenede",
        municipality: "Assenede",
        iban: "BE68 5390 0754 7034",
        tickets: 2,
        regularCents: 2000,
        distributionKeys: "20/40/40, 25/55/20",
        paidByParticipantsCents: 500,
        participantShareCents: 250 + 200,
        organiserShareCents: 550 + 400,
        municipalityShareCents: 200 + 400,
      },
    ]);
    expect(await kansentariefSettlement(db.prisma, { from: world.now, to: day(30), municipalityId: world.eeklo })).toEqual([]);
    await expectRefusal(kansentariefSettlement(db.prisma, { from: day(2), to: day(1) }), "VALIDATION");
  });

  it("gives the dashboard's key figures, for the region or one municipality", async () => {
    const { db, world } = t;
    const before = await dashboardFigures(db.prisma, { at: world.now });
    const eeklo = await createPassholder(db.prisma, world, { kansenstatuutStart: day(-10), kansenstatuutEnd: day(10) });
    await createPassholder(db.prisma, world, { municipalityId: world.assenede, postalCode: "9960", city: "Assenede" });
    const event = await createEvent(db.prisma, world, { name: "Dashboardconcert" });
    await checkIn(db.prisma, { eventId: event.id, cardNumber: eeklo.cardNumber, channel: "PILLAR", actor: systemActor("zuil"), at: world.now });
    const other = await createPassholder(db.prisma, world);
    const { checkinId } = await checkIn(db.prisma, { eventId: event.id, cardNumber: other.cardNumber, channel: "PILLAR", actor: systemActor("zuil"), at: world.now });
    await correctCheckin(db.prisma, { checkinId, reason: "Fout", actor: systemActor("ksb") });

    const region = await dashboardFigures(db.prisma, { at: world.now });
    expect(region.passholders).toBe(before.passholders + 3);
    const top = region.topEvents.find((row) => row.eventId === event.id);
    expect(top?.checkins).toBe(1);
    const month = region.checkinsPerMonth.at(-1);
    expect(month?.checkins).toBe((before.checkinsPerMonth.at(-1)?.checkins ?? 0) + 1);

    const assenede = await dashboardFigures(db.prisma, { at: world.now, municipalityId: world.assenede });
    expect(assenede.passholdersPerMunicipality.map((row) => row.municipality)).toEqual(["Assenede"]);
    expect(assenede.passholders).toBe(region.passholdersPerMunicipality.find((row) => row.municipality === "Assenede")?.passholders);
    expect(region.kansenstatuutShare).toBeGreaterThan(0);
    expect(region.kansenstatuutShare).toBeLessThan(1);
  });
});
