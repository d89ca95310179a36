import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardNumberFrom } from "../../core/validation/card-number.js";
import { signedInDemo, type DemoBackoffice } from "./access-setup.js";
import type { Browser } from "./http.js";

const API = "/admin/api/resources";
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
const MOMENT = /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/;

type Populated = Record<string, { title?: string; recordActions?: unknown[] } | string | undefined>;
type Listed = { id: string; title: string; params: Record<string, unknown>; populated: Populated };

describe("cards, confirmations, names and event filters in the backoffice", () => {
  let app: DemoBackoffice;
  let coordinator: Browser;
  let eeklo: Browser;

  beforeAll(async () => ({ app, coordinator, eeklo } = await signedInDemo()));
  afterAll(async () => app?.close());

  const list = async (browser: Browser, resource: string, query: string) => {
    const answer = await app.getJson(browser, `${API}/${resource}/actions/list?${query}`);
    expect(answer.status, answer.text.slice(0, 300)).toBe(200);
    return { records: (answer.body.records ?? []) as unknown as Listed[], total: answer.body.meta?.total };
  };
  const show = async (browser: Browser, resource: string, id: string) =>
    (await app.getJson(browser, `${API}/${resource}/records/${id}/show`)).body.record as unknown as Listed;

  /** An Eeklo passholder with one card only, still active, not used by an earlier test. */
  const used = new Set<string>();
  async function withOnlyActiveCard() {
    const passholder = await app.db.prisma.passholder.findFirstOrThrow({
      where: { municipalityId: app.eeklo, id: { notIn: [...used] }, cards: { some: { status: "ACTIVE" }, none: { status: { not: "ACTIVE" } } } },
      include: { cards: true },
    });
    used.add(passholder.id);
    return { passholder, card: passholder.cards[0]! };
  }

  it("lists each passholder with the current card number and its status, a blocked-only card as blocked", async () => {
    const { passholder, card } = await withOnlyActiveCard();
    await app.db.prisma.card.update({ where: { id: card.id }, data: { status: "BLOCKED", blockedAt: new Date(), blockReason: "verloren" } });

    const { records } = await list(eeklo, "Passholder", `filters.lastName=${encodeURIComponent(passholder.lastName)}`);
    const row = records.find((record) => record.id === passholder.id);
    expect(row?.params).toMatchObject({ cardNumber: card.number, cardStatus: "BLOCKED" });
    const active = records.find((record) => record.id !== passholder.id && record.params.cardStatus === "ACTIVE");
    if (active) expect(active.params.cardNumber).toMatch(/^\d{13}$/);

    expect((await show(eeklo, "Passholder", passholder.id)).params).toMatchObject({ cardNumber: card.number, cardStatus: "BLOCKED" });
    // The filter on the card number still finds the passholder by that (blocked) card.
    const byNumber = await list(eeklo, "Passholder", `filters.cardNumber=${card.number}`);
    expect(byNumber.records.map((record) => record.id)).toEqual([passholder.id]);
  });

  it("shows the card history as rows: number, status, reason, from–until in Brussels time, counter", async () => {
    const { passholder, card } = await withOnlyActiveCard();
    const number = cardNumberFrom("090000888001");
    const renewed = await app.postJson(coordinator, `${API}/Passholder/records/${passholder.id}/newCard`, { newCardNumber: number, reason: "THEFT_LOSS" });
    expect(renewed.body.notice?.type).toBe("success");

    const history = await app.getJson(coordinator, `${API}/Passholder/records/${passholder.id}/cardHistory`);
    const rows = (history.body as { cards?: Array<Record<string, string | null>> }).cards ?? [];
    expect(rows.map((row) => [row.number, row.statusLabel, row.reason])).toEqual([
      [number, "Actief", "Diefstal of verlies"],
      [card.number, "Vervangen", "Eerste kaart"],
    ]);
    expect(rows[0]!.from).toMatch(MOMENT);
    expect(rows[0]!.until).toBe("");
    expect(rows[1]!.until).toBe(rows[0]!.from);
    expect(history.body.notice).toBeUndefined();
  });

  it("says in Dutch what each action did, and goes back to the record", async () => {
    const { passholder, card } = await withOnlyActiveCard();
    const name = `${passholder.firstName} ${passholder.lastName}`;
    const blocked = await app.postJson(eeklo, `${API}/Passholder/records/${passholder.id}/blockCard`, { reason: "verloren." });
    expect(blocked.body.notice).toEqual({ type: "success", message: `Kaart ${card.number} van ${name} geblokkeerd: verloren.` });
    expect(blocked.body.redirectUrl).toBe(`/admin/resources/Passholder/records/${passholder.id}/show`);

    const number = cardNumberFrom("090000888002");
    const renewed = await app.postJson(eeklo, `${API}/Passholder/records/${passholder.id}/newCard`, { newCardNumber: number, reason: "DEFECT" });
    expect(renewed.body.notice).toEqual({ type: "success", message: `Nieuwe kaart ${number} uitgereikt aan ${name} (Defect); de oude kaart ${card.number} is vervangen.` });
    expect(renewed.body.redirectUrl).toBe(`/admin/resources/Passholder/records/${passholder.id}/show`);

    const checkin = await app.db.prisma.checkin.findFirstOrThrow({
      where: { corrected: false, points: 1, event: { municipalityId: app.eeklo }, passholder: { points: { gte: 1 } } },
      include: { passholder: true },
    });
    const corrected = await app.postJson(eeklo, `${API}/Checkin/records/${checkin.id}/correctCheckin`, { reason: "Dubbel ingecheckt" });
    expect(corrected.body.notice).toEqual({ type: "success", message: `Check-in gecorrigeerd: 1 punt teruggenomen; saldo nu ${checkin.passholder.points - 1}.` });
    expect(corrected.body.redirectUrl).toBe(`/admin/resources/Checkin/records/${checkin.id}/show`);

    const ticket = await app.db.prisma.ticketSale.findFirstOrThrow({ where: { status: "ACTIVE", event: { municipalityId: app.eeklo } } });
    const cancelled = await app.postJson(eeklo, `${API}/TicketSale/records/${ticket.id}/cancelTicket`, { reason: "Verkeerde pashouder" });
    expect(cancelled.body.notice).toEqual({ type: "success", message: "Kansentarief geannuleerd." });

    const redemption = await app.db.prisma.redemption.findFirstOrThrow({
      where: { status: "ACTIVE", points: { gt: 1 }, passholder: { municipalityId: app.eeklo } },
      include: { passholder: true },
    });
    const removed = await app.postJson(eeklo, `${API}/Redemption/records/${redemption.id}/removeRedemption`, { reason: "Voordeel niet meegegeven" });
    const balance = (await app.db.prisma.passholder.findUniqueOrThrow({ where: { id: redemption.passholderId } })).points;
    expect(removed.body.notice).toEqual({ type: "success", message: `Opname verwijderd: de pashouder ziet het voordeel opnieuw. ${redemption.points} punten teruggegeven; saldo nu ${balance}.` });
  });

  it("shows the Eeklo administrator a placeholder, never an id, for a passholder of another municipality", async () => {
    const event = await app.db.prisma.event.findFirstOrThrow({ where: { municipalityId: app.eeklo } });
    const stranger = await app.db.prisma.passholder.findFirstOrThrow({ where: { municipalityId: app.assenede }, include: { cards: true } });
    const counter = await app.db.prisma.counter.findFirstOrThrow({ where: { municipalityId: app.assenede } });
    const checkin = await app.db.prisma.checkin.create({
      data: { eventId: event.id, passholderId: stranger.id, cardId: stranger.cards[0]!.id, counterId: counter.id, channel: "COUNTER", points: 1, periodKey: "placeholder-test", slot: 1 },
    });
    const ticket = await app.db.prisma.ticketSale.create({
      data: { eventId: event.id, passholderId: stranger.id, counterId: counter.id, regularPriceCents: 800, tariffCents: 200, keyParticipantPct: 25, keyOrganiserPct: 55, keyMunicipalityPct: 20, periodKey: "placeholder-test" },
    });

    const listed = (await list(eeklo, "Checkin", "perPage=50")).records.find((record) => record.id === checkin.id)!;
    const shown = await show(eeklo, "Checkin", checkin.id);
    for (const record of [listed, shown]) {
      const populated = record.populated as Record<string, { title?: string; recordActions?: unknown[] }>;
      expect(populated.passholder).toMatchObject({ title: "pashouder uit een andere gemeente", recordActions: [] });
      expect(populated.counter?.title).toBe("balie uit een andere gemeente");
      expect(record.title).toMatch(/^pashouder uit een andere gemeente – /);
      expect(JSON.stringify(record.populated)).not.toContain(stranger.lastName);
    }
    // The list names only its columns' references; the record names them all.
    expect((shown.populated as Record<string, { title?: string }>).card?.title).toBe("kaart van een pashouder uit een andere gemeente");
    expect(listed.populated).not.toHaveProperty("card");
    const sale = await show(eeklo, "TicketSale", ticket.id);
    expect((sale.populated.passholder as { title?: string }).title).toBe("pashouder uit een andere gemeente");
    expect(sale.title).not.toMatch(UUID);

    // The coordinator reads the same check-in with the passholder's name.
    const forCoordinator = await show(coordinator, "Checkin", checkin.id);
    expect((forCoordinator.populated.passholder as { title?: string }).title).toContain(stranger.lastName);

    // Staff of an Eeklo counter: the administrator may not open users, so no number either.
    const staff = (await list(eeklo, "CounterStaff", "")).records;
    for (const row of staff) expect((row.populated.user as { title?: string } | undefined)?.title).toBe("medewerker (naam enkel zichtbaar voor de regio)");
  });

  it("finds an event by its CDBID typed in capitals, in part or with spaces around it", async () => {
    const event = await app.db.prisma.event.findFirstOrThrow({ where: { municipalityId: app.eeklo } });
    const ids = async (value: string) => (await list(eeklo, "Event", `filters.cdbid=${encodeURIComponent(value)}`)).records.map((record) => record.id);
    expect(await ids(event.cdbid)).toEqual([event.id]);
    expect(await ids(event.cdbid.toUpperCase())).toEqual([event.id]);
    expect(await ids(`  ${event.cdbid}\t`)).toEqual([event.id]);
    expect(await ids(event.cdbid.slice(4, 20).toUpperCase())).toEqual([event.id]);
  });

  it("filters the events open for check-in now: within the window with its own or the card system's margins", async () => {
    const organiser = await app.db.prisma.counter.findFirstOrThrow({ where: { municipalityId: app.eeklo } });
    const system = await app.db.prisma.cardSystem.findUniqueOrThrow({ where: { id: organiser.cardSystemId } });
    const hour = 3_600_000;
    const now = Date.now();
    const at = (offset: number) => new Date(now + offset);
    const before = system.checkinMarginBeforeMinutes * 60_000;
    const after = system.checkinMarginAfterMinutes * 60_000;
    // Each one at least half an hour from its window's edge, so the test's own duration does not matter.
    const events = {
      running: { startsAt: at(-2 * hour), endsAt: at(2 * hour) },
      soonWithinDefaultMargin: { startsAt: at(before - hour / 2), endsAt: at(before + hour) },
      laterThanDefaultMargin: { startsAt: at(before + hour / 2), endsAt: at(before + 2 * hour) },
      soonButNoMarginOfItsOwn: { startsAt: at(hour / 2), endsAt: at(hour), checkinMarginBeforeMinutes: 0 },
      endedWithinDefaultMargin: { startsAt: at(-3 * hour), endsAt: at(-after + hour / 2) },
      endedBeyondDefaultMargin: { startsAt: at(-3 * hour - after), endsAt: at(-after - hour / 2) },
      endedWithinItsOwnMargin: { startsAt: at(-5 * hour), endsAt: at(-2 * hour), checkinMarginAfterMinutes: 180 },
      runningButCancelled: { startsAt: at(-hour), endsAt: at(hour), cancelled: true },
    };
    const created: Record<string, string> = {};
    for (const [name, times] of Object.entries(events)) {
      const event = await app.db.prisma.event.create({
        data: { cardSystemId: organiser.cardSystemId, cdbid: `open-now-${name}`, name: `Opennu ${name}`, organiserCounterId: organiser.id, municipalityId: app.eeklo, ...times },
      });
      created[name] = event.id;
    }
    const open = await list(eeklo, "Event", "filters.name=Opennu&filters.openForCheckin=true&perPage=2");
    const expected = ["running", "soonWithinDefaultMargin", "endedWithinDefaultMargin", "endedWithinItsOwnMargin"].map((name) => created[name]!);
    expect(open.total).toBe(4);
    const second = await list(eeklo, "Event", "filters.name=Opennu&filters.openForCheckin=true&perPage=2&page=2");
    expect([...open.records, ...second.records].map((record) => record.id).sort()).toEqual(expected.sort());
    const closed = await list(eeklo, "Event", "filters.name=Opennu&filters.openForCheckin=false&perPage=50");
    expect(closed.records.map((record) => record.id).sort()).toEqual(Object.values(created).filter((id) => !expected.includes(id)).sort());
  });
});
