import { describe, expect, it } from "vitest";
import { systemActor } from "../../core/access/actor.js";
import { registerPassholder, type RegisterPassholderInput } from "../../core/passholders/register-passholder.js";
import { databaseKinds } from "../helpers/databases.js";
import { createAdvantage, createPassholder, nextCardNumber, time, worldOn } from "../helpers/fixtures.js";
import { expectRefusal } from "../helpers/refusal.js";

describe.each(databaseKinds)("registering passholders on %s", (kind) => {
  const t = worldOn(kind);

  const input = (overrides: Partial<RegisterPassholderInput> = {}): RegisterPassholderInput => ({
    counterId: t.world.registrationCounter,
    cardNumber: nextCardNumber(),
    firstName: "Mathis",
    lastName: "De Smet",
    birthDate: "2012-03-04",
    postalCode: "9968",
    city: "Oosteeklo",
    actor: systemActor("balie"),
    at: t.world.now,
    ...overrides,
  });

  it("registers a passholder with a first card, in the municipality of the postal code", async () => {
    const { passholder, card } = await registerPassholder(t.db.prisma, input({ email: " Mathis@Example.com " }));
    expect(passholder).toMatchObject({ municipalityId: t.world.assenede, city: "Oosteeklo", email: "mathis@example.com", points: 0, registeredAtCounterId: t.world.registrationCounter, kansenstatuutEnd: null });
    expect(card).toMatchObject({ status: "ACTIVE", issueReason: "FIRST_CARD", passholderId: passholder.id });
  });

  it("lists the welcome advantages the registration entitles to", async () => {
    const welcome = await createAdvantage(t.db.prisma, t.world, {
      kind: "WELCOME",
      title: "Welkomstpakket",
      points: 0,
      grantStart: new Date(t.world.now.getTime() - time.DAY),
      grantEnd: new Date(t.world.now.getTime() + 30 * time.DAY),
    });
    const elsewhere = await createAdvantage(t.db.prisma, t.world, { kind: "WELCOME", title: "Enkel Eeklo", points: 0, municipalities: { create: [{ municipalityId: t.world.eeklo }] } });
    const { welcomeAdvantages } = await registerPassholder(t.db.prisma, input());
    const titles = welcomeAdvantages.map((advantage) => advantage.title);
    expect(titles).toContain(welcome.title);
    expect(titles).not.toContain(elsewhere.title);
  });

  it("lets only authorised registration counters register with kansenstatuut, until 30 April next year by default", async () => {
    await expectRefusal(registerPassholder(t.db.prisma, input({ kansenstatuut: true })), "COUNTER_MAY_NOT_REGISTER_KANSENSTATUUT");
    const { passholder } = await registerPassholder(t.db.prisma, input({ counterId: t.world.authorisedCounter, kansenstatuut: true, at: new Date("2026-11-23T10:00:00Z") }));
    expect(passholder.kansenstatuutEnd?.toISOString().slice(0, 10)).toBe("2027-04-30");
  });

  it("refuses counters without a registration permission group", async () => {
    await expectRefusal(registerPassholder(t.db.prisma, input({ counterId: t.world.checkinCounter })), "COUNTER_MAY_NOT_REGISTER");
    await expectRefusal(registerPassholder(t.db.prisma, input({ counterId: 424242 })), "COUNTER_NOT_FOUND");
  });

  it("asks for an INSZ when the card system requires it, except at authorised counters", async () => {
    await t.db.prisma.cardSystem.update({ where: { id: t.world.cardSystemId }, data: { inszRequired: true } });
    try {
      await expectRefusal(registerPassholder(t.db.prisma, input()), "INSZ_REQUIRED");
      await registerPassholder(t.db.prisma, input({ insz: "85.07.30-033.28", birthDate: "1985-07-30" }));
      await registerPassholder(t.db.prisma, input({ counterId: t.world.authorisedCounter }));
      await expectRefusal(registerPassholder(t.db.prisma, input({ insz: "85073003329", birthDate: "1985-07-30" })), "INSZ_INVALID");
    } finally {
      await t.db.prisma.cardSystem.update({ where: { id: t.world.cardSystemId }, data: { inszRequired: false } });
    }
  });

  it("names the field at fault in Dutch", async () => {
    const cases: [Partial<RegisterPassholderInput>, string, string][] = [
      [{ firstName: "  " }, "firstName", "Voornaam is verplicht."],
      [{ lastName: "x".repeat(101) }, "lastName", "Naam mag hoogstens 100 tekens lang zijn."],
      [{ birthDate: "2012-02-30" }, "birthDate", "Geboortedatum is geen geldige datum: typ dd/mm/jjjj, bv. 14/05/1990."],
      [{ birthDate: "2999-01-01" }, "birthDate", "Geboortedatum ligt niet in een geldige periode."],
      [{ email: "geen-mail" }, "email", "E-mailadres is ongeldig."],
      [{ city: "Gent" }, "city", "Woonplaats hoort niet bij postcode 9968: kies Bassevelde, Oosteeklo."],
    ];
    for (const [overrides, field, message] of cases) {
      const error = await expectRefusal(registerPassholder(t.db.prisma, input(overrides)), "VALIDATION");
      expect({ field: error.field, message: error.message }).toEqual({ field, message });
    }
    expect((await expectRefusal(registerPassholder(t.db.prisma, input({ postalCode: "1000" })), "POSTAL_CODE_UNKNOWN")).field).toBe("postalCode");
    expect((await expectRefusal(registerPassholder(t.db.prisma, input({ cardNumber: "1" })), "CARD_NUMBER_INVALID")).field).toBe("cardNumber");
  });

  it("refuses a card number or email address already in use, and keeps nothing of the attempt", async () => {
    const existing = await createPassholder(t.db.prisma, t.world, { email: "bezet@example.com" });
    const before = await t.db.prisma.passholder.count();
    await expectRefusal(registerPassholder(t.db.prisma, input({ cardNumber: existing.cardNumber })), "CARD_NUMBER_TAKEN");
    await expectRefusal(registerPassholder(t.db.prisma, input({ email: "Bezet@example.com" })), "EMAIL_TAKEN");
    expect(await t.db.prisma.passholder.count()).toBe(before);
  });

  it("records the registration without the INSZ value", async () => {
    const { passholder } = await registerPassholder(t.db.prisma, input({ counterId: t.world.authorisedCounter, insz: "85073003526", birthDate: "1985-07-30", actor: systemActor("balie@example.org") }));
    const audit = await t.db.prisma.auditLog.findFirstOrThrow({ where: { recordId: passholder.id } });
    expect(audit).toMatchObject({ action: "passholder.register", actor: "balie@example.org" });
    expect(JSON.stringify(audit.changes)).not.toContain("85073003526");
    expect(audit.changes).toMatchObject({ insz: "[verborgen]" });
  });
});
