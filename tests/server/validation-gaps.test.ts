import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardNumberFrom } from "../../core/validation/card-number.js";
import { signedInDemo, type DemoBackoffice } from "./access-setup.js";
import type { Browser } from "./http.js";

const API = "/admin/api/resources";
const DAY = 86_400_000;

describe("the backoffice refuses what would silently go wrong later", () => {
  let app: DemoBackoffice;
  let coordinator: Browser;

  beforeAll(async () => ({ app, coordinator } = await signedInDemo()));
  afterAll(async () => app?.close());

  it("refuses online exchange without a secure link", async () => {
    const advantage = await app.db.prisma.advantage.findFirstOrThrow({ where: { kind: "EXCHANGE", onlineExchange: false } });
    for (const link of ["", "http://www.uitpasmeetjesland.be/voordeel", "www.uitpasmeetjesland.be", "https://"]) {
      const refused = await app.postJson(coordinator, `${API}/ExchangeAdvantage/records/${advantage.id}/edit`, { onlineExchange: "true", onlineUrl: link });
      expect(refused.body.record?.errors?.onlineUrl?.message, link).toMatch(/beveiligde link in \(https:\/\/…\)/);
    }
    expect((await app.db.prisma.advantage.findUniqueOrThrow({ where: { id: advantage.id } })).onlineExchange).toBe(false);
    const saved = await app.postJson(coordinator, `${API}/ExchangeAdvantage/records/${advantage.id}/edit`, { onlineExchange: "true", onlineUrl: "https://www.uitpasmeetjesland.be/voordeel" });
    expect(saved.body.notice?.type).toBe("success");
  });

  it("refuses an expired or cancelled event as a pillar's fixed event, and takes one that is still to come", async () => {
    const pillar = await app.db.prisma.pillar.findFirstOrThrow();
    const template = await app.db.prisma.event.findFirstOrThrow({ where: { endsAt: { lt: new Date(Date.now() - 2 * DAY) }, cancelled: false } });
    const { id: _id, cdbid: _cdbid, manualCode: _code, createdAt: _c, updatedAt: _u, ...copy } = template as typeof template & { manualCode?: string };
    const coming = await app.db.prisma.event.create({ data: { ...copy, cdbid: "nog-te-komen-evenement", startsAt: new Date(Date.now() + 10 * DAY), endsAt: new Date(Date.now() + 10 * DAY + 3_600_000) } });
    const cancelled = await app.db.prisma.event.create({ data: { ...copy, cdbid: "geannuleerd-evenement", cancelled: true, startsAt: coming.startsAt, endsAt: coming.endsAt } });
    const expired = await app.postJson(coordinator, `${API}/Pillar/records/${pillar.id}/edit`, { fixedEvent: template.id });
    expect(expired.body.record?.errors?.fixedEvent?.message).toMatch(/Dit evenement is voorbij/);
    const off = await app.postJson(coordinator, `${API}/Pillar/records/${pillar.id}/edit`, { fixedEvent: cancelled.id });
    expect(off.body.record?.errors?.fixedEvent?.message).toMatch(/geannuleerd/);
    expect((await app.db.prisma.pillar.findUniqueOrThrow({ where: { id: pillar.id } })).fixedEventId).toBe(pillar.fixedEventId);
    const fixed = await app.postJson(coordinator, `${API}/Pillar/records/${pillar.id}/edit`, { fixedEvent: coming.id });
    expect(fixed.body.notice?.type).toBe("success");
    expect((await app.db.prisma.pillar.findUniqueOrThrow({ where: { id: pillar.id } })).fixedEventId).toBe(coming.id);
  });

  it("asks until when the kansenstatuut runs when a new card is given for obtaining it", async () => {
    const passholder = await app.db.prisma.passholder.findFirstOrThrow({ where: { municipalityId: app.eeklo, kansenstatuutEnd: null, cards: { some: { status: "ACTIVE" } } } });
    const url = `${API}/Passholder/records/${passholder.id}/newCard`;
    const without = await app.postJson(coordinator, url, { reason: "KANSENSTATUUT_OBTAINED", newCardNumber: cardNumberFrom("090000666001") });
    expect(without.body.record?.errors?.kansenstatuutEnd?.message).toMatch(/tot wanneer het kansenstatuut geldt/);
    const past = await app.postJson(coordinator, url, { reason: "KANSENSTATUUT_OBTAINED", newCardNumber: cardNumberFrom("090000666001"), kansenstatuutEnd: "01/01/2020" });
    expect(past.body.record?.errors?.kansenstatuutEnd?.message).toMatch(/in het verleden/);
    expect(await app.db.prisma.card.count({ where: { number: cardNumberFrom("090000666001") } })).toBe(0);
    const given = await app.postJson(coordinator, url, { reason: "KANSENSTATUUT_OBTAINED", newCardNumber: cardNumberFrom("090000666001"), kansenstatuutEnd: "30/04/2027" });
    expect(given.body.notice?.type).toBe("success");
    const after = await app.db.prisma.passholder.findUniqueOrThrow({ where: { id: passholder.id } });
    expect(after.kansenstatuutEnd?.toISOString().slice(0, 10)).toBe("2027-04-30");
    expect(after.kansenstatuutStart).not.toBeNull();
  });

  it("asks for the registering counter when none was chosen, instead of calling it unknown", async () => {
    const refused = await app.postJson(coordinator, `${API}/Passholder/actions/new`, {
      firstCardNumber: cardNumberFrom("090000666002"),
      firstName: "Zonder",
      lastName: "Balie",
      birthDate: "14/05/1990",
      postalCode: "9900",
    });
    expect(refused.body.record?.errors?.registeredAtCounter?.message).toBe("Kies de balie waar de pashouder geregistreerd wordt.");
  });

  it("offers no Verwijderen on a passholder, and refuses it when asked anyway", async () => {
    const passholder = await app.db.prisma.passholder.findFirstOrThrow({ where: { municipalityId: app.eeklo } });
    const shown = await app.getJson(coordinator, `${API}/Passholder/records/${passholder.id}/show`);
    const actions = (shown.body.record as unknown as { recordActions: Array<{ name: string }> }).recordActions.map((action) => action.name);
    expect(actions).not.toContain("delete");
    const deleted = await app.postJson(coordinator, `${API}/Passholder/records/${passholder.id}/delete`);
    expect(deleted.body.notice?.type).toBe("error");
    expect(await app.db.prisma.passholder.count({ where: { id: passholder.id } })).toBe(1);
  });
});
