import { describe, expect, it } from "vitest";
import { passholderActor } from "../../core/access/actor.js";
import { checkInWithSaveCode } from "../../core/savecodes/check-in-with-save-code.js";
import { saveCodeUrl, signSaveCode, verifySaveCode } from "../../core/savecodes/save-code.js";
import { databaseKinds } from "../helpers/databases.js";
import { createEvent, createPassholder, time, worldOn } from "../helpers/fixtures.js";
import { expectRefusal } from "../helpers/refusal.js";

const secret = "een-geheim-van-minstens-tweeëndertig-tekens";
const eventId = "0b4c9d1e-2f3a-4b5c-8d6e-7f8091a2b3c4";

describe("QR save-codes", () => {
  it("carry the event and version, signed, in a URL-safe 48-character code", () => {
    const code = signSaveCode(secret, { eventId, version: 3 });
    expect(code).toMatch(/^[A-Za-z0-9_-]{48}$/);
    expect(verifySaveCode(secret, code)).toEqual({ eventId, version: 3 });
    expect(saveCodeUrl("https://uitpas.example/", code)).toBe(`https://uitpas.example/sparen/${code}`);
  });

  it("refuse another secret, any altered character and garbage", () => {
    const code = signSaveCode(secret, { eventId, version: 1 });
    expect(() => verifySaveCode("een-ander-geheim-van-minstens-32-tekens!", code)).toThrow(/geen geldige spaarcode/);
    const altered = code.slice(0, 10) + (code[10] === "A" ? "B" : "A") + code.slice(11);
    expect(() => verifySaveCode(secret, altered)).toThrow(/geen geldige spaarcode/);
    for (const garbage of ["", "abc", `${code}x`, eventId]) expect(() => verifySaveCode(secret, garbage)).toThrow(/geen geldige spaarcode/);
  });
});

describe.each(databaseKinds)("saving a point with a QR code on %s", (kind) => {
  const t = worldOn(kind);

  it("saves once per day through the check-in rules, from the code or the whole address", async () => {
    const { db, world } = t;
    const passholder = await createPassholder(db.prisma, world);
    const event = await createEvent(db.prisma, world);
    const code = signSaveCode(secret, { eventId: event.id, version: event.saveCodeVersion });
    const saved = await checkInWithSaveCode(db.prisma, { secret, code: saveCodeUrl("https://uitpas.example", code), actor: passholderActor(passholder.id), at: world.now });
    expect(saved).toMatchObject({ points: 1, balance: 1 });
    expect((await db.prisma.checkin.findUniqueOrThrow({ where: { id: saved.checkinId } })).channel).toBe("QR");
    await expectRefusal(checkInWithSaveCode(db.prisma, { secret, code, actor: passholderActor(passholder.id), at: world.now }), "CHECKIN_LIMIT_REACHED");
  });

  it("refuses replaced codes, ended events, events not open yet and blocked cards", async () => {
    const { db, world } = t;
    const passholder = await createPassholder(db.prisma, world);
    const event = await createEvent(db.prisma, world);
    const old = signSaveCode(secret, { eventId: event.id, version: 1 });
    await db.prisma.event.update({ where: { id: event.id }, data: { saveCodeVersion: 2 } });
    await expectRefusal(checkInWithSaveCode(db.prisma, { secret, code: old, actor: passholderActor(passholder.id), at: world.now }), "SAVE_CODE_EXPIRED");
    const ended = await createEvent(db.prisma, world, { startsAt: new Date(world.now.getTime() - 3 * time.DAY), endsAt: new Date(world.now.getTime() - 2 * time.DAY) });
    await expectRefusal(checkInWithSaveCode(db.prisma, { secret, code: signSaveCode(secret, { eventId: ended.id, version: 1 }), actor: passholderActor(passholder.id), at: world.now }), "SAVE_CODE_EXPIRED");
    const later = await createEvent(db.prisma, world, { startsAt: new Date(world.now.getTime() + 2 * time.DAY), endsAt: new Date(world.now.getTime() + 3 * time.DAY) });
    await expectRefusal(checkInWithSaveCode(db.prisma, { secret, code: signSaveCode(secret, { eventId: later.id, version: 1 }), actor: passholderActor(passholder.id), at: world.now }), "CHECKIN_NOT_OPEN");
    await expectRefusal(checkInWithSaveCode(db.prisma, { secret, code: signSaveCode(secret, { eventId: "00000000-0000-4000-8000-000000000000", version: 1 }), actor: passholderActor(passholder.id), at: world.now }), "SAVE_CODE_INVALID");
    const open = await createEvent(db.prisma, world);
    await db.prisma.card.update({ where: { number: passholder.cardNumber }, data: { status: "BLOCKED" } });
    await expectRefusal(checkInWithSaveCode(db.prisma, { secret, code: signSaveCode(secret, { eventId: open.id, version: 1 }), actor: passholderActor(passholder.id), at: world.now }), "CARD_BLOCKED");
  });
});
