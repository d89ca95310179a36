import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { welcomeAdvantagesFor } from "../../core/advantages/welcome-advantages.js";
import { cardNumberFrom } from "../../core/validation/card-number.js";
import { signedInDemo, type DemoBackoffice } from "./access-setup.js";
import type { Browser } from "./http.js";

const API = "/admin/api/resources";

describe("backoffice writes hold the rules of the card system", () => {
  let app: DemoBackoffice;
  let coordinator: Browser;
  let eeklo: Browser;

  beforeAll(async () => ({ app, coordinator, eeklo } = await signedInDemo()));
  afterAll(async () => app?.close());

  const counterNamed = async (name: string) => (await app.db.prisma.counter.findFirstOrThrow({ where: { name } })).id;
  const registration = async (fields: Record<string, string>) => ({
    registeredAtCounter: String(await counterNamed("Sociaal Huis Eeklo")),
    firstCardNumber: cardNumberFrom("090000888001"),
    firstName: "Registra",
    lastName: "Tie",
    birthDate: "1990-03-14",
    postalCode: "9900",
    city: "Eeklo",
    ...fields,
  });

  describe("cards change only through their actions", () => {
    it("refuses creating a card and editing its status, number or passholder by hand", async () => {
      const card = await app.db.prisma.card.findFirstOrThrow({ where: { status: "ACTIVE", passholder: { municipalityId: app.eeklo } } });
      const other = await app.db.prisma.passholder.findFirstOrThrow({ where: { municipalityId: app.eeklo, id: { not: card.passholderId } } });
      for (const browser of [coordinator, eeklo]) {
        const edited = await app.postJson(browser, `${API}/Card/records/${card.id}/edit`, { status: "BLOCKED", number: cardNumberFrom("090000888099"), passholder: other.id });
        expect(edited.body.notice?.type).toBe("error");
        const created = await app.postJson(browser, `${API}/Card/actions/new`, { number: cardNumberFrom("090000888098"), passholder: other.id });
        expect(created.body.notice?.type).toBe("error");
        const shown = await app.getJson(browser, `${API}/Card/records/${card.id}/show`);
        const actions = (shown.body.record as unknown as { recordActions: Array<{ name: string }> }).recordActions.map((action) => action.name);
        expect(actions).not.toContain("edit");
      }
      expect(await app.db.prisma.card.findUniqueOrThrow({ where: { id: card.id } })).toEqual(card);
      expect(await app.db.prisma.card.count({ where: { number: { in: [cardNumberFrom("090000888099"), cardNumberFrom("090000888098")] } } })).toBe(0);
    });
  });

  describe("registering a passholder goes through core", () => {
    it("registers with a first card, the municipality of the postal code and the welcome advantages", async () => {
      const done = await app.postJson(eeklo, `${API}/Passholder/actions/new`, await registration({ municipality: String(app.assenede), points: "500" }));
      expect(done.body.notice?.type).toBe("success");
      const passholder = await app.db.prisma.passholder.findFirstOrThrow({ where: { firstName: "Registra" }, include: { cards: true } });
      expect(passholder).toMatchObject({ municipalityId: app.eeklo, points: 0, registeredAtCounterId: await counterNamed("Sociaal Huis Eeklo"), kansenstatuutEnd: null });
      expect(passholder.cards).toMatchObject([{ number: cardNumberFrom("090000888001"), status: "ACTIVE", issueReason: "FIRST_CARD" }]);
      const welcome = await welcomeAdvantagesFor(app.db.prisma, { passholderId: passholder.id });
      expect(done.body.notice?.message).toBe(
        `Registra Tie is geregistreerd met kaart ${cardNumberFrom("090000888001")}.` + (welcome.length ? ` Welkomstvoordelen: ${welcome.map((advantage) => advantage.title).join(", ")}.` : ""),
      );
      expect(done.body.redirectUrl).toBe(`/admin/resources/Passholder/records/${passholder.id}/show`);
      expect(await app.db.prisma.auditLog.count({ where: { action: "passholder.register", recordId: passholder.id, actor: "beheerder.eeklo@uitpas-meetjesland.test" } })).toBe(1);
    });

    it("refuses what core refuses, next to the field, and stores nothing", async () => {
      const before = await app.db.prisma.passholder.count();
      const refusals: Array<[Record<string, string>, string, RegExp]> = [
        [{ firstCardNumber: "1234567890123" }, "firstCardNumber", /kaartnummer is ongeldig/],
        [{ firstCardNumber: cardNumberFrom("090000888001") }, "firstCardNumber", /al in gebruik/],
        [{ registeredAtCounter: String(await counterNamed("CC De Herbakker")) }, "registeredAtCounter", /mag geen pashouders registreren/],
        [{ registeredAtCounter: String(await counterNamed("Bibliotheek Eeklo")), kansenstatuut: "true" }, "kansenstatuut", /geen pashouders met kansenstatuut/],
        [{ postalCode: "1000" }, "postalCode", /hoort niet bij een gemeente/],
        [{ postalCode: "9900", city: "Gent" }, "city", /Woonplaats hoort niet bij postcode 9900/],
        [{ lastName: " " }, "lastName", /Naam is verplicht/],
      ];
      for (const [change, field, message] of refusals) {
        const refused = await app.postJson(coordinator, `${API}/Passholder/actions/new`, await registration({ firstCardNumber: cardNumberFrom("090000888002"), ...change }));
        expect(refused.status, field).toBe(200);
        expect(refused.body.notice?.type, field).toBe("error");
        expect(refused.body.record?.errors?.[field]?.message, field).toMatch(message);
      }
      expect(await app.db.prisma.passholder.count()).toBe(before);
    });

    it("lets the Eeklo administrator register only at Eeklo's counters and only Eeklo residents", async () => {
      const before = await app.db.prisma.passholder.count();
      const foreignCounter = await app.postJson(eeklo, `${API}/Passholder/actions/new`, await registration({ registeredAtCounter: String(await counterNamed("Bibliotheek Assenede")), firstCardNumber: cardNumberFrom("090000888003") }));
      expect(foreignCounter.body.record?.errors?.registeredAtCounter?.message).toBe("Kies een balie van uw eigen gemeente.");
      const resident = await app.postJson(eeklo, `${API}/Passholder/actions/new`, await registration({ postalCode: "9960", city: "Assenede", firstCardNumber: cardNumberFrom("090000888004") }));
      expect(resident.body.record?.errors?.postalCode?.message).toMatch(/andere gemeente/);
      const insz = await app.postJson(eeklo, `${API}/Passholder/actions/new`, await registration({ insz: "85073003328", firstCardNumber: cardNumberFrom("090000888005") }));
      expect(insz.body.record?.errors?.insz?.message).toBe("U mag het INSZ niet invullen of wijzigen.");
      expect(await app.db.prisma.passholder.count()).toBe(before);
      expect(await app.db.prisma.card.count({ where: { number: { in: ["090000888003", "090000888004", "090000888005"].map(cardNumberFrom) } } })).toBe(0);
    });
  });

  describe("editing a passholder keeps derived values right", () => {
    it("derives the municipality from the postal code and ignores typed-in points and municipality", async () => {
      const passholder = await app.db.prisma.passholder.findFirstOrThrow({ where: { municipalityId: app.eeklo, points: { gt: 0 } } });
      const edited = await app.postJson(coordinator, `${API}/Passholder/records/${passholder.id}/edit`, { postalCode: "9968", city: "oosteeklo", points: "9999", municipality: String(app.eeklo) });
      expect(edited.body.notice?.type).toBe("success");
      expect(await app.db.prisma.passholder.findUniqueOrThrow({ where: { id: passholder.id } })).toMatchObject({
        postalCode: "9968",
        city: "Oosteeklo",
        municipalityId: app.assenede,
        points: passholder.points,
      });
      const noPlace = await app.postJson(coordinator, `${API}/Passholder/records/${passholder.id}/edit`, { postalCode: "9900", city: "Assenede" });
      expect(noPlace.body.record?.errors?.city?.message).toBe("Woonplaats hoort niet bij postcode 9900: kies Eeklo.");
      expect((await app.db.prisma.passholder.findUniqueOrThrow({ where: { id: passholder.id } })).postalCode).toBe("9968");
    });

    it("refuses the Eeklo administrator a move out of Eeklo, a kansenstatuut ending before it starts, an empty name", async () => {
      const passholder = await app.db.prisma.passholder.findFirstOrThrow({ where: { municipalityId: app.eeklo } });
      const moved = await app.postJson(eeklo, `${API}/Passholder/records/${passholder.id}/edit`, { postalCode: "9960", city: "Assenede" });
      expect(moved.body.record?.errors?.postalCode?.message).toBe("Postcode 9960 ligt in Assenede, buiten uw gemeente.");
      const backwards = await app.postJson(eeklo, `${API}/Passholder/records/${passholder.id}/edit`, { kansenstatuutStart: "2026-05-01", kansenstatuutEnd: "2026-04-30" });
      expect(backwards.body.record?.errors?.kansenstatuutEnd?.message).toBe("Het einde van het kansenstatuut mag niet vóór de start liggen.");
      const half = await app.postJson(eeklo, `${API}/Passholder/records/${passholder.id}/edit`, { kansenstatuutStart: "", kansenstatuutEnd: "2027-04-30" });
      expect(half.body.record?.errors?.kansenstatuutStart?.message).toBe("Een kansenstatuut heeft een startdatum.");
      const unnamed = await app.postJson(eeklo, `${API}/Passholder/records/${passholder.id}/edit`, { firstName: "  " });
      expect(unnamed.body.record?.errors?.firstName?.message).toBe("Voornaam is verplicht.");
      expect(await app.db.prisma.passholder.findUniqueOrThrow({ where: { id: passholder.id } })).toEqual(passholder);
    });
  });

  describe("refused values answer in Dutch next to the field, never with a server error", () => {
    it("names the field of a duplicate value", async () => {
      const renamed = await app.postJson(coordinator, `${API}/Municipality/records/${app.assenede}/edit`, { name: "Eeklo" });
      expect(renamed.status).toBe(200);
      expect(renamed.body.record?.errors?.name?.message).toBe('Deze waarde van "Naam" is al in gebruik: kies een andere.');
      const [first, second] = await app.db.prisma.passholder.findMany({ where: { municipalityId: app.eeklo, email: { not: null } }, take: 2 });
      const taken = await app.postJson(eeklo, `${API}/Passholder/records/${second!.id}/edit`, { email: first!.email!.toUpperCase() });
      expect(taken.body.record?.errors?.email?.message).toBe('Deze waarde van "E-mailadres" is al in gebruik: kies een andere.');
      const user = await app.postJson(coordinator, `${API}/User/actions/new`, { email: "coordinator@uitpas-meetjesland.test", name: "Dubbel", role: "COORDINATOR", password: "een lang genoeg wachtwoord" });
      expect(user.body.record?.errors?.email?.message).toMatch(/al in gebruik/);
      expect((await app.db.prisma.municipality.findUniqueOrThrow({ where: { id: app.assenede } })).name).toBe("Assenede");
    });

    it("names the field of a value of the wrong kind, or one a database rule refuses", async () => {
      const event = await app.db.prisma.event.findFirstOrThrow({ where: { municipalityId: app.eeklo } });
      const letters = await app.postJson(eeklo, `${API}/Event/records/${event.id}/edit`, { points: "veel" });
      expect(letters.status).toBe(200);
      expect(letters.body.record?.errors?.points?.message).toBe('"Punten" moet een getal zijn.');
      const noDate = await app.postJson(eeklo, `${API}/Event/records/${event.id}/edit`, { startsAt: "morgen" });
      expect(noDate.body.record?.errors?.startsAt?.message).toBe('"Start" is geen geldig tijdstip: typ dd/mm/jjjj uu:mm, bv. 14/05/2026 20:00.');
      const huge = await app.postJson(eeklo, `${API}/Event/records/${event.id}/edit`, { points: "99999999999" });
      expect(huge.body.record?.errors?.points?.message).toBe('"Punten" is te groot of te lang.');
      const backwards = await app.postJson(eeklo, `${API}/Event/records/${event.id}/edit`, { endsAt: new Date(event.startsAt.getTime() - 3_600_000).toISOString() });
      expect(backwards.body.record?.errors?.endsAt?.message).toBe("Het einde van het evenement mag niet vóór de start liggen.");
      const advantage = await app.db.prisma.advantage.findFirstOrThrow({ where: { ownerMunicipalityId: app.eeklo, redeemedCount: { gt: 1 } } });
      const stock = await app.postJson(eeklo, `${API}/Advantage/records/${advantage.id}/edit`, { unitsAvailable: "1", redeemedCount: "0" });
      expect(stock.body.record?.errors?.unitsAvailable?.message).toMatch(/niet lager zijn dan het aantal opnames/);
      expect(await app.db.prisma.event.findUniqueOrThrow({ where: { id: event.id } })).toEqual(event);
      expect(await app.db.prisma.advantage.findUniqueOrThrow({ where: { id: advantage.id } })).toEqual(advantage);
    });

    it("never lets a form change a derived count", async () => {
      const advantage = await app.db.prisma.advantage.findFirstOrThrow({ where: { ownerMunicipalityId: app.eeklo, redeemedCount: { gt: 1 } } });
      const edited = await app.postJson(eeklo, `${API}/Advantage/records/${advantage.id}/edit`, { redeemedCount: "0", title: `${advantage.title}!` });
      expect(edited.body.notice?.type).toBe("success");
      expect(await app.db.prisma.advantage.findUniqueOrThrow({ where: { id: advantage.id } })).toMatchObject({ redeemedCount: advantage.redeemedCount, title: `${advantage.title}!` });
    });

    it("checks a counter's IBAN and a local administrator's municipality as core does", async () => {
      const counter = await app.db.prisma.counter.findFirstOrThrow({ where: { municipalityId: app.eeklo } });
      const wrong = await app.postJson(eeklo, `${API}/Counter/records/${counter.id}/edit`, { iban: "BE00 0000 0000 0000" });
      expect(wrong.body.record?.errors?.iban?.message).toBe("Het IBAN-nummer is ongeldig.");
      const right = await app.postJson(eeklo, `${API}/Counter/records/${counter.id}/edit`, { iban: "be68539007547034" });
      expect(right.body.notice?.type).toBe("success");
      expect((await app.db.prisma.counter.findUniqueOrThrow({ where: { id: counter.id } })).iban).toBe("BE68 5390 0754 7034");
      const nowhere = await app.postJson(coordinator, `${API}/User/actions/new`, { email: "zonder.gemeente@eeklo.be", name: "Zonder", role: "MUNICIPAL_ADMIN", password: "een lang genoeg wachtwoord" });
      expect(nowhere.body.record?.errors?.municipality?.message).toBe("Kies de gemeente van deze lokale verantwoordelijke.");
      expect(await app.db.prisma.user.count({ where: { email: "zonder.gemeente@eeklo.be" } })).toBe(0);
    });

    it("refuses deleting a record others refer to", async () => {
      const counter = await app.db.prisma.counter.findFirstOrThrow({ where: { events: { some: {} } } });
      const refused = await app.postJson(coordinator, `${API}/Counter/records/${counter.id}/delete`);
      expect(refused.status).toBe(200);
      expect(refused.body.notice).toEqual({ type: "error", message: "Dit record kan niet verwijderd worden: andere gegevens verwijzen ernaar." });
      expect(await app.db.prisma.counter.findUnique({ where: { id: counter.id } })).not.toBeNull();
    });

    it("answers a bulk action on records out of reach with 404 in Dutch", async () => {
      const foreign = await app.db.prisma.pillar.findFirstOrThrow({ where: { municipalityId: { not: app.eeklo } } });
      for (const method of ["GET", "POST"]) {
        const path = `${API}/Pillar/bulk/bulkDelete?recordIds=${foreign.id}`;
        const answer = method === "GET" ? await app.getJson(eeklo, path) : await app.postJson(eeklo, path);
        expect(answer.status, method).toBe(404);
        expect(answer.body.notice, method).toEqual({ type: "error", message: "Deze records werden niet gevonden, of u mag ze niet bekijken." });
      }
      expect(await app.db.prisma.pillar.findUnique({ where: { id: foreign.id } })).not.toBeNull();
    });
  });

  describe("references stay within the municipality", () => {
    it("refuses the Eeklo administrator a counter, event or advantage of elsewhere as a reference", async () => {
      const event = await app.db.prisma.event.findFirstOrThrow({ where: { municipalityId: app.eeklo } });
      const foreignCounter = await counterNamed("Bibliotheek Assenede");
      const organiser = await app.postJson(eeklo, `${API}/Event/records/${event.id}/edit`, { organiserCounter: String(foreignCounter) });
      expect(organiser.body.record?.errors?.organiserCounter?.message).toBe('Dit valt buiten uw gemeente: kies bij "Organiserende balie" een waarde van uw eigen gemeente.');
      expect((await app.db.prisma.event.findUniqueOrThrow({ where: { id: event.id } })).organiserCounterId).toBe(event.organiserCounterId);

      const passholder = await app.db.prisma.passholder.findFirstOrThrow({ where: { municipalityId: app.eeklo, registeredAtCounter: { municipalityId: app.eeklo } } });
      const registeredAt = await app.postJson(eeklo, `${API}/Passholder/records/${passholder.id}/edit`, { registeredAtCounter: String(foreignCounter) });
      expect(registeredAt.body.record?.errors?.registeredAtCounter?.message).toMatch(/buiten uw gemeente/);

      const pillar = await app.db.prisma.pillar.findFirstOrThrow({ where: { municipalityId: app.eeklo } });
      const foreignEvent = await app.db.prisma.event.findFirstOrThrow({ where: { municipalityId: { not: app.eeklo } } });
      const fixed = await app.postJson(eeklo, `${API}/Pillar/records/${pillar.id}/edit`, { fixedEvent: foreignEvent.id });
      expect(fixed.body.record?.errors?.fixedEvent?.message).toMatch(/buiten uw gemeente/);
      expect((await app.db.prisma.pillar.findUniqueOrThrow({ where: { id: pillar.id } })).fixedEventId).toBe(pillar.fixedEventId);

      const regional = await app.db.prisma.advantage.findFirstOrThrow({ where: { ownerMunicipalityId: null } });
      const linked = await app.postJson(eeklo, `${API}/AdvantageCounter/actions/new`, { advantage: String(regional.id), counter: String(await counterNamed("Bibliotheek Eeklo")) });
      expect(linked.body.record?.errors?.advantage?.message).toMatch(/buiten uw gemeente/);

      // Unchanged references of elsewhere do not block other changes; the coordinator may pick any.
      const moved = await app.postJson(coordinator, `${API}/Event/records/${event.id}/edit`, { organiserCounter: String(foreignCounter) });
      expect(moved.body.notice?.type).toBe("success");
      const renamed = await app.postJson(eeklo, `${API}/Event/records/${event.id}/edit`, { name: "Hernoemd", organiserCounter: String(foreignCounter) });
      expect(renamed.body.notice?.type).toBe("success");
    });

    it("offers in the reference dropdowns only what may be chosen", async () => {
      const picked = async (browser: Browser, resource: string) => ((await app.getJson(browser, `${API}/${resource}/actions/search`)).body.records ?? []).map((record) => String(record.id));
      const regional = (await app.db.prisma.advantage.findMany({ where: { ownerMunicipalityId: null } })).map((advantage) => String(advantage.id));
      const own = (await app.db.prisma.advantage.findMany({ where: { ownerMunicipalityId: app.eeklo } })).map((advantage) => String(advantage.id));
      expect((await picked(eeklo, "Advantage")).sort()).toEqual([...own].sort());
      expect(await picked(coordinator, "Advantage")).toEqual(expect.arrayContaining([...regional, ...own]));
      const counters = (await app.db.prisma.counter.findMany({ where: { municipalityId: app.eeklo } })).map((counter) => String(counter.id));
      expect((await picked(eeklo, "Counter")).sort()).toEqual([...counters].sort());
      // Reading is wider than picking: the regional advantages stay in the Eeklo administrator's list.
      const list = await app.getJson(eeklo, `${API}/Advantage/actions/list?perPage=500`);
      expect(list.body.records!.map((record) => String(record.id))).toEqual(expect.arrayContaining(regional));
    });
  });

  describe("the audit trail of a record", () => {
    it("opens for a coordinator from any record, filtered on exactly that record", async () => {
      const pillar = await app.db.prisma.pillar.create({ data: { cid: "AUDIT-TRAIL", name: "Geschiedeniszuil", municipalityId: app.eeklo } });
      expect((await app.postJson(eeklo, `${API}/Pillar/records/${pillar.id}/edit`, { name: "Zuil met geschiedenis" })).body.notice?.type).toBe("success");
      // Rows of other records whose key or model name merely contains these.
      await app.db.prisma.auditLog.createMany({
        data: [
          { actor: "x", action: "admin.edit", resource: "Pillar", recordId: `${pillar.id}0` },
          { actor: "x", action: "admin.edit", resource: "PillarCounter", recordId: String(pillar.id) },
        ],
      });
      const show = await app.getJson(coordinator, `${API}/Pillar/records/${pillar.id}/show`);
      expect((show.body.record as unknown as { recordActions: Array<{ name: string }> }).recordActions.map((action) => action.name)).toContain("auditTrail");
      const opened = await app.getJson(coordinator, `${API}/Pillar/records/${pillar.id}/auditTrail`);
      expect(opened.body.redirectUrl).toBe(`/admin/resources/AuditLog?filters.resource=Pillar&filters.recordId=${pillar.id}`);

      const trail = await app.getJson(coordinator, `${API}/AuditLog/actions/list?filters.resource=Pillar&filters.recordId=${pillar.id}`);
      expect(trail.body.meta?.total).toBe(1);
      expect(trail.body.records![0]!.params).toMatchObject({
        actor: "beheerder.eeklo@uitpas-meetjesland.test",
        action: "admin.edit",
        resource: "Pillar",
        recordId: String(pillar.id),
        "changes.name": "Zuil met geschiedenis",
        ip: expect.stringContaining("127.0.0.1"),
      });
      const byActor = await app.getJson(coordinator, `${API}/AuditLog/actions/list?filters.actor=beheerder.eeklo&filters.action=admin.edit&filters.resource=Pillar`);
      expect(byActor.body.records!.map((record) => record.params.recordId)).toEqual([String(pillar.id)]);
    });

    it("shows no INSZ in a passholder's trail", async () => {
      const passholder = await app.db.prisma.passholder.findFirstOrThrow({ where: { municipalityId: app.eeklo, insz: null } });
      expect((await app.postJson(coordinator, `${API}/Passholder/records/${passholder.id}/edit`, { insz: "85073003328", birthDate: "30/07/1985", gender: "MALE" })).body.notice?.type).toBe("success");
      const trail = await app.getJson(coordinator, `${API}/AuditLog/actions/list?filters.resource=Passholder&filters.recordId=${passholder.id}`);
      expect(trail.body.meta?.total).toBe(1);
      expect(trail.body.records![0]!.params["changes.insz"]).toBe("[verborgen]");
      expect(trail.text).not.toContain("85073003328");
    });

    it("is closed to a municipal administrator", async () => {
      const pillar = await app.db.prisma.pillar.findFirstOrThrow({ where: { municipalityId: app.eeklo } });
      const show = await app.getJson(eeklo, `${API}/Pillar/records/${pillar.id}/show`);
      expect((show.body.record as unknown as { recordActions: Array<{ name: string }> }).recordActions.map((action) => action.name)).not.toContain("auditTrail");
      const opened = await app.getJson(eeklo, `${API}/Pillar/records/${pillar.id}/auditTrail`);
      expect(opened.body.notice?.type).toBe("error");
      expect(opened.body.redirectUrl).toBeUndefined();
      const list = await app.getJson(eeklo, `${API}/AuditLog/actions/list?filters.resource=Pillar`);
      expect(list.body.records ?? []).toEqual([]);
    });
  });
});
