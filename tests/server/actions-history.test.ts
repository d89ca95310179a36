import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInDemo, type DemoBackoffice } from "./access-setup.js";
import type { Browser } from "./http.js";

const API = "/admin/api/resources";

describe("correcting a check-in, cancelling a ticket, removing a redemption in the backoffice", () => {
  let app: DemoBackoffice;
  let coordinator: Browser;
  let eeklo: Browser;

  beforeAll(async () => ({ app, coordinator, eeklo } = await signedInDemo()));
  afterAll(async () => app?.close());

  const recordActions = async (browser: Browser, resource: string, id: string) => {
    const shown = await app.getJson(browser, `${API}/${resource}/records/${id}/show`);
    return (shown.body.record as unknown as { recordActions: Array<{ name: string }> }).recordActions.map((action) => action.name);
  };

  it("corrects a check-in: marked corrected, a −1 line in the ledger beside the +1, shown only once", async () => {
    const checkin = await app.db.prisma.checkin.findFirstOrThrow({
      where: { corrected: false, points: 1, event: { municipalityId: app.eeklo }, passholder: { points: { gte: 1 } } },
      include: { passholder: true },
    });
    expect(await recordActions(eeklo, "Checkin", checkin.id)).toContain("correctCheckin");

    const noReason = await app.postJson(eeklo, `${API}/Checkin/records/${checkin.id}/correctCheckin`, {});
    expect(noReason.body.notice).toMatchObject({ type: "error", message: "Geef een reden op (minstens 3 tekens)." });
    expect(noReason.body.record?.errors?.reason).toBeDefined();

    const done = await app.postJson(eeklo, `${API}/Checkin/records/${checkin.id}/correctCheckin`, { reason: "Dubbel ingecheckt" });
    expect(done.body.notice?.type).toBe("success");
    expect(done.body.notice?.message).toBe(`Check-in gecorrigeerd: 1 punt teruggenomen; saldo nu ${checkin.passholder.points - 1}.`);
    expect(await app.db.prisma.checkin.findUniqueOrThrow({ where: { id: checkin.id } })).toMatchObject({ corrected: true, correctionReason: "Dubbel ingecheckt" });
    const ledger = await app.db.prisma.pointsTransaction.findMany({ where: { checkinId: checkin.id }, orderBy: { amount: "desc" } });
    expect(ledger.map((line) => line.amount)).toEqual([1, -1]);
    expect(await recordActions(eeklo, "Checkin", checkin.id)).not.toContain("correctCheckin");

    const again = await app.postJson(eeklo, `${API}/Checkin/records/${checkin.id}/correctCheckin`, { reason: "Nog eens" });
    expect(again.body.notice).toEqual({ type: "error", message: "Deze check-in werd al gecorrigeerd." });
  });

  it("cancels a granted kansentarief once", async () => {
    const ticket = await app.db.prisma.ticketSale.findFirstOrThrow({ where: { status: "ACTIVE", event: { municipalityId: app.eeklo } } });
    expect(await recordActions(eeklo, "TicketSale", ticket.id)).toContain("cancelTicket");
    const noReason = await app.postJson(eeklo, `${API}/TicketSale/records/${ticket.id}/cancelTicket`, { reason: "x" });
    expect(noReason.body.record?.errors?.reason?.message).toBe("Geef een reden op (minstens 3 tekens).");

    const done = await app.postJson(eeklo, `${API}/TicketSale/records/${ticket.id}/cancelTicket`, { reason: "Verkeerde pashouder" });
    expect(done.body.notice).toEqual({ type: "success", message: "Kansentarief geannuleerd." });
    expect(await app.db.prisma.ticketSale.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ status: "CANCELLED", cancelReason: "Verkeerde pashouder" });
    expect(await recordActions(eeklo, "TicketSale", ticket.id)).not.toContain("cancelTicket");

    const again = await app.postJson(coordinator, `${API}/TicketSale/records/${ticket.id}/cancelTicket`, { reason: "Nog eens" });
    expect(again.body.notice).toEqual({ type: "error", message: "Dit kansentarief werd al geannuleerd." });
  });

  it("removes a redemption: points back, advantage back in stock, only once", async () => {
    const redemption = await app.db.prisma.redemption.findFirstOrThrow({
      where: { status: "ACTIVE", points: { gt: 0 }, passholder: { municipalityId: app.eeklo } },
      include: { passholder: true, advantage: true },
    });
    expect(await recordActions(eeklo, "Redemption", redemption.id)).toContain("removeRedemption");
    const noReason = await app.postJson(eeklo, `${API}/Redemption/records/${redemption.id}/removeRedemption`, {});
    expect(noReason.body.notice?.type).toBe("error");
    expect(noReason.body.record?.errors?.reason).toBeDefined();

    const done = await app.postJson(eeklo, `${API}/Redemption/records/${redemption.id}/removeRedemption`, { reason: "Voordeel niet meegegeven" });
    const balance = redemption.passholder.points + redemption.points;
    expect(done.body.notice).toEqual({ type: "success", message: `Opname verwijderd: de pashouder ziet het voordeel opnieuw. ${redemption.points === 1 ? "1 punt" : `${redemption.points} punten`} teruggegeven; saldo nu ${balance}.` });
    expect((await app.db.prisma.redemption.findUniqueOrThrow({ where: { id: redemption.id } })).status).toBe("REMOVED");
    expect((await app.db.prisma.passholder.findUniqueOrThrow({ where: { id: redemption.passholderId } })).points).toBe(balance);
    expect((await app.db.prisma.advantage.findUniqueOrThrow({ where: { id: redemption.advantageId } })).redeemedCount).toBe(Math.max(0, redemption.advantage.redeemedCount - 1));
    expect(await recordActions(eeklo, "Redemption", redemption.id)).not.toContain("removeRedemption");

    const again = await app.postJson(eeklo, `${API}/Redemption/records/${redemption.id}/removeRedemption`, { reason: "Nog eens" });
    expect(again.body.notice).toEqual({ type: "error", message: "Deze opname werd al verwijderd." });
  });

  it("refuses the Eeklo administrator the records of another municipality", async () => {
    const { checkin, ticket, redemption } = await assenedeRecords(app);
    const targets: Array<[string, string, string]> = [
      ["Checkin", checkin, "correctCheckin"],
      ["TicketSale", ticket, "cancelTicket"],
      ["Redemption", redemption, "removeRedemption"],
    ];
    for (const [resource, id, action] of targets) {
      const refused = await app.postJson(eeklo, `${API}/${resource}/records/${id}/${action}`, { reason: "Niet van mij" });
      expect(refused.body.notice?.type, resource).toBe("error");
      expect(refused.body.record?.params ?? {}, resource).toEqual({});
    }
    expect((await app.db.prisma.checkin.findUniqueOrThrow({ where: { id: checkin } })).corrected).toBe(false);
    expect((await app.db.prisma.ticketSale.findUniqueOrThrow({ where: { id: ticket } })).status).toBe("ACTIVE");
    expect((await app.db.prisma.redemption.findUniqueOrThrow({ where: { id: redemption } })).status).toBe("ACTIVE");

    // The coordinator may.
    const done = await app.postJson(coordinator, `${API}/TicketSale/records/${ticket}/cancelTicket`, { reason: "Regio corrigeert" });
    expect(done.body.notice?.type).toBe("success");
  });
});

/** A check-in, a ticket and a redemption wholly in Assenede (the demo region has no activity there). */
async function assenedeRecords(app: DemoBackoffice): Promise<{ checkin: string; ticket: string; redemption: string }> {
  const prisma = app.db.prisma;
  const counter = await prisma.counter.findFirstOrThrow({ where: { municipalityId: app.assenede } });
  const passholder = await prisma.passholder.findFirstOrThrow({ where: { municipalityId: app.assenede } });
  const at = new Date("2026-06-12T18:00:00Z");
  const event = await prisma.event.create({
    data: { cardSystemId: counter.cardSystemId, cdbid: "assenede-actions-test", name: "Avondmarkt Assenede", organiserCounterId: counter.id, municipalityId: app.assenede, startsAt: at, endsAt: new Date("2026-06-12T22:00:00Z") },
  });
  const checkin = await prisma.checkin.create({
    data: { eventId: event.id, passholderId: passholder.id, counterId: counter.id, channel: "COUNTER", points: 1, periodKey: "2026-06-12", slot: 1, checkedInAt: at },
  });
  const ticket = await prisma.ticketSale.create({
    data: { eventId: event.id, passholderId: passholder.id, counterId: counter.id, regularPriceCents: 1000, tariffCents: 250, keyParticipantPct: 25, keyOrganiserPct: 55, keyMunicipalityPct: 20, periodKey: "2026", soldAt: at },
  });
  const template = await prisma.redemption.findFirstOrThrow({ where: { points: { gt: 0 } } });
  const card = await prisma.card.findFirstOrThrow({ where: { passholderId: passholder.id } });
  const redemption = await prisma.redemption.create({
    data: { advantageId: template.advantageId, kind: template.kind, passholderId: passholder.id, cardId: card.id, counterId: counter.id, channel: "COUNTER", points: template.points, periodKey: "assenede-test", redeemedAt: at },
  });
  return { checkin: checkin.id, ticket: ticket.id, redemption: redemption.id };
}
