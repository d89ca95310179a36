import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInDemo, type ApiAnswer, type DemoBackoffice } from "./access-setup.js";
import type { Browser } from "./http.js";

const API = "/admin/api/resources";
// What AdminJS's form posts for a list emptied in the browser.
const EMPTY_LIST = "__FORM_VALUE_EMPTY_ARRAY__";

/** A list as AdminJS's frontend posts it: one form field per item, `path.0`, `path.1`… */
const listFields = (path: string, values: Array<string | number>) => Object.fromEntries(values.map((value, index) => [`${path}.${index}`, String(value)]));

/** The list `path` of a record as the API hands it to the browser (flattened as `path.0`, `path.1`…). */
const listOf = (params: Record<string, unknown> | undefined, path: string) =>
  Object.entries(params ?? {})
    .filter(([key]) => key.startsWith(`${path}.`))
    .sort(([a], [b]) => Number(a.split(".")[1]) - Number(b.split(".")[1]))
    .map(([, value]) => value);

const errorOf = (answer: ApiAnswer, field: string) => answer.body.record?.errors?.[field]?.message;

describe("lists on a record: a counter's permission groups, an advantage's counters and municipalities", () => {
  let app: DemoBackoffice;
  let coordinator: Browser;
  let eeklo: Browser;

  beforeAll(async () => ({ app, coordinator, eeklo } = await signedInDemo()));
  afterAll(async () => app?.close());

  const counterNamed = async (name: string) => app.db.prisma.counter.findFirstOrThrow({ where: { name } });
  const lastAudit = (resource: string, recordId: number) => app.db.prisma.auditLog.findFirstOrThrow({ where: { resource, recordId: String(recordId) }, orderBy: { id: "desc" } });

  describe("permission groups of a counter (Balies)", () => {
    it("sets several groups, shows them in the list and on the record, and audits the change", async () => {
      const counter = await counterNamed("Sportdienst Eeklo");
      expect(counter.permissionGroups).toEqual(["CHECKIN_TICKET"]);
      const saved = await app.postJson(coordinator, `${API}/Counter/records/${counter.id}/edit`, listFields("permissionGroups", ["NON_AUTHORISED_REGISTRATION", "CHECKIN_TICKET"]));
      expect(saved.body.notice?.type, JSON.stringify(saved.body.record?.errors)).toBe("success");
      expect((await app.db.prisma.counter.findUniqueOrThrow({ where: { id: counter.id } })).permissionGroups).toEqual(["NON_AUTHORISED_REGISTRATION", "CHECKIN_TICKET"]);

      const shown = await app.getJson(coordinator, `${API}/Counter/records/${counter.id}/show`);
      expect(listOf(shown.body.record?.params, "permissionGroups")).toEqual(["NON_AUTHORISED_REGISTRATION", "CHECKIN_TICKET"]);
      const list = await app.getJson(coordinator, `${API}/Counter/actions/list?perPage=500`);
      expect(listOf(list.body.records!.find((record) => String(record.id) === String(counter.id))?.params, "permissionGroups")).toEqual(["NON_AUTHORISED_REGISTRATION", "CHECKIN_TICKET"]);

      const audit = await lastAudit("Counter", counter.id);
      expect(audit).toMatchObject({ actor: "coordinator@uitpas-meetjesland.test", action: "admin.edit" });
      expect((audit.changes as Record<string, unknown>).permissionGroups).toEqual(["NON_AUTHORISED_REGISTRATION", "CHECKIN_TICKET"]);
    });

    it("takes a single group, an emptied list, and leaves the groups alone when the form does not send them", async () => {
      const counter = await counterNamed("Jeugddienst Aalter");
      const read = async () => (await app.db.prisma.counter.findUniqueOrThrow({ where: { id: counter.id } })).permissionGroups;
      expect((await app.postJson(coordinator, `${API}/Counter/records/${counter.id}/edit`, { permissionGroups: "AUTHORISED_REGISTRATION" })).body.notice?.type).toBe("success");
      expect(await read()).toEqual(["AUTHORISED_REGISTRATION"]);
      expect((await app.postJson(coordinator, `${API}/Counter/records/${counter.id}/edit`, { name: "Jeugddienst Aalter" })).body.notice?.type).toBe("success");
      expect(await read()).toEqual(["AUTHORISED_REGISTRATION"]);
      expect((await app.postJson(coordinator, `${API}/Counter/records/${counter.id}/edit`, { permissionGroups: EMPTY_LIST })).body.notice?.type).toBe("success");
      expect(await read()).toEqual([]);
    });

    it("refuses a group that does not exist, in Dutch next to the field, and changes nothing", async () => {
      const counter = await counterNamed("Bibliotheek Eeklo");
      const audits = await app.db.prisma.auditLog.count();
      const refused = await app.postJson(eeklo, `${API}/Counter/records/${counter.id}/edit`, listFields("permissionGroups", ["CHECKIN_TICKET", "ALLES"]));
      expect(refused.status).toBe(200);
      expect(errorOf(refused, "permissionGroups")).toBe('Kies bij "Permissiegroepen" enkel uit de getoonde waarden.');
      expect(await app.db.prisma.counter.findUniqueOrThrow({ where: { id: counter.id } })).toEqual(counter);
      expect(await app.db.prisma.auditLog.count()).toBe(audits);
    });

    it("lets the Eeklo administrator set the groups of Eeklo's counters only", async () => {
      const own = await counterNamed("CC De Herbakker");
      const saved = await app.postJson(eeklo, `${API}/Counter/records/${own.id}/edit`, listFields("permissionGroups", ["AUTHORISED_REGISTRATION", "CHECKIN_TICKET"]));
      expect(saved.body.notice?.type).toBe("success");
      expect((await app.db.prisma.counter.findUniqueOrThrow({ where: { id: own.id } })).permissionGroups).toEqual(["AUTHORISED_REGISTRATION", "CHECKIN_TICKET"]);
      const foreign = await counterNamed("Bibliotheek Assenede");
      const refused = await app.postJson(eeklo, `${API}/Counter/records/${foreign.id}/edit`, listFields("permissionGroups", ["CHECKIN_TICKET"]));
      expect(refused.body.notice?.type).toBe("error");
      expect((await app.db.prisma.counter.findUniqueOrThrow({ where: { id: foreign.id } })).permissionGroups).toEqual(foreign.permissionGroups);
    });

    it("filters counters that have a group, within the user's scope, and finds nothing for an unknown group", async () => {
      for (const group of ["AUTHORISED_REGISTRATION", "NON_AUTHORISED_REGISTRATION", "CHECKIN_TICKET"] as const) {
        const filtered = await app.getJson(coordinator, `${API}/Counter/actions/list?perPage=500&filters.permissionGroups=${group}`);
        expect(filtered.status, group).toBe(200);
        const expected = await app.db.prisma.counter.findMany({ where: { permissionGroups: { has: group } } });
        expect(expected.length, group).toBeGreaterThan(0);
        expect(filtered.body.meta?.total, group).toBe(expected.length);
        expect(filtered.body.records!.map((record) => String(record.id)).sort(), group).toEqual(expected.map((counter) => String(counter.id)).sort());
      }
      const local = await app.getJson(eeklo, `${API}/Counter/actions/list?perPage=500&filters.permissionGroups=CHECKIN_TICKET`);
      const eekloCounters = await app.db.prisma.counter.findMany({ where: { municipalityId: app.eeklo, permissionGroups: { has: "CHECKIN_TICKET" } } });
      expect(local.body.records!.map((record) => String(record.id)).sort()).toEqual(eekloCounters.map((counter) => String(counter.id)).sort());
      const unknown = await app.getJson(coordinator, `${API}/Counter/actions/list?filters.permissionGroups=ALLES`);
      expect(unknown.status).toBe(200);
      expect(unknown.body.meta?.total).toBe(0);
    });
  });

  describe("the counters and municipalities of an advantage (Welkomstvoordelen, Omruilvoordelen)", () => {
    const linksOf = async (advantageId: number) => ({
      counters: (await app.db.prisma.advantageCounter.findMany({ where: { advantageId }, orderBy: { counterId: "asc" } })).map((link) => link.counterId),
      municipalities: (await app.db.prisma.advantageMunicipality.findMany({ where: { advantageId }, orderBy: { municipalityId: "asc" } })).map((link) => link.municipalityId),
    });

    it("sets them on the advantage, reads them back with their names and audits what was added and removed", async () => {
      const advantage = await app.db.prisma.advantage.findFirstOrThrow({ where: { kind: "WELCOME", title: "Gratis UiTPAS-draagtas" } });
      const [library, pool] = [await counterNamed("Bibliotheek Eeklo"), await counterNamed("Zwembad Zelzate")];
      const before = await linksOf(advantage.id);
      expect(before.municipalities).toEqual([]);
      const saved = await app.postJson(coordinator, `${API}/WelcomeAdvantage/records/${advantage.id}/edit`, {
        ...listFields("counters", [library.id, pool.id]),
        ...listFields("municipalities", [app.assenede]),
      });
      expect(saved.body.notice?.type, JSON.stringify(saved.body.record?.errors)).toBe("success");
      expect(await linksOf(advantage.id)).toEqual({ counters: [library.id, pool.id].sort((a, b) => a - b), municipalities: [app.assenede] });

      const shown = await app.getJson(coordinator, `${API}/WelcomeAdvantage/records/${advantage.id}/show`);
      const record = shown.body.record as { params: Record<string, unknown>; populated: Record<string, { title: string } | null> };
      expect(listOf(record.params, "counters")).toEqual([library.id, pool.id].sort((a, b) => a - b));
      expect(listOf(record.params, "municipalities")).toEqual([app.assenede]);
      expect(Object.values(record.populated).map((populated) => populated?.title)).toEqual(expect.arrayContaining(["Bibliotheek Eeklo", "Zwembad Zelzate", "Assenede"]));

      const changes = (await lastAudit("Advantage", advantage.id)).changes as Record<string, { added: Array<{ name: string }>; removed: Array<{ name: string }> }>;
      expect(changes.counters!.added.map((counter) => counter.name)).toEqual(["Zwembad Zelzate"]);
      expect(changes.counters!.removed.map((counter) => counter.name).sort()).toEqual(
        (await app.db.prisma.counter.findMany({ where: { id: { in: before.counters.filter((id) => id !== library.id) } } })).map((counter) => counter.name).sort(),
      );
      expect(changes.municipalities).toEqual({ added: [{ id: app.assenede, name: "Assenede" }], removed: [] });

      // A form without the lists leaves them; emptied lists mean every counter and every municipality.
      expect((await app.postJson(coordinator, `${API}/WelcomeAdvantage/records/${advantage.id}/edit`, { title: advantage.title })).body.notice?.type).toBe("success");
      expect((await linksOf(advantage.id)).municipalities).toEqual([app.assenede]);
      expect((await app.postJson(coordinator, `${API}/WelcomeAdvantage/records/${advantage.id}/edit`, { counters: EMPTY_LIST, municipalities: EMPTY_LIST })).body.notice?.type).toBe("success");
      expect(await linksOf(advantage.id)).toEqual({ counters: [], municipalities: [] });
    });

    it("creates an exchange advantage with its counters in one go, or not at all", async () => {
      const cardSystem = await app.db.prisma.cardSystem.findFirstOrThrow();
      const form = (title: string, counters: Array<string | number>) => ({
        title,
        cardSystem: String(cardSystem.id),
        points: "5",
        publicationStart: "2026-01-01T00:00:00.000Z",
        exchangeStart: "2026-01-01T00:00:00.000Z",
        ...listFields("counters", counters),
        ...listFields("municipalities", [app.eeklo]),
      });
      const sport = await counterNamed("Sportdienst Eeklo");
      const created = await app.postJson(eeklo, `${API}/ExchangeAdvantage/actions/new`, form("Gratis sportkamp", [sport.id]));
      expect(created.body.notice?.type, JSON.stringify(created.body.record?.errors)).toBe("success");
      const advantage = await app.db.prisma.advantage.findFirstOrThrow({ where: { title: "Gratis sportkamp" } });
      expect(advantage).toMatchObject({ kind: "EXCHANGE", ownerMunicipalityId: app.eeklo });
      expect(await linksOf(advantage.id)).toEqual({ counters: [sport.id], municipalities: [app.eeklo] });
      expect(((await lastAudit("Advantage", advantage.id)).changes as Record<string, unknown>).counters).toEqual({ added: [{ id: sport.id, name: "Sportdienst Eeklo" }], removed: [] });

      const refused = await app.postJson(eeklo, `${API}/ExchangeAdvantage/actions/new`, form("Gratis zwemkamp", [sport.id, (await counterNamed("Zwembad Zelzate")).id]));
      expect(errorOf(refused, "counters")).toMatch(/buiten uw gemeente/);
      expect(await app.db.prisma.advantage.count({ where: { title: "Gratis zwemkamp" } })).toBe(0);
    });

    it("refuses the Eeklo administrator another municipality's counter or residents, and ids no row has, in Dutch next to the field", async () => {
      const advantage = await app.db.prisma.advantage.findFirstOrThrow({ where: { ownerMunicipalityId: app.eeklo, kind: "WELCOME" } });
      const path = `${API}/WelcomeAdvantage/records/${advantage.id}/edit`;
      const [own, foreign] = [await counterNamed("Bibliotheek Eeklo"), await counterNamed("Bibliotheek Assenede")];
      const [links, row, audits] = [await linksOf(advantage.id), await app.db.prisma.advantage.findUniqueOrThrow({ where: { id: advantage.id } }), await app.db.prisma.auditLog.count()];
      const refusals: Array<[Record<string, string>, string, string]> = [
        [listFields("counters", [own.id, foreign.id]), "counters", 'Dit valt buiten uw gemeente: kies bij "Balies waar het voordeel opgenomen kan worden" enkel waarden van uw eigen gemeente.'],
        [listFields("municipalities", [app.eeklo, app.assenede]), "municipalities", 'Dit valt buiten uw gemeente: kies bij "Geldig voor inwoners van" enkel waarden van uw eigen gemeente.'],
        [{ counters: "abc" }, "counters", 'De gekozen waarde bij "Balies waar het voordeel opgenomen kan worden" bestaat niet (meer).'],
        [listFields("municipalities", [2_000_000_000]), "municipalities", 'De gekozen waarde bij "Geldig voor inwoners van" bestaat niet (meer).'],
        [{ "counters.0.id": String(own.id) }, "counters", 'De gekozen waarde bij "Balies waar het voordeel opgenomen kan worden" bestaat niet (meer).'],
      ];
      for (const [fields, field, message] of refusals) {
        const refused = await app.postJson(eeklo, path, { ...fields, title: "Gekaapt" });
        expect(refused.status, JSON.stringify(fields)).toBe(200);
        expect(errorOf(refused, field), JSON.stringify(fields)).toBe(message);
      }
      expect(await linksOf(advantage.id)).toEqual(links);
      expect(await app.db.prisma.advantage.findUniqueOrThrow({ where: { id: advantage.id } })).toEqual(row);
      expect(await app.db.prisma.auditLog.count()).toBe(audits);

      const saved = await app.postJson(eeklo, path, { ...listFields("counters", [own.id]), ...listFields("municipalities", [app.eeklo]) });
      expect(saved.body.notice?.type).toBe("success");
      expect(await linksOf(advantage.id)).toEqual({ counters: [own.id], municipalities: [app.eeklo] });
    });

    it("keeps the separate link screens working, out of the sidebar", async () => {
      const page = await app.getJson(coordinator, "/admin");
      const state = JSON.parse(/window\.REDUX_STATE = (\{.*?\});\s*\n/s.exec(page.text)![1]!) as { resources: Array<{ id: string; navigation: { show: boolean } | null }> };
      const sidebar = state.resources.filter((resource) => resource.navigation?.show).map((resource) => resource.id);
      expect(sidebar).not.toContain("AdvantageCounter");
      expect(sidebar).not.toContain("AdvantageMunicipality");
      expect((await app.getJson(coordinator, `${API}/AdvantageCounter/actions/list`)).body.meta?.total).toBe(await app.db.prisma.advantageCounter.count());
    });
  });
});
