import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInDemo, type ApiAnswer, type DemoBackoffice } from "./access-setup.js";
import { get, type Browser } from "./http.js";

const API = "/admin/api/resources";

type ListedRecord = { id: string; title?: string; params: Record<string, unknown>; populated?: Record<string, { title?: string } | null> };
const recordsOf = (answer: ApiAnswer) => (answer.body.records ?? []) as unknown as ListedRecord[];
const titleOf = (answer: ApiAnswer) => (answer.body.record as unknown as { title?: string } | undefined)?.title;
const q = encodeURIComponent;

describe("backoffice screens: the manual's filters, human titles, welcome and exchange advantages", () => {
  let app: DemoBackoffice;
  let coordinator: Browser;
  let eeklo: Browser;

  // Seeding the demo region takes long on a busy machine.
  beforeAll(async () => ({ app, coordinator, eeklo } = await signedInDemo()), 300_000);
  afterAll(async () => app?.close());

  it("shows the manual's screens in its order, with the manual's filters", async () => {
    const page = await get(app.base, "/admin/resources/Passholder", coordinator);
    const state = JSON.parse(/window\.REDUX_STATE = (\{.*?\});\s*\n/s.exec(await page.text())![1]!) as {
      resources: Array<{ id: string; navigation: { show: boolean } | null; filterProperties: Array<{ name: string }> }>;
    };
    const sidebar = state.resources.filter((resource) => resource.navigation?.show).map((resource) => resource.id);
    const manual = ["Passholder", "Checkin", "Event", "TicketSale", "Coupon", "Redemption", "WelcomeAdvantage", "ExchangeAdvantage", "Counter", "Pillar", "Provider"];
    expect(sidebar.filter((id) => manual.includes(id))).toEqual(manual);
    expect(sidebar).not.toContain("Advantage");
    const passholders = state.resources.find((resource) => resource.id === "Passholder")!;
    expect(passholders.filterProperties.map((property) => property.name)).toEqual(["cardNumber", "lastName", "firstName", "city", "municipality", "registeredAtCounter"]);
  });

  it("filters passholders by card number, name, first name, residence and registering counter", async () => {
    const prisma = app.db.prisma;
    const card = await prisma.card.findFirstOrThrow({ where: { status: "ACTIVE" }, include: { passholder: true }, orderBy: { number: "asc" } });
    const byCard = recordsOf(await app.getJson(coordinator, `${API}/Passholder/actions/list?filters.cardNumber=${card.number}`));
    expect(byCard.map((record) => record.id)).toEqual([card.passholderId]);

    // A name typed in lower case, as a counter worker would, finds every passholder with that name and only those.
    const { lastName, firstName } = card.passholder;
    const named = await app.getJson(coordinator, `${API}/Passholder/actions/list?perPage=500&filters.lastName=${q(lastName.toLowerCase())}`);
    const sameName = await prisma.passholder.count({ where: { lastName: { contains: lastName, mode: "insensitive" } } });
    expect(named.body.meta?.total).toBe(sameName);
    expect(recordsOf(named).every((record) => String(record.params.lastName).toLowerCase().includes(lastName.toLowerCase()))).toBe(true);
    const both = recordsOf(await app.getJson(coordinator, `${API}/Passholder/actions/list?perPage=500&filters.lastName=${q(lastName)}&filters.firstName=${q(firstName)}`));
    expect(both.map((record) => record.id)).toContain(card.passholderId);
    expect(both.every((record) => record.params.firstName === firstName && record.params.lastName === lastName)).toBe(true);

    // A typed % or _ is looked for as such (no passholder has one in their name), not taken as "anything".
    expect((await app.getJson(coordinator, `${API}/Passholder/actions/list?filters.lastName=${q("%")}`)).body.meta?.total).toBe(0);
    expect((await app.getJson(coordinator, `${API}/Passholder/actions/list?filters.recordTitle=_`)).body.meta?.total).toBe(0);

    // Sorting by the title (no column of its own) falls back to the screen's order instead of failing.
    const bySortTitle = await app.getJson(coordinator, `${API}/Passholder/actions/list?sortBy=recordTitle&filters.cardNumber=${card.number}`);
    expect(bySortTitle.status).toBe(200);
    expect(recordsOf(bySortTitle).map((record) => record.id)).toEqual([card.passholderId]);

    const residence = await app.getJson(coordinator, `${API}/Passholder/actions/list?filters.municipality=${app.assenede}`);
    expect(residence.body.meta?.total).toBe(await prisma.passholder.count({ where: { municipalityId: app.assenede } }));
    const counterId = card.passholder.registeredAtCounterId!;
    const registered = await app.getJson(coordinator, `${API}/Passholder/actions/list?perPage=500&filters.registeredAtCounter=${counterId}`);
    expect(registered.body.meta?.total).toBe(await prisma.passholder.count({ where: { registeredAtCounterId: counterId } }));
    expect(recordsOf(registered).every((record) => record.params.registeredAtCounter === counterId)).toBe(true);
  });

  it("names a passholder by name and active card number, everywhere it appears", async () => {
    const prisma = app.db.prisma;
    const card = await prisma.card.findFirstOrThrow({ where: { status: "ACTIVE", passholder: { municipalityId: app.eeklo } }, include: { passholder: true } });
    const expected = `${card.passholder.firstName} ${card.passholder.lastName} (${card.number})`;
    expect(titleOf(await app.getJson(coordinator, `${API}/Passholder/records/${card.passholderId}/show`))).toBe(expected);

    // The dropdown that picks a passholder (e.g. on a card) finds them by card number and shows the same title.
    const picked = recordsOf(await app.getJson(coordinator, `${API}/Passholder/actions/search/${card.number}`));
    expect(picked.map((record) => record.title)).toEqual([expected]);
    const cardShown = await app.getJson(coordinator, `${API}/Card/records/${card.id}/show`);
    expect(titleOf(cardShown)).toBe(card.number);
  });

  it("filters check-ins by event, time and counter, each row named by passholder and event", async () => {
    const prisma = app.db.prisma;
    const checkin = await prisma.checkin.findFirstOrThrow({ where: { counterId: { not: null } }, include: { event: true, passholder: true }, orderBy: { checkedInAt: "desc" } });
    const { event } = checkin;
    const byEvent = await app.getJson(coordinator, `${API}/Checkin/actions/list?perPage=500&filters.event=${event.id}`);
    expect(byEvent.body.meta?.total).toBe(await prisma.checkin.count({ where: { eventId: event.id } }));
    expect(recordsOf(byEvent).every((record) => record.params.event === event.id)).toBe(true);

    const row = recordsOf(byEvent).find((record) => record.id === checkin.id)!;
    const date = new Intl.DateTimeFormat("nl-BE", { timeZone: "Europe/Brussels", day: "2-digit", month: "2-digit", year: "numeric" }).format(event.startsAt);
    expect(row.populated?.event?.title).toBe(`${event.name} (${date})`);
    expect(row.populated?.passholder?.title).toMatch(new RegExp(`^${checkin.passholder.firstName} ${checkin.passholder.lastName}`));
    expect(row.title).toBe(`${row.populated?.passholder?.title} – ${event.name} (${date})`);
    // A cell links to its record and carries nothing else of it; the card is no column, so it is not read.
    expect(row.populated?.passholder).toMatchObject({ id: checkin.passholderId, recordActions: [{ name: "show", resourceId: "Passholder" }] });
    expect(row.populated?.passholder).toHaveProperty("params", {});
    expect(row.populated).not.toHaveProperty("card");
    // A page typed into the address is read as the nearest one there is, and the pager says so.
    const typed = await app.getJson(coordinator, `${API}/Checkin/actions/list?page=-1&perPage=abc`);
    expect(typed.body.meta).toMatchObject({ page: 1, perPage: 10 });
    expect(recordsOf(typed)).toHaveLength(10);
    expect((await app.getJson(coordinator, `${API}/Checkin/actions/list?perPage=9999`)).body.meta).toMatchObject({ perPage: 500 });

    const from = new Date(checkin.checkedInAt.getTime() - 60_000).toISOString();
    const to = new Date(checkin.checkedInAt.getTime() + 60_000).toISOString();
    const inTime = await app.getJson(coordinator, `${API}/Checkin/actions/list?perPage=500&filters.checkedInAt~~from=${q(from)}&filters.checkedInAt~~to=${q(to)}`);
    expect(inTime.body.meta?.total).toBe(await prisma.checkin.count({ where: { checkedInAt: { gte: new Date(from), lte: new Date(to) } } }));
    expect(recordsOf(inTime).map((record) => record.id)).toContain(checkin.id);

    const atCounter = await app.getJson(coordinator, `${API}/Checkin/actions/list?filters.counter=${checkin.counterId}`);
    expect(atCounter.body.meta?.total).toBe(await prisma.checkin.count({ where: { counterId: checkin.counterId } }));
    // Newest first: the default sort of a history.
    const newest = recordsOf(await app.getJson(coordinator, `${API}/Checkin/actions/list`))[0]!;
    expect(newest.params.checkedInAt).toBe((await prisma.checkin.findFirstOrThrow({ orderBy: { checkedInAt: "desc" } })).checkedInAt.toISOString());
  });

  it("finds an event by its CDBID, and tickets by event", async () => {
    const ticket = await app.db.prisma.ticketSale.findFirstOrThrow({ include: { event: true } });
    const byCdbid = recordsOf(await app.getJson(coordinator, `${API}/Event/actions/list?filters.cdbid=${ticket.event.cdbid}`));
    expect(byCdbid.map((record) => record.id)).toEqual([ticket.eventId]);
    const tickets = await app.getJson(coordinator, `${API}/TicketSale/actions/list?perPage=500&filters.event=${ticket.eventId}`);
    expect(tickets.body.meta?.total).toBe(await app.db.prisma.ticketSale.count({ where: { eventId: ticket.eventId } }));
    expect(recordsOf(tickets).every((record) => record.params.event === ticket.eventId)).toBe(true);
  });

  it("searches redeemed advantages by advantage and passholder, and filters them by kind", async () => {
    const prisma = app.db.prisma;
    const redemption = await prisma.redemption.findFirstOrThrow({ include: { advantage: true, passholder: true } });
    const search = `${redemption.advantage.title} ${redemption.passholder.lastName}`;
    const found = await app.getJson(coordinator, `${API}/Redemption/actions/list?perPage=500&filters.recordTitle=${q(search)}`);
    const expected = await prisma.redemption.count({
      where: { advantage: { title: { contains: redemption.advantage.title, mode: "insensitive" } }, passholder: { lastName: { contains: redemption.passholder.lastName, mode: "insensitive" } } },
    });
    expect(found.body.meta?.total).toBe(expected);
    expect(recordsOf(found).map((record) => record.id)).toContain(redemption.id);

    const welcome = await app.getJson(coordinator, `${API}/Redemption/actions/list?perPage=500&filters.kind=WELCOME`);
    expect(welcome.body.meta?.total).toBe(await prisma.redemption.count({ where: { kind: "WELCOME" } }));
    expect(recordsOf(welcome).every((record) => record.params.kind === "WELCOME")).toBe(true);
  });

  it("shows welcome and exchange advantages on two screens, and creates each kind on its own", async () => {
    const prisma = app.db.prisma;
    const welcome = await app.getJson(coordinator, `${API}/WelcomeAdvantage/actions/list?perPage=500`);
    const welcomeCount = await prisma.advantage.count({ where: { kind: "WELCOME" } });
    expect(welcomeCount).toBeGreaterThan(0);
    expect(welcome.body.meta?.total).toBe(welcomeCount);
    expect(recordsOf(welcome).every((record) => record.params.kind === "WELCOME")).toBe(true);
    const exchange = await app.getJson(coordinator, `${API}/ExchangeAdvantage/actions/list?perPage=500`);
    expect(exchange.body.meta?.total).toBe(await prisma.advantage.count({ where: { kind: "EXCHANGE" } }));

    // An exchange advantage is not found on the welcome screen, not even by its id in the URL.
    const other = await prisma.advantage.findFirstOrThrow({ where: { kind: "EXCHANGE" } });
    expect((await app.getJson(coordinator, `${API}/WelcomeAdvantage/records/${other.id}/show`)).body.notice?.type).toBe("error");
    const moved = await app.postJson(coordinator, `${API}/WelcomeAdvantage/records/${other.id}/edit`, { title: "Verkeerd scherm" });
    expect(moved.body.notice?.type).toBe("error");
    expect(await prisma.advantage.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ kind: "EXCHANGE", title: other.title });

    const cardSystem = await prisma.cardSystem.findFirstOrThrow();
    const created = await app.postJson(coordinator, `${API}/WelcomeAdvantage/actions/new`, {
      title: "Gratis zwembadbeurt",
      kind: "EXCHANGE",
      cardSystem: String(cardSystem.id),
      publicationStart: "2026-07-01T00:00:00.000Z",
      exchangeStart: "2026-07-01T00:00:00.000Z",
    });
    expect(created.body.notice?.type).toBe("success");
    expect(await prisma.advantage.findFirstOrThrow({ where: { title: "Gratis zwembadbeurt" } })).toMatchObject({ kind: "WELCOME" });
  });

  it("keeps a municipal administrator's scope on the advantage screens and in titles and searches", async () => {
    const prisma = app.db.prisma;
    const visible = { kind: "WELCOME" as const, OR: [{ ownerMunicipalityId: app.eeklo }, { ownerMunicipalityId: null }] };
    const list = await app.getJson(eeklo, `${API}/WelcomeAdvantage/actions/list?perPage=500`);
    expect(list.body.meta?.total).toBe(await prisma.advantage.count({ where: visible }));
    expect(recordsOf(list).every((record) => record.params.ownerMunicipality === app.eeklo || record.params.ownerMunicipality == null)).toBe(true);

    const foreign = await prisma.advantage.create({
      data: {
        cardSystemId: (await prisma.cardSystem.findFirstOrThrow()).id,
        kind: "WELCOME",
        title: "Welkom in Assenede",
        ownerMunicipalityId: app.assenede,
        publicationStart: new Date("2026-01-01T00:00:00Z"),
        exchangeStart: new Date("2026-01-01T00:00:00Z"),
      },
    });
    expect((await app.getJson(eeklo, `${API}/WelcomeAdvantage/records/${foreign.id}/show`)).body.notice?.type).toBe("error");
    expect(recordsOf(await app.getJson(eeklo, `${API}/WelcomeAdvantage/actions/list?filters.recordTitle=Assenede`))).toEqual([]);
    const regional = await prisma.advantage.findFirstOrThrow({ where: { kind: "WELCOME", ownerMunicipalityId: null } });
    expect((await app.postJson(eeklo, `${API}/WelcomeAdvantage/records/${regional.id}/edit`, { title: "Overgenomen" })).body.notice?.type).toBe("error");
    expect((await prisma.advantage.findUniqueOrThrow({ where: { id: regional.id } })).title).toBe(regional.title);

    const own = await app.postJson(eeklo, `${API}/ExchangeAdvantage/actions/new`, {
      title: "Korting in Eeklo",
      points: "5",
      cardSystem: String(foreign.cardSystemId),
      publicationStart: "2026-07-01T00:00:00.000Z",
      exchangeStart: "2026-07-01T00:00:00.000Z",
    });
    expect(own.body.notice?.type).toBe("success");
    expect(await prisma.advantage.findFirstOrThrow({ where: { title: "Korting in Eeklo" } })).toMatchObject({ kind: "EXCHANGE", ownerMunicipalityId: app.eeklo });

    // A check-in at an Eeklo event by a visitor from elsewhere: the title names the event and says the visitor is
    // from elsewhere, without the name; searching the visitor's name finds nothing.
    const visitor = await prisma.passholder.findFirstOrThrow({ where: { municipalityId: app.assenede }, include: { cards: true } });
    const event = await prisma.event.findFirstOrThrow({ where: { municipalityId: app.eeklo } });
    const visit = await prisma.checkin.create({
      data: { eventId: event.id, passholderId: visitor.id, channel: "QR", points: 1, periodKey: "bezoek-titel", slot: 1, checkedInAt: event.startsAt },
    });
    const shown = await app.getJson(eeklo, `${API}/Checkin/records/${visit.id}/show`);
    expect(titleOf(shown)).toMatch(new RegExp(`^pashouder uit een andere gemeente – ${event.name} \\(`));
    expect(shown.text).not.toContain(visitor.lastName);
    const searched = await app.getJson(eeklo, `${API}/Checkin/actions/search/${q(visitor.lastName)}`);
    expect(recordsOf(searched).map((record) => record.id)).not.toContain(visit.id);
    const byCoordinator = await app.getJson(coordinator, `${API}/Checkin/records/${visit.id}/show`);
    expect(titleOf(byCoordinator)).toContain(visitor.lastName);
    const searchedByCoordinator = await app.getJson(coordinator, `${API}/Checkin/actions/search/${q(`${visitor.lastName} ${event.name}`)}`);
    expect(recordsOf(searchedByCoordinator).map((record) => record.id)).toContain(visit.id);
  });
});
