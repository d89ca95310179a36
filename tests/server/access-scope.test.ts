import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInDemo, type DemoBackoffice } from "./access-setup.js";
import type { Browser } from "./http.js";

const API = "/admin/api/resources";

describe("backoffice scope of a municipal administrator (Eeklo)", () => {
  let app: DemoBackoffice;
  let eeklo: Browser;
  let coordinator: Browser;

  beforeAll(async () => {
    ({ app, coordinator, eeklo } = await signedInDemo());
    await addAssenedeActivity(app);
  });
  afterAll(async () => app?.close());

  it("lists and searches only Eeklo's passholders; the coordinator sees all", async () => {
    const inEeklo = await app.db.prisma.passholder.count({ where: { municipalityId: app.eeklo } });
    const list = await app.getJson(eeklo, `${API}/Passholder/actions/list?perPage=500`);
    expect(list.body.meta?.total).toBe(inEeklo);
    expect(list.body.records!.length).toBe(inEeklo);
    expect(list.body.records!.every((record) => record.params.municipality === app.eeklo)).toBe(true);

    const filtered = await app.getJson(eeklo, `${API}/Passholder/actions/list?filters.municipality=${app.assenede}`);
    expect(filtered.body.meta?.total).toBe(0);

    const stranger = await app.db.prisma.passholder.findFirstOrThrow({ where: { municipalityId: app.assenede } });
    const byName = `filters.lastName=${encodeURIComponent(stranger.lastName)}`;
    const search = await app.getJson(eeklo, `${API}/Passholder/actions/search/${encodeURIComponent(stranger.lastName)}?searchProperty=lastName`);
    expect(search.body.records!.every((record) => record.params.municipality === app.eeklo)).toBe(true);
    expect(search.text).not.toContain(stranger.id);
    expect((await app.getJson(eeklo, `${API}/Passholder/actions/list?${byName}`)).text).not.toContain(stranger.id);

    const all = await app.getJson(coordinator, `${API}/Passholder/actions/list`);
    expect(all.body.meta?.total).toBe(await app.db.prisma.passholder.count());
    const found = await app.getJson(coordinator, `${API}/Passholder/actions/search/${encodeURIComponent(stranger.lastName)}?searchProperty=lastName`);
    expect(found.text).toContain(stranger.id);
    expect((await app.getJson(coordinator, `${API}/Passholder/actions/list?${byName}`)).text).toContain(stranger.id);
  });

  it("scopes reference dropdowns and populated references", async () => {
    const municipalities = await app.getJson(eeklo, `${API}/Municipality/actions/search`);
    expect(municipalities.body.records!.map((record) => record.params.id)).toEqual([app.eeklo]);
    // A check-in at an Eeklo event by an Assenede passholder: shown, the passholder only as "from elsewhere".
    const event = await app.db.prisma.event.findFirstOrThrow({ where: { municipalityId: app.eeklo } });
    const visitor = await app.db.prisma.passholder.findFirstOrThrow({ where: { municipalityId: app.assenede } });
    const visit = await app.db.prisma.checkin.create({
      data: { eventId: event.id, passholderId: visitor.id, channel: "QR", points: 1, periodKey: "bezoek", slot: 1, checkedInAt: event.startsAt },
    });
    const shown = await app.getJson(eeklo, `${API}/Checkin/records/${visit.id}/show`);
    expect(shown.body.record?.params.passholder).toBe(visitor.id);
    expect((shown.body.record as { populated?: Record<string, { title?: string; params?: object }> }).populated?.passholder).toMatchObject({ title: "pashouder uit een andere gemeente", params: {} });
    expect(shown.text).not.toContain(visitor.lastName);
  });

  it("finds no record of Assenede by changing the id in the URL, whatever the action", async () => {
    const passholder = await app.db.prisma.passholder.findFirstOrThrow({ where: { municipalityId: app.assenede } });
    const counter = await app.db.prisma.counter.findFirstOrThrow({ where: { municipalityId: app.assenede } });
    const event = await app.db.prisma.event.findFirstOrThrow({ where: { municipalityId: app.assenede } });
    const checkin = await app.db.prisma.checkin.findFirstOrThrow({ where: { event: { municipalityId: app.assenede } } });
    const ticket = await app.db.prisma.ticketSale.findFirstOrThrow({ where: { event: { municipalityId: app.assenede } } });
    const pillar = await app.db.prisma.pillar.findFirstOrThrow({ where: { municipalityId: app.assenede } });
    const targets: Array<[string, string | number, Record<string, string>]> = [
      ["Passholder", passholder.id, { firstName: "Gekaapt" }],
      ["Counter", counter.id, { name: "Gekaapt" }],
      ["Event", event.id, { name: "Gekaapt" }],
      ["Checkin", checkin.id, { points: "99" }],
      ["TicketSale", ticket.id, { tariffCents: "1" }],
      ["Pillar", pillar.id, { name: "Gekaapt" }],
    ];
    const snapshot = async () =>
      JSON.stringify(
        await Promise.all([
          app.db.prisma.passholder.findUnique({ where: { id: passholder.id } }),
          app.db.prisma.counter.findUnique({ where: { id: counter.id } }),
          app.db.prisma.event.findUnique({ where: { id: event.id } }),
          app.db.prisma.checkin.findUnique({ where: { id: checkin.id } }),
          app.db.prisma.ticketSale.findUnique({ where: { id: ticket.id } }),
          app.db.prisma.pillar.findUnique({ where: { id: pillar.id } }),
        ]),
      );
    const before = await snapshot();
    const eekloAudits = () => app.db.prisma.auditLog.count({ where: { actor: { startsWith: "beheerder.eeklo" } } });
    const auditsBefore = await eekloAudits();
    for (const [resource, id, change] of targets) {
      for (const action of ["show", "edit", "delete"]) {
        const read = await app.getJson(eeklo, `${API}/${resource}/records/${id}/${action}`);
        expect(read.body.notice?.type, `${resource} ${action}`).toBe("error");
        expect(read.body.record?.params ?? {}, `${resource} ${action}`).toEqual({});
      }
      for (const action of ["edit", "delete"]) {
        const write = await app.postJson(eeklo, `${API}/${resource}/records/${id}/${action}`, change);
        expect(write.body.notice?.type, `${resource} POST ${action}`).toBe("error");
        expect(write.text, `${resource} POST ${action}`).not.toContain("Gekaapt");
      }
      const bulk = await app.postJson(eeklo, `${API}/${resource}/bulk/bulkDelete?recordIds=${id}`);
      // AdminJS throws "not found" when none of the ids is reachable; the app answers 404 without any record.
      expect(bulk.status, `${resource} bulkDelete`).toBe(404);
      expect(bulk.body.records ?? [], `${resource} bulkDelete`).toEqual([]);
      const bulkShow = await app.getJson(eeklo, `${API}/${resource}/bulk/bulkDelete?recordIds=${id}`);
      expect(bulkShow.status, `${resource} bulkDelete GET`).toBe(404);
      expect(bulkShow.body.records ?? [], `${resource} bulkDelete GET`).toEqual([]);
    }
    expect(await snapshot()).toBe(before);
    expect(await eekloAudits()).toBe(auditsBefore);
  });

  it("refuses a bulk delete as a whole when one of its ids is another municipality's record, and deletes the Eeklo record alone", async () => {
    const own = await app.db.prisma.pillar.create({ data: { cid: "ZUIL-EEKLO-TEST", name: "Testzuil Eeklo", municipalityId: app.eeklo } });
    const foreign = await app.db.prisma.pillar.findFirstOrThrow({ where: { municipalityId: app.assenede } });
    const mixed = await app.postJson(eeklo, `${API}/Pillar/bulk/bulkDelete?recordIds=${own.id},${foreign.id}`);
    expect(mixed.status).toBe(404);
    expect(mixed.body.notice?.message).toContain("niet gevonden");
    expect(await app.db.prisma.pillar.findUnique({ where: { id: own.id } })).not.toBeNull();
    expect(await app.db.prisma.pillar.findUnique({ where: { id: foreign.id } })).not.toBeNull();

    const alone = await app.postJson(eeklo, `${API}/Pillar/bulk/bulkDelete?recordIds=${own.id}`);
    expect(alone.body.notice?.type).toBe("success");
    expect(await app.db.prisma.pillar.findUnique({ where: { id: own.id } })).toBeNull();
  });

  it("cannot create or move a counter into another municipality", async () => {
    const cardSystem = await app.db.prisma.cardSystem.findFirstOrThrow();
    const elsewhere = await app.postJson(eeklo, `${API}/Counter/actions/new`, {
      name: "Balie elders",
      consumerKey: "balie-elders",
      cardSystem: String(cardSystem.id),
      municipality: String(app.assenede),
    });
    expect(elsewhere.body.notice?.type).toBe("error");
    expect(elsewhere.body.record?.errors?.municipality?.message).toMatch(/buiten uw gemeente.*"Gemeente"/);
    expect(await app.db.prisma.counter.findUnique({ where: { consumerKey: "balie-elders" } })).toBeNull();

    const own = await app.postJson(eeklo, `${API}/Counter/actions/new`, { name: "Balie hier", consumerKey: "balie-hier", cardSystem: String(cardSystem.id) });
    expect(own.body.notice?.type).toBe("success");
    const created = await app.db.prisma.counter.findUniqueOrThrow({ where: { consumerKey: "balie-hier" } });
    expect(created.municipalityId).toBe(app.eeklo);

    const moved = await app.postJson(eeklo, `${API}/Counter/records/${created.id}/edit`, { municipality: String(app.assenede), name: "Verhuisd" });
    expect(moved.body.notice?.type).toBe("error");
    expect(await app.db.prisma.counter.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ municipalityId: app.eeklo, name: "Balie hier" });
  });

  it("views regional advantages but edits only Eeklo's own", async () => {
    const regional = await app.db.prisma.advantage.findFirstOrThrow({ where: { ownerMunicipalityId: null } });
    const shown = await app.getJson(eeklo, `${API}/Advantage/records/${regional.id}/show`);
    expect(shown.body.record?.params.title).toBe(regional.title);
    const actions = (shown.body.record as unknown as { recordActions: Array<{ name: string }> }).recordActions.map((action) => action.name);
    expect(actions).toContain("show");
    expect(actions).not.toContain("edit");
    const edited = await app.postJson(eeklo, `${API}/Advantage/records/${regional.id}/edit`, { title: "Overgenomen" });
    expect(edited.body.notice?.type).toBe("error");
    expect((await app.db.prisma.advantage.findUniqueOrThrow({ where: { id: regional.id } })).title).toBe(regional.title);
    const foreign = await app.db.prisma.advantage.findFirst({ where: { ownerMunicipalityId: app.assenede } });
    if (foreign) expect((await app.getJson(eeklo, `${API}/Advantage/records/${foreign.id}/show`)).body.notice?.type).toBe("error");
  });

  it("has no user management, audit trail, or writes on read-only models", async () => {
    for (const resource of ["User", "AuditLog", "Session", "RateLimit"]) {
      const list = await app.getJson(eeklo, `${API}/${resource}/actions/list`);
      expect(list.body.records ?? [], resource).toEqual([]);
      expect(list.body.notice?.type, resource).toBe("error");
    }
    const me = await app.db.prisma.user.findFirstOrThrow({ where: { role: "MUNICIPAL_ADMIN" } });
    expect((await app.getJson(eeklo, `${API}/User/records/${me.id}/show`)).body.notice?.type).toBe("error");
    const edit = await app.postJson(eeklo, `${API}/Municipality/records/${app.eeklo}/edit`, { name: "Eeklo-Stad" });
    expect(edit.body.notice?.type).toBe("error");
    expect((await app.db.prisma.municipality.findUniqueOrThrow({ where: { id: app.eeklo } })).name).toBe("Eeklo");
    const counter = await app.db.prisma.counter.findFirstOrThrow({ where: { municipalityId: app.eeklo } });
    expect((await app.postJson(eeklo, `${API}/Counter/records/${counter.id}/delete`)).body.notice?.type).toBe("error");
    expect(await app.db.prisma.counter.findUnique({ where: { id: counter.id } })).not.toBeNull();
  });

  it("shows INSZ only to users allowed to see it, and never lets others search or write it", async () => {
    const passholder = await app.db.prisma.passholder.findFirstOrThrow({ where: { municipalityId: app.eeklo } });
    const insz = "85073003328";
    await app.db.prisma.passholder.update({ where: { id: passholder.id }, data: { insz } });
    const coordinatorUser = await app.db.prisma.user.findFirstOrThrow({ where: { role: "COORDINATOR" } });
    const paths = [`${API}/Passholder/records/${passholder.id}/show`, `${API}/Passholder/records/${passholder.id}/edit`, `${API}/Passholder/actions/list?perPage=500`];

    for (const path of paths) expect((await app.getJson(eeklo, path)).text, path).not.toContain(insz);
    const byInsz = await app.getJson(eeklo, `${API}/Passholder/actions/list?filters.insz=${insz}`);
    expect(byInsz.body.meta?.total).toBe(await app.db.prisma.passholder.count({ where: { municipalityId: app.eeklo } }));
    const typed = await app.postJson(eeklo, `${API}/Passholder/records/${passholder.id}/edit`, { insz: "90010100167" });
    expect(typed.body.notice?.type).toBe("error");
    expect((await app.db.prisma.passholder.findUniqueOrThrow({ where: { id: passholder.id } })).insz).toBe(insz);

    await app.db.prisma.user.update({ where: { id: coordinatorUser.id }, data: { mayViewInsz: false } });
    for (const path of paths) expect((await app.getJson(coordinator, path)).text, path).not.toContain(insz);
    await app.db.prisma.user.update({ where: { id: coordinatorUser.id }, data: { mayViewInsz: true } });
    expect((await app.getJson(coordinator, paths[0]!)).body.record?.params.insz).toBe(insz);

    const eekloUser = await app.db.prisma.user.findFirstOrThrow({ where: { role: "MUNICIPAL_ADMIN" } });
    await app.db.prisma.user.update({ where: { id: eekloUser.id }, data: { mayViewInsz: true } });
    expect((await app.getJson(eeklo, paths[0]!)).body.record?.params.insz).toBe(insz);
    await app.db.prisma.user.update({ where: { id: eekloUser.id }, data: { mayViewInsz: false } });
  });
});

/** The demo region has no events or pillars in Assenede: add one of each, with a check-in and a ticket. */
async function addAssenedeActivity(app: DemoBackoffice): Promise<void> {
  const prisma = app.db.prisma;
  const counter = await prisma.counter.findFirstOrThrow({ where: { municipalityId: app.assenede } });
  const passholder = await prisma.passholder.findFirstOrThrow({ where: { municipalityId: app.assenede } });
  const startsAt = new Date("2026-06-10T18:00:00Z");
  const event = await prisma.event.create({
    data: {
      cardSystemId: counter.cardSystemId,
      cdbid: "assenede-test-event",
      name: "Zomerfeest Assenede",
      organiserCounterId: counter.id,
      municipalityId: app.assenede,
      startsAt,
      endsAt: new Date("2026-06-10T22:00:00Z"),
    },
  });
  await prisma.pillar.create({ data: { cid: "ZUIL-ASSENEDE-TEST", name: "Zuil Assenede", municipalityId: app.assenede } });
  await prisma.checkin.create({
    data: { eventId: event.id, passholderId: passholder.id, counterId: counter.id, channel: "COUNTER", points: 1, periodKey: "2026-06-10", slot: 1, checkedInAt: startsAt },
  });
  await prisma.ticketSale.create({
    data: {
      eventId: event.id,
      passholderId: passholder.id,
      counterId: counter.id,
      regularPriceCents: 1000,
      tariffCents: 250,
      keyParticipantPct: 25,
      keyOrganiserPct: 55,
      keyMunicipalityPct: 20,
      periodKey: "2026",
      soldAt: startsAt,
    },
  });
}
