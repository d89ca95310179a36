import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdvantage, createEvent } from "../helpers/fixtures.js";
import { get, type Browser } from "../server/http.js";
import { deskPost, deskSignIn, follow, pageText } from "./desk-client.js";
import { openDeskWorld, PASSWORD, type DeskRun } from "./desk-world.js";

type World = DeskRun["w"];

describe("the desk's actions and their refusals", () => {
  let db: DeskRun["db"];
  let w: World;
  let desk: DeskRun["desk"];
  const browser: Browser = {};
  const sporthal: Browser = {};

  let run: DeskRun;

  beforeAll(async () => {
    run = await openDeskWorld({ sociaalHuis: browser, sporthal });
    ({ db, w, desk } = run);
  });
  afterAll(() => run?.close());

  const panel = (id: string) => `/balie/pashouder/${id}`;
  /** Posts an action of the passholder panel for the signed-in Sociaal Huis staff member. */
  const act = (passholderId: string, fields: Record<string, string>, as: Browser = browser) =>
    deskPost(desk.base, panel(passholderId), { counterId: String(w.world.authorisedCounter), ...fields }, as);
  const lookup = (typed: string) => deskPost(desk.base, "/balie", { actie: "zoeken", counterId: String(w.world.authorisedCounter), kaart: typed }, browser);
  const counts = async () => ({
    checkins: await db.prisma.checkin.count(),
    tickets: await db.prisma.ticketSale.count({ where: { status: "ACTIVE" } }),
    redemptions: await db.prisma.redemption.count(),
    passholders: await db.prisma.passholder.count(),
    blocked: await db.prisma.card.count({ where: { status: "BLOCKED" } }),
    cards: await db.prisma.card.count(),
    audit: await db.prisma.auditLog.count(),
  });

  describe("identifying the passholder", () => {
    it("opens the panel for a card number typed with spaces, or for the INSZ of a forgotten card", async () => {
      const found = await lookup(`${w.mia.cardNumber.slice(0, 4)} ${w.mia.cardNumber.slice(4)}`);
      expect(found.status).toBe(303);
      expect(found.headers.get("location")).toBe(panel(w.mia.id));
      await db.prisma.passholder.update({ where: { id: w.plain.id }, data: { insz: "90051712345".slice(0, 9) + String(97 - (Number("900517123") % 97)).padStart(2, "0") } });
      const byInsz = await lookup("90.05.17-123.".concat(String(97 - (Number("900517123") % 97)).padStart(2, "0")));
      expect(byInsz.headers.get("location")).toBe(panel(w.plain.id));
    });

    it("refuses an invalid and an unknown number, a blocked card with its reason and what to do, and a replaced card", async () => {
      const invalid = await lookup("1234");
      expect(invalid.status).toBe(400);
      const unknown = await lookup("0000000000000");
      expect([400, 404]).toContain(unknown.status);
      const blocked = await lookup(w.blocked.cardNumber);
      expect(blocked.status).toBe(409);
      const text = await pageText(blocked);
      expect(text).toContain("Deze kaart is geblokkeerd");
      expect(text).toContain("Reden: Verloren op de markt.");
      expect(text).toContain("geef de pashouder een nieuwe kaart");
      const active = await db.prisma.card.findUniqueOrThrow({ where: { number: w.plain.cardNumber } });
      const issuedAt = new Date(active.issuedAt.getTime() - 86_400_000);
      const replaced = await db.prisma.card.create({
        data: { number: w.freeCard(), passholderId: w.plain.id, status: "REPLACED", issueReason: "FIRST_CARD", issuedAt, replacedAt: active.issuedAt, replacedByCardId: active.id },
      });
      const answer = await lookup(replaced.number);
      expect(answer.status).toBe(409);
      expect(await pageText(answer)).toContain(`kaartnummer eindigt op ${w.plain.cardNumber.slice(-4)}`);
    });
  });

  describe("Punt sparen", () => {
    it("saves the event's points, shows +N and the new balance, remembers the event, and refuses a second time today", async () => {
      const saved = await act(w.mia.id, { actie: "sparen", kaart: w.mia.cardNumber, eventId: w.event.id });
      const page = await follow(desk.base, saved, browser);
      expect(page).toContain("+2 punten gespaard");
      expect(page).toContain("Nieuw saldo: 12 punten.");
      const again = await act(w.mia.id, { actie: "sparen", kaart: w.mia.cardNumber, eventId: w.event.id });
      expect(again.status).toBe(409);
      expect(await pageText(again)).toContain("spaarde vandaag al");
      const audit = await db.prisma.auditLog.findFirst({ where: { action: "checkin.create" }, orderBy: { id: "desc" } });
      expect(audit?.actor).toBe("balie@sociaalhuis.test");
    });

    it("refuses another counter's id, an event that is not open, and a counter without check-in permission, changing nothing", async () => {
      const before = await counts();
      const other = await act(w.plain.id, { actie: "sparen", kaart: w.plain.cardNumber, eventId: w.otherEvent.id, counterId: String(w.world.checkinCounter) });
      expect(other.status).toBe(403);
      expect(await pageText(other)).toContain("U werkt niet voor deze balie.");
      const later = await createEvent(db.prisma, w.world, { organiserCounterId: w.world.authorisedCounter, startsAt: new Date(Date.now() + 5 * 86_400_000), endsAt: new Date(Date.now() + 6 * 86_400_000) });
      const closed = await act(w.plain.id, { actie: "sparen", kaart: w.plain.cardNumber, eventId: later.id });
      expect(closed.status).toBe(409);
      expect(await pageText(closed)).toContain("niet open voor check-in");
      expect(await counts()).toEqual(before);
    });
  });

  describe("Kansentarief toekennen", () => {
    it("grants it to a passholder with kansenstatuut in € and refuses one without", async () => {
      const granted = await act(w.mia.id, { actie: "tarief", kaart: w.mia.cardNumber, eventId: w.event.id });
      expect(await follow(desk.base, granted, browser)).toContain("de pashouder betaalt € 3,00 in plaats van € 12,00");
      const refused = await act(w.plain.id, { actie: "tarief", kaart: w.plain.cardNumber, eventId: w.event.id });
      expect(refused.status).toBe(409);
      expect(await pageText(refused)).toContain("geen geldig kansenstatuut");
    });

    it("refuses past the counter's MIA limit, saying none are left, and another counter's id", async () => {
      await db.prisma.counter.update({ where: { id: w.world.authorisedCounter }, data: { miaTicketLimit: 1, miaTicketLimitPeriod: "YEAR" } });
      const panelPage = await pageText(await get(desk.base, panel(w.mia.id), browser));
      expect(panelPage).toContain("Nog 0 van 1 tickets per jaar");
      const before = await counts();
      const limit = await act(w.mia.id, { actie: "tarief", kaart: w.mia.cardNumber, eventId: w.event.id });
      expect(limit.status).toBe(409);
      expect(await pageText(limit)).toContain("er zijn er nog 0 over");
      const other = await act(w.mia.id, { actie: "tarief", kaart: w.mia.cardNumber, eventId: w.event.id, counterId: String(w.world.checkinCounter) });
      expect(other.status).toBe(403);
      expect(await counts()).toEqual(before);
    });

    it("cancels today's sale with a reason, and refuses without a reason or at another counter", async () => {
      const ticket = await db.prisma.ticketSale.findFirstOrThrow({ where: { passholderId: w.mia.id, status: "ACTIVE" } });
      const noReason = await act(w.mia.id, { actie: "annuleren", ticketId: ticket.id, reden: "" });
      expect(noReason.status).toBe(400);
      const elsewhere = await act(w.mia.id, { actie: "annuleren", ticketId: ticket.id, reden: "Vergissing", counterId: String(w.world.checkinCounter) });
      expect(elsewhere.status).toBe(403);
      const sporthalTry = await deskPost(desk.base, panel(w.mia.id), { actie: "annuleren", ticketId: ticket.id, reden: "Vergissing", counterId: String(w.world.checkinCounter) }, sporthal, "/balie");
      expect(sporthalTry.status).toBe(404);
      expect((await db.prisma.ticketSale.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe("ACTIVE");
      const cancelled = await act(w.mia.id, { actie: "annuleren", ticketId: ticket.id, reden: "Verkeerde activiteit" });
      expect(await follow(desk.base, cancelled, browser)).toContain("Kansentarief geannuleerd");
    });
  });

  describe("Voordeel omruilen", () => {
    it("exchanges an advantage for points and refuses one the passholder has too few points for, or at another counter", async () => {
      const exchanged = await act(w.mia.id, { actie: "omruilen", kaart: w.mia.cardNumber, advantageId: String(w.advantage.id) });
      expect(await follow(desk.base, exchanged, browser)).toContain("Omgeruild: Koffie aan het onthaal");
      const before = await counts();
      const tooFew = await act(w.mia.id, { actie: "omruilen", kaart: w.mia.cardNumber, advantageId: String(w.costly.id) });
      expect(tooFew.status).toBe(409);
      expect(await pageText(tooFew)).toContain("Niet genoeg punten");
      const other = await act(w.mia.id, { actie: "omruilen", kaart: w.mia.cardNumber, advantageId: String(w.advantage.id), counterId: String(w.world.checkinCounter) });
      expect(other.status).toBe(403);
      expect(await counts()).toEqual(before);
    });

    it("offers no exchange at a counter without check-in & ticket, and says why", async () => {
      await createAdvantage(db.prisma, w.world, { title: "Boekenlegger van de registratiebalie", points: 1 }, [w.world.registrationCounter]);
      const registration: Browser = {};
      await deskSignIn(desk.base, "balie@registratie.test", PASSWORD, registration);
      const page = await pageText(await get(desk.base, panel(w.mia.id), registration));
      expect(page).toContain("Boekenlegger van de registratiebalie");
      expect(page).toContain("Deze balie kan geen voordelen omruilen");
      expect(page).not.toContain("Voordeel omruilen");
    });

    it("shows the unique code of an advantage that hands one out", async () => {
      const coded = await db.prisma.advantage.update({ where: { id: w.advantage.id }, data: { usesUniqueCodes: true, perUserLimit: null } });
      await db.prisma.advantageCode.create({ data: { advantageId: coded.id, code: "KOFFIE-2026-XYZ" } });
      const exchanged = await act(w.mia.id, { actie: "omruilen", kaart: w.mia.cardNumber, advantageId: String(coded.id) });
      expect(await follow(desk.base, exchanged, browser)).toContain("KOFFIE-2026-XYZ");
    });
  });

  describe("Pashouder registreren", () => {
    const person = { firstName: "Fien", lastName: "De Smet", birthDate: "14/05/1990", postalCode: "9900" };
    const register = (fields: Record<string, string>, as: Browser = browser, counterId = w.world.authorisedCounter) =>
      deskPost(desk.base, "/balie/registreren", { counterId: String(counterId), ...person, ...fields }, as);

    it("registers with kansenstatuut at an authorised counter and shows the new passholder", async () => {
      const number = w.freeCard();
      const done = await register({ kaart: number, kansenstatuut: "ja" });
      const page = await follow(desk.base, done, browser);
      expect(page).toContain("Fien De Smet is geregistreerd");
      expect(page).toContain(`Kaart ${number} is actief.`);
    });

    it("refuses another counter's id, a counter without registration permission, and a taken card number, creating nothing", async () => {
      const before = await counts();
      const other = await register({ kaart: w.freeCard() }, browser, w.world.registrationCounter);
      expect(other.status).toBe(403);
      expect(await pageText(other)).toContain("U werkt niet voor deze balie.");
      const noPermission = await register({ kaart: w.freeCard() }, sporthal, w.world.checkinCounter);
      expect(noPermission.status).toBe(403);
      const taken = await register({ kaart: w.mia.cardNumber });
      expect(taken.status).toBe(409);
      expect(await counts()).toEqual(before);
    });
  });

  describe("card and contact details at a registration counter", () => {
    it("blocks a card with a reason, gives a new card, edits contact details, and refuses each at another counter or without permission", async () => {
      const before = await counts();
      const other = await act(w.plain.id, { actie: "blokkeren", kaart: w.plain.cardNumber, reden: "Verloren", counterId: String(w.world.registrationCounter) });
      expect(other.status).toBe(403);
      const noPermission = await deskPost(desk.base, panel(w.plain.id), { actie: "blokkeren", counterId: String(w.world.checkinCounter), kaart: w.plain.cardNumber, reden: "Verloren" }, sporthal, "/balie");
      expect(noPermission.status).toBe(403);
      const contactElsewhere = await act(w.plain.id, { actie: "contact", postalCode: "9900", email: "jonas@example.be", counterId: String(w.world.checkinCounter) });
      expect(contactElsewhere.status).toBe(403);
      const noReason = await act(w.plain.id, { actie: "blokkeren", kaart: w.plain.cardNumber, reden: "" });
      expect(noReason.status).toBe(400);
      expect(await counts()).toEqual(before);

      const current = await db.prisma.card.findFirstOrThrow({ where: { passholderId: w.plain.id, status: "ACTIVE" } });
      expect(await follow(desk.base, await act(w.plain.id, { actie: "blokkeren", kaart: current.number, reden: "Verloren" }), browser)).toContain("Kaart geblokkeerd");
      const number = w.freeCard();
      expect(await follow(desk.base, await act(w.plain.id, { actie: "nieuwe-kaart", nieuwKaartnummer: number, reden: "THEFT_LOSS" }), browser)).toContain(`De nieuwe kaart ${number} is actief; de geblokkeerde kaart ${current.number} blijft geblokkeerd.`);
      expect(await follow(desk.base, await act(w.plain.id, { actie: "contact", postalCode: "9900", email: "jonas@example.be", phone: "09 123 45 67" }), browser)).toContain("Contactgegevens bewaard");
      expect((await db.prisma.passholder.findUniqueOrThrow({ where: { id: w.plain.id } })).email).toBe("jonas@example.be");
      const audit = await db.prisma.auditLog.findFirst({ where: { action: "passholder.contact" } });
      expect(audit?.actor).toBe("balie@sociaalhuis.test");
    });
  });

  describe("Zuilen and QR save-codes", () => {
    it("sets a pillar of this counter to a specific event and back, and refuses another counter's pillar or event", async () => {
      const pillar = await db.prisma.pillar.create({ data: { cid: "ZUIL-1", name: "Zuil onthaal", municipalityId: w.world.eeklo, counters: { create: [{ counterId: w.world.authorisedCounter }] } } });
      const strange = await db.prisma.pillar.create({ data: { cid: "ZUIL-2", name: "Zuil sporthal", municipalityId: w.world.assenede, counters: { create: [{ counterId: w.world.checkinCounter }] } } });
      const setIt = (fields: Record<string, string>) => deskPost(desk.base, "/balie/zuilen", { counterId: String(w.world.authorisedCounter), ...fields }, browser);
      expect(await follow(desk.base, await setIt({ pillarId: String(pillar.id), eventId: w.event.id }), browser)).toContain("De zuil spaart voor de gekozen activiteit.");
      expect((await db.prisma.pillar.findUniqueOrThrow({ where: { id: pillar.id } })).specificEventId).toBe(w.event.id);
      expect((await setIt({ pillarId: String(pillar.id), eventId: w.otherEvent.id })).status).toBe(404);
      expect((await setIt({ pillarId: String(strange.id), eventId: "" })).status).toBe(404);
      expect((await setIt({ pillarId: String(pillar.id), eventId: "", counterId: String(w.world.checkinCounter) })).status).toBe(403);
      expect(await follow(desk.base, await setIt({ pillarId: String(pillar.id), eventId: "" }), browser)).toContain("automatisch");
    });

    it("downloads the QR save-code of this counter's event and not of another counter's", async () => {
      const own = await get(desk.base, `/balie/qr-spaarcode/${w.event.id}/spaarcode.png`, browser);
      expect(own.status).toBe(200);
      expect(own.headers.get("content-type")).toBe("image/png");
      expect((await get(desk.base, `/balie/qr-spaarcode/${w.otherEvent.id}/spaarcode.png`, browser)).status).toBe(404);
      expect((await get(desk.base, `/balie/qr-spaarcode/${w.event.id}/spaarcode.png`)).status).toBe(303);
    });
  });
});
