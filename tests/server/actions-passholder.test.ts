import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardNumberFrom } from "../../core/validation/card-number.js";
import { signedInDemo, type DemoBackoffice } from "./access-setup.js";
import { adminLogin, type Browser } from "./http.js";
import { demoAccounts } from "../../seeds/demo-accounts.js";
import { checkinActions } from "../../admin/actions/checkin-actions.js";
import { passholderActions } from "../../admin/actions/passholder-actions.js";
import { redemptionActions } from "../../admin/actions/redemption-actions.js";
import { ticketActions } from "../../admin/actions/ticket-actions.js";
import { GENERIC_ACTIONS } from "../../admin/access/permissions.js";

const API = "/admin/api/resources/Passholder";

describe("card actions on a passholder in the backoffice", () => {
  let app: DemoBackoffice;
  let coordinator: Browser;
  let eeklo: Browser;

  beforeAll(async () => ({ app, coordinator, eeklo } = await signedInDemo()));
  afterAll(async () => app?.close());

  /** An Eeklo passholder with an active card, not used by an earlier test. */
  const used = new Set<string>();
  async function withActiveCard(municipalityId = app.eeklo) {
    const card = await app.db.prisma.card.findFirstOrThrow({
      where: { status: "ACTIVE", passholder: { municipalityId }, passholderId: { notIn: [...used] } },
      include: { passholder: true },
    });
    used.add(card.passholderId);
    return card;
  }

  it("blocks the active card with a reason, and says so in Dutch", async () => {
    const card = await withActiveCard();
    const shown = await app.getJson(eeklo, `${API}/records/${card.passholderId}/blockCard`);
    expect(shown.status).toBe(200);
    expect((await app.db.prisma.card.findUniqueOrThrow({ where: { id: card.id } })).status).toBe("ACTIVE");

    const done = await app.postJson(eeklo, `${API}/records/${card.passholderId}/blockCard`, { reason: "Kaart verloren gemeld" });
    expect(done.body.notice).toMatchObject({ type: "success" });
    expect(done.body.notice?.message).toContain(`Kaart ${card.number}`);
    expect(await app.db.prisma.card.findUniqueOrThrow({ where: { id: card.id } })).toMatchObject({ status: "BLOCKED", blockReason: "Kaart verloren gemeld" });
    expect(await app.db.prisma.auditLog.count({ where: { action: "card.block", recordId: String(card.id), actor: "beheerder.eeklo@uitpas-meetjesland.test" } })).toBe(1);

    const again = await app.postJson(eeklo, `${API}/records/${card.passholderId}/blockCard`, { reason: "Nog eens" });
    expect(again.status).toBe(200);
    expect(again.body.notice).toEqual({ type: "error", message: "Deze kaart is al geblokkeerd." });
  });

  it("refuses a block without a reason, naming the field", async () => {
    const card = await withActiveCard();
    const refused = await app.postJson(eeklo, `${API}/records/${card.passholderId}/blockCard`, { reason: " " });
    expect(refused.status).toBe(200);
    expect(refused.body.notice).toMatchObject({ type: "error", message: "Geef een reden op (minstens 3 tekens)." });
    expect(refused.body.record?.errors?.reason?.message).toBe("Geef een reden op (minstens 3 tekens).");
    expect((await app.db.prisma.card.findUniqueOrThrow({ where: { id: card.id } })).status).toBe("ACTIVE");
  });

  it("gives a new card: the old one is replaced, the new one active, points kept", async () => {
    const card = await withActiveCard();
    const number = cardNumberFrom("090000777001");
    const done = await app.postJson(coordinator, `${API}/records/${card.passholderId}/newCard`, { newCardNumber: number, reason: "DEFECT" });
    expect(done.body.notice?.type).toBe("success");
    const name = `${card.passholder.firstName} ${card.passholder.lastName}`;
    expect(done.body.notice?.message).toBe(`Nieuwe kaart ${number} uitgereikt aan ${name} (Defect); de oude kaart ${card.number} is vervangen.`);
    expect((await app.db.prisma.card.findUniqueOrThrow({ where: { id: card.id } })).status).toBe("REPLACED");
    expect(await app.db.prisma.card.findUniqueOrThrow({ where: { number } })).toMatchObject({ status: "ACTIVE", passholderId: card.passholderId, issueReason: "DEFECT" });
    expect((await app.db.prisma.passholder.findUniqueOrThrow({ where: { id: card.passholderId } })).points).toBe(card.passholder.points);

    const history = await app.getJson(coordinator, `${API}/records/${card.passholderId}/cardHistory`);
    const rows = (history.body as { cards?: Array<{ number: string; statusLabel: string; reason: string }> }).cards;
    expect(rows?.map((row) => `${row.number} ${row.statusLabel} ${row.reason}`)).toEqual([`${number} Actief Defect`, `${card.number} Vervangen Eerste kaart`]);
  });

  it("refuses a wrong or taken card number and a reason outside the list", async () => {
    const card = await withActiveCard();
    const wrong = await app.postJson(coordinator, `${API}/records/${card.passholderId}/newCard`, { newCardNumber: "1234567890123", reason: "DEFECT" });
    expect(wrong.body.notice?.type).toBe("error");
    expect(wrong.body.record?.errors?.newCardNumber?.message).toMatch(/kaartnummer is ongeldig/);
    const taken = await app.postJson(coordinator, `${API}/records/${card.passholderId}/newCard`, { newCardNumber: card.number, reason: "DEFECT" });
    expect(taken.body.record?.errors?.newCardNumber?.message).toBe("Dit kaartnummer is al in gebruik.");
    const noReason = await app.postJson(coordinator, `${API}/records/${card.passholderId}/newCard`, { newCardNumber: cardNumberFrom("090000777002") });
    expect(noReason.body.record?.errors?.reason?.message).toBe("Kies een reden voor de nieuwe kaart.");
    const first = await app.postJson(coordinator, `${API}/records/${card.passholderId}/newCard`, { newCardNumber: cardNumberFrom("090000777003"), reason: "FIRST_CARD" });
    expect(first.body.notice?.type).toBe("error");
    expect((await app.db.prisma.card.findUniqueOrThrow({ where: { id: card.id } })).status).toBe("ACTIVE");
  });

  it("refuses the Eeklo administrator a passholder of another municipality", async () => {
    const card = await withActiveCard(app.assenede);
    for (const action of ["blockCard", "newCard", "cardHistory"]) {
      const refused = await app.postJson(eeklo, `${API}/records/${card.passholderId}/${action}`, { reason: "Niet van mij", newCardNumber: cardNumberFrom("090000777004") });
      expect(refused.body.notice?.type, action).toBe("error");
      expect(refused.text, action).not.toContain(card.number);
    }
    const bulk = await app.postJson(eeklo, `${API}/bulk/blockCards?recordIds=${card.passholderId}`, { reason: "Niet van mij" });
    expect(bulk.status).toBeGreaterThanOrEqual(400);
    expect((await app.db.prisma.card.findUniqueOrThrow({ where: { id: card.id } })).status).toBe("ACTIVE");
    expect(await app.db.prisma.card.count({ where: { number: cardNumberFrom("090000777004") } })).toBe(0);
  });

  it("blocks several cards with one reason and reports each passholder", async () => {
    const first = await withActiveCard();
    const second = await withActiveCard();
    await app.db.prisma.card.update({ where: { id: second.id }, data: { status: "BLOCKED", blockReason: "eerder" } });
    const missingReason = await app.postJson(coordinator, `${API}/bulk/blockCards?recordIds=${first.passholderId},${second.passholderId}`, {});
    expect(missingReason.body.notice).toMatchObject({ type: "error", message: "Geef een reden op (minstens 3 tekens)." });
    expect((await app.db.prisma.card.findUniqueOrThrow({ where: { id: first.id } })).status).toBe("ACTIVE");

    const bulk = await app.postJson(coordinator, `${API}/bulk/blockCards?recordIds=${first.passholderId},${second.passholderId}`, { reason: "Misbruik vastgesteld" });
    const outcomes = (bulk.body as { outcomes?: Array<{ passholderId: string; blocked: boolean; message: string }> }).outcomes;
    expect(outcomes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ passholderId: first.passholderId, blocked: true, message: `kaart ${first.number} geblokkeerd` }),
        expect.objectContaining({ passholderId: second.passholderId, blocked: false, message: "Deze kaart is al geblokkeerd." }),
      ]),
    );
    expect(bulk.body.notice?.message).toMatch(/^1 van 2 kaarten geblokkeerd\./);
    expect(await app.db.prisma.card.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ status: "BLOCKED", blockReason: "Misbruik vastgesteld" });
  });

  it("offers counter staff none of these actions", async () => {
    const card = await withActiveCard();
    const staffAccount = demoAccounts.find((account) => account.role === "COUNTER_STAFF")!;
    const staff: Browser = {};
    expect((await adminLogin(app.base, staffAccount.email, staffAccount.password, staff)).status).not.toBe(302);
    const refused = await app.postJson(staff, `${API}/records/${card.passholderId}/blockCard`, { reason: "Aan de balie" });
    expect(refused.body.notice?.type).not.toBe("success");
    const counterStaff = { currentAdmin: { email: staffAccount.email, role: "COUNTER_STAFF" } } as never;
    const actions = { ...passholderActions(app.db.prisma), ...checkinActions(app.db.prisma), ...ticketActions(app.db.prisma), ...redemptionActions(app.db.prisma) };
    // "new" and "edit" get the role checks of every generic action (see access-roles.test.ts).
    for (const [name, action] of Object.entries(actions).filter(([name]) => !(GENERIC_ACTIONS as readonly string[]).includes(name))) {
      expect(((action as { isAccessible: unknown }).isAccessible as (context: never) => boolean)(counterStaff), name).toBe(false);
    }
    expect((await app.db.prisma.card.findUniqueOrThrow({ where: { id: card.id } })).status).toBe("ACTIVE");
  });
});
