import { describe, expect, it } from "vitest";
import { systemActor } from "../../core/access/actor.js";
import { checkIn } from "../../core/checkins/check-in.js";
import { correctCheckin } from "../../core/checkins/correct-checkin.js";
import { municipalityForPostalCode } from "../../core/municipalities/municipality-for-postal-code.js";
import { recordPoints } from "../../core/points/ledger.js";
import { pointsOverview } from "../../core/points/points-history.js";
import { databaseKinds } from "../helpers/databases.js";
import { createEvent, createPassholder, worldOn } from "../helpers/fixtures.js";
import { expectRefusal } from "../helpers/refusal.js";

describe.each(databaseKinds)("points and postal codes on %s", (kind) => {
  const t = worldOn(kind);

  it("shows the balance and history with what and where, newest first, page by page", async () => {
    const passholder = await createPassholder(t.db.prisma, t.world);
    const concert = await createEvent(t.db.prisma, t.world, { name: "Concert in de kerk", points: 3 });
    const quiz = await createEvent(t.db.prisma, t.world, { name: "Quiz" });
    await checkIn(t.db.prisma, { eventId: concert.id, cardNumber: passholder.cardNumber, channel: "COUNTER", counterId: t.world.checkinCounter, actor: systemActor("balie"), at: new Date(t.world.now.getTime() - 3000) });
    const { checkinId } = await checkIn(t.db.prisma, { eventId: quiz.id, passholderId: passholder.id, channel: "QR", actor: systemActor("pashouder"), at: new Date(t.world.now.getTime() - 2000) });
    await correctCheckin(t.db.prisma, { checkinId, reason: "Dubbel", actor: systemActor("ksb"), at: new Date(t.world.now.getTime() - 1000) });

    const overview = await pointsOverview(t.db.prisma, { passholderId: passholder.id, limit: 2 });
    expect(overview.balance).toBe(3);
    expect(overview.entries.map((entry) => [entry.type, entry.amount, entry.what, entry.where])).toEqual([
      ["CHECKIN_CORRECTION", -1, "Quiz", "QR-code"],
      ["CHECKIN", 1, "Quiz", "QR-code"],
    ]);
    const next = await pointsOverview(t.db.prisma, { passholderId: passholder.id, limit: 2, before: overview.nextBefore });
    expect(next.entries.map((entry) => [entry.what, entry.where])).toEqual([["Concert in de kerk", "Sporthal Assenede"]]);
    expect(next.nextBefore).toBeUndefined();
    await expectRefusal(pointsOverview(t.db.prisma, { passholderId: "nope" }), "PASSHOLDER_NOT_FOUND");
  });

  it("pages through lines of the same moment without skipping or repeating one", async () => {
    const passholder = await createPassholder(t.db.prisma, t.world);
    const at = new Date(t.world.now.getTime() - 5000);
    for (const note of ["een", "twee", "drie", "vier", "vijf"]) {
      await t.db.prisma.$transaction((tx) => recordPoints(tx, { passholderId: passholder.id, type: "CHECKIN", amount: 1, note, at }));
    }
    const seen: string[] = [];
    let before: Awaited<ReturnType<typeof pointsOverview>>["nextBefore"];
    do {
      const page = await pointsOverview(t.db.prisma, { passholderId: passholder.id, limit: 2, before });
      seen.push(...page.entries.map((entry) => entry.what));
      before = page.nextBefore;
    } while (before);
    expect(seen.sort()).toEqual(["drie", "een", "twee", "vier", "vijf"]);
  });

  it("never lets the balance go below zero", async () => {
    const passholder = await createPassholder(t.db.prisma, t.world);
    const refusal = await expectRefusal(
      t.db.prisma.$transaction((tx) => recordPoints(tx, { passholderId: passholder.id, type: "REDEMPTION", amount: -1 })),
      "NOT_ENOUGH_POINTS",
    );
    expect(refusal.details).toMatchObject({ balance: 0, needed: 1 });
    expect(await t.db.prisma.pointsTransaction.count({ where: { passholderId: passholder.id } })).toBe(0);
    await expect(t.db.prisma.passholder.update({ where: { id: passholder.id }, data: { points: -1 } })).rejects.toThrow();
  });

  it("finds the municipality of a postal code and the places that share it", async () => {
    const match = await municipalityForPostalCode(t.db.prisma, t.world.cardSystemId, "9968");
    expect(match.municipality.name).toBe("Assenede");
    expect(match.places.map((place) => place.name)).toEqual(["Bassevelde", "Oosteeklo"]);
    expect((await municipalityForPostalCode(t.db.prisma, t.world.cardSystemId, " 9900 ")).municipality.name).toBe("Eeklo");
    const unknown = await expectRefusal(municipalityForPostalCode(t.db.prisma, t.world.cardSystemId, "1000"), "POSTAL_CODE_UNKNOWN");
    expect(unknown.field).toBe("postalCode");
    await expectRefusal(municipalityForPostalCode(t.db.prisma, t.world.cardSystemId, "99a0"), "POSTAL_CODE_UNKNOWN");
  });
});
