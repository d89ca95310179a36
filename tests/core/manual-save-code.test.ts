import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { passholderActor } from "../../core/access/actor.js";
import { migrationsDir } from "../../core/db/migrate.js";
import { checkInWithSaveCode } from "../../core/savecodes/check-in-with-save-code.js";
import { formatManualCode, MANUAL_CODE_ALPHABET, normalizeManualCode } from "../../core/savecodes/manual-code.js";
import { databaseKinds } from "../helpers/databases.js";
import { createEvent, createPassholder, time, worldOn } from "../helpers/fixtures.js";
import { expectRefusal } from "../helpers/refusal.js";

const secret = "een-geheim-van-minstens-tweeëndertig-tekens";
const LOOK_ALIKES = /[0O1IL]/;

describe("codes to type", () => {
  it("leave out the look-alikes 0/O and 1/I/L, and read any case, with or without dashes and spaces", () => {
    expect(MANUAL_CODE_ALPHABET).toHaveLength(31);
    expect(MANUAL_CODE_ALPHABET).not.toMatch(LOOK_ALIKES);
    expect(normalizeManualCode("k7mp-4qxr")).toBe("K7MP4QXR");
    expect(normalizeManualCode(" K7MP 4QXR ")).toBe("K7MP4QXR");
    expect(formatManualCode("K7MP4QXR")).toBe("K7MP-4QXR");
    for (const wrong of ["K7MP-4QX0", "K7MP-4QXO", "K7MP-4QXI", "K7MP-4QXL", "K7MP-4QX1", "K7MP-4QX", "K7MP-4QXRR", ""]) {
      expect(normalizeManualCode(wrong), wrong).toBeUndefined();
    }
  });
});

describe.each(databaseKinds)("an event's code to type on %s", (kind) => {
  const t = worldOn(kind);

  it("is made for every new event by the database: 8 characters, no look-alikes, all different", async () => {
    const events = await Promise.all(Array.from({ length: 40 }, () => createEvent(t.db.prisma, t.world)));
    for (const event of events) expect(event.manualCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(new Set(events.map((event) => event.manualCode)).size).toBe(events.length);
    // A hand-made look-alike (e.g. through SQL) is refused by the database itself.
    await expect(t.db.prisma.event.update({ where: { id: events[0]!.id }, data: { manualCode: "K7MP4QX0" } })).rejects.toThrow(/Event_manualCode_valid/);
  });

  it("saves by the same check-in rules as the QR code, typed in any case", async () => {
    const { db, world } = t;
    const passholder = await createPassholder(db.prisma, world);
    const event = await createEvent(db.prisma, world, { points: 2 });
    const typed = formatManualCode(event.manualCode).toLowerCase();
    const saved = await checkInWithSaveCode(db.prisma, { secret, code: typed, actor: passholderActor(passholder.id), at: world.now });
    expect(saved).toMatchObject({ points: 2, balance: 2, eventName: event.name });
    expect((await db.prisma.checkin.findUniqueOrThrow({ where: { id: saved.checkinId } })).channel).toBe("QR");
    await expectRefusal(checkInWithSaveCode(db.prisma, { secret, code: event.manualCode, actor: passholderActor(passholder.id), at: world.now }), "CHECKIN_LIMIT_REACHED");

    const ended = await createEvent(db.prisma, world, { startsAt: new Date(world.now.getTime() - 3 * time.DAY), endsAt: new Date(world.now.getTime() - 2 * time.DAY) });
    await expectRefusal(checkInWithSaveCode(db.prisma, { secret, code: ended.manualCode, actor: passholderActor(passholder.id), at: world.now }), "SAVE_CODE_EXPIRED");
    const later = await createEvent(db.prisma, world, { startsAt: new Date(world.now.getTime() + 2 * time.DAY), endsAt: new Date(world.now.getTime() + 3 * time.DAY) });
    await expectRefusal(checkInWithSaveCode(db.prisma, { secret, code: later.manualCode, actor: passholderActor(passholder.id), at: world.now }), "CHECKIN_NOT_OPEN");
    const cancelled = await createEvent(db.prisma, world, { cancelled: true });
    await expectRefusal(checkInWithSaveCode(db.prisma, { secret, code: cancelled.manualCode, actor: passholderActor(passholder.id), at: world.now }), "SAVE_CODE_EXPIRED");

    const open = await createEvent(db.prisma, world);
    await expectRefusal(checkInWithSaveCode(db.prisma, { secret, code: "K7MP-4QX0", actor: passholderActor(passholder.id), at: world.now }), "SAVE_CODE_UNKNOWN");
    await db.prisma.card.update({ where: { number: passholder.cardNumber }, data: { status: "BLOCKED" } });
    await expectRefusal(checkInWithSaveCode(db.prisma, { secret, code: open.manualCode, actor: passholderActor(passholder.id), at: world.now }), "CARD_BLOCKED");
  });

  it("is replaced when the QR save-code's version is raised, and only then", async () => {
    const { db, world } = t;
    const passholder = await createPassholder(db.prisma, world);
    const event = await createEvent(db.prisma, world);
    const renamed = await db.prisma.event.update({ where: { id: event.id }, data: { name: "Nieuwe naam" } });
    expect(renamed.manualCode).toBe(event.manualCode);
    const raised = await db.prisma.event.update({ where: { id: event.id }, data: { saveCodeVersion: { increment: 1 } } });
    expect(raised.manualCode).not.toBe(event.manualCode);
    expect(raised.manualCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    await expectRefusal(checkInWithSaveCode(db.prisma, { secret, code: event.manualCode, actor: passholderActor(passholder.id), at: world.now }), "SAVE_CODE_UNKNOWN");
    expect(await checkInWithSaveCode(db.prisma, { secret, code: raised.manualCode, actor: passholderActor(passholder.id), at: world.now })).toMatchObject({ points: 1 });
  });

  it("is given to every existing event by its migration", async () => {
    const { db, world } = t;
    const before = await Promise.all(Array.from({ length: 5 }, () => createEvent(db.prisma, world)));
    // Back to the schema before the migration, with these events in it, then the migration as committed.
    await db.exec(`DROP TRIGGER "Event_new_manual_code_with_version" ON "Event"; DROP FUNCTION "event_new_manual_code"();
      ALTER TABLE "Event" DROP COLUMN "manualCode"; DROP FUNCTION "event_manual_code"();`);
    await db.exec(await readFile(path.join(migrationsDir, "20261205110000_event_manual_code", "migration.sql"), "utf8"));
    const rows = await db.query<{ id: string; manualCode: string }>(`SELECT id, "manualCode" FROM "Event"`);
    expect(rows.length).toBeGreaterThanOrEqual(before.length);
    for (const row of rows) expect(row.manualCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(new Set(rows.map((row) => row.manualCode)).size).toBe(rows.length);
  });
});
