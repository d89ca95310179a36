import { describe, expect, it } from "vitest";
import { passholderActor, type Actor, type RequestMeta } from "../../core/access/actor.js";
import { importAdvantageCodes } from "../../core/advantages/import-codes.js";
import { redeemAdvantage } from "../../core/advantages/redeem-advantage.js";
import { removeRedemption } from "../../core/advantages/remove-redemption.js";
import { blockCard } from "../../core/cards/block-card.js";
import { giveNewCard } from "../../core/cards/give-new-card.js";
import { checkIn } from "../../core/checkins/check-in.js";
import { correctCheckin } from "../../core/checkins/correct-checkin.js";
import { useCoupon } from "../../core/coupons/use-coupon.js";
import { resendMail } from "../../core/mail/resend-mail.js";
import { registerPassholder } from "../../core/passholders/register-passholder.js";
import { ownDetails } from "../../core/portal/own-details.js";
import { uploadAgreement } from "../../core/providers/upload-agreement.js";
import { checkInWithSaveCode } from "../../core/savecodes/check-in-with-save-code.js";
import { cancelTicket } from "../../core/tickets/cancel-ticket.js";
import { grantKansentarief } from "../../core/tickets/grant-kansentarief.js";
import { createUser } from "../../core/users/create-user.js";
import { cardNumberFrom } from "../../core/validation/card-number.js";
import { databaseKinds } from "../helpers/databases.js";
import { createAdvantage, createEvent, createPassholder, nextCardNumber, staffActor, time, worldOn } from "../helpers/fixtures.js";
import { expectRefusal } from "../helpers/refusal.js";
import { createCoupon } from "./coupons/builders.js";

const request: RequestMeta = { ip: "192.0.2.44", userAgent: "Balie-tablet/1.0" };
const PDF = Buffer.from("%PDF-1.4\n%test\n");

/**
 * Who may do what, decided in core for every entry point: counter staff act only at their own counters, a
 * municipal administrator only within their municipality, a passholder only for themself; every staff change
 * leaves an audit row saying who and from where.
 */
describe.each(databaseKinds)("access rules in core on %s", (kind) => {
  const t = worldOn(kind);
  // The world: Sporthal Assenede (check-in & ticket) is counter A; Sociaal Huis Eeklo (registration + check-in) counter B.
  const counterA = () => t.world.checkinCounter;
  const counterB = () => t.world.authorisedCounter;
  const staffOfA = () => staffActor("COUNTER_STAFF", { email: "balie.a@test.be", counterIds: [counterA()] });
  const staffOfRegistration = () => staffActor("COUNTER_STAFF", { email: "balie.bib@test.be", counterIds: [t.world.registrationCounter] });
  const eekloAdmin = () => staffActor("MUNICIPAL_ADMIN", { email: "beheer.eeklo@test.be", municipalityId: t.world.eeklo });
  const assenedeAdmin = () => staffActor("MUNICIPAL_ADMIN", { email: "beheer.assenede@test.be", municipalityId: t.world.assenede });
  const day = (offsetDays: number) => new Date(new Date(t.world.now.getTime() + offsetDays * time.DAY).toISOString().slice(0, 10));
  const mia = () => createPassholder(t.db.prisma, t.world, { kansenstatuutStart: day(-100), kansenstatuutEnd: day(30) });

  /** The audit row of `action` on `recordId`: carries the actor's email and where the request came from. */
  async function expectAudit(action: string, recordId: string | number, actor: Actor & { email: string }) {
    const row = await t.db.prisma.auditLog.findFirstOrThrow({ where: { action, recordId: String(recordId) }, orderBy: { id: "desc" } });
    expect(row).toMatchObject({ actor: actor.email, ip: request.ip, userAgent: request.userAgent });
  }

  it("check-in at a counter: only at the actor's own counter, with an audit row; a passholder saves only for themself", async () => {
    const passholder = await createPassholder(t.db.prisma, t.world);
    const other = await createPassholder(t.db.prisma, t.world);
    const event = await createEvent(t.db.prisma, t.world);
    const input = { eventId: event.id, cardNumber: passholder.cardNumber, channel: "COUNTER" as const, at: t.world.now, request };
    await expectRefusal(checkIn(t.db.prisma, { ...input, counterId: counterB(), actor: staffOfA() }), "COUNTER_NOT_YOURS");
    const refused = await expectRefusal(checkIn(t.db.prisma, { ...input, counterId: counterB(), actor: assenedeAdmin() }), "COUNTER_NOT_YOURS");
    expect(refused.message).toBe("Kies een balie van uw eigen gemeente.");
    await expectRefusal(checkIn(t.db.prisma, { ...input, counterId: counterA(), actor: passholderActor(passholder.id) }), "COUNTER_NOT_YOURS");
    await expectRefusal(checkIn(t.db.prisma, { eventId: event.id, channel: "QR", passholderId: other.id, actor: passholderActor(passholder.id), at: t.world.now }), "PASSHOLDER_NOT_FOUND");
    await expectRefusal(checkIn(t.db.prisma, { eventId: event.id, channel: "QR", passholderId: passholder.id, actor: staffOfA(), at: t.world.now }), "NOT_ALLOWED");
    expect(await t.db.prisma.checkin.count({ where: { passholderId: passholder.id } })).toBe(0);

    const { checkinId } = await checkIn(t.db.prisma, { ...input, counterId: counterA(), actor: staffOfA() });
    const checkin = await t.db.prisma.checkin.findUniqueOrThrow({ where: { id: checkinId } });
    expect(checkin.counterId).toBe(counterA());
    await expectAudit("checkin.create", checkin.id, staffOfA());
    const ledger = await t.db.prisma.pointsTransaction.findFirstOrThrow({ where: { checkinId: checkin.id } });
    expect(ledger.createdBy).toBe("balie.a@test.be");
  });

  it("a passholder's own save-code check-in stays audit-free; staff cannot save with a passholder's code", async () => {
    const passholder = await createPassholder(t.db.prisma, t.world);
    const event = await createEvent(t.db.prisma, t.world, { manualCode: "K7MPAQXR" });
    await expectRefusal(checkInWithSaveCode(t.db.prisma, { secret: "s", code: "K7MP-AQXR", actor: staffOfA(), at: t.world.now }), "NOT_ALLOWED");
    const { checkinId } = await checkInWithSaveCode(t.db.prisma, { secret: "s", code: "K7MP-AQXR", actor: passholderActor(passholder.id), at: t.world.now });
    const checkin = await t.db.prisma.checkin.findUniqueOrThrow({ where: { id: checkinId } });
    expect(checkin).toMatchObject({ passholderId: passholder.id, eventId: event.id, channel: "QR" });
    expect(await t.db.prisma.auditLog.count({ where: { recordId: checkin.id } })).toBe(0);
  });

  it("kansentarief: only at the actor's own counter, with an audit row", async () => {
    const passholder = await mia();
    const event = await createEvent(t.db.prisma, t.world);
    const input = { cardNumber: passholder.cardNumber, eventId: event.id, at: t.world.now, request };
    await expectRefusal(grantKansentarief(t.db.prisma, { ...input, counterId: counterB(), actor: staffOfA() }), "COUNTER_NOT_YOURS");
    await expectRefusal(grantKansentarief(t.db.prisma, { ...input, counterId: counterA(), actor: eekloAdmin() }), "COUNTER_NOT_YOURS");
    await expectRefusal(grantKansentarief(t.db.prisma, { ...input, counterId: counterA(), actor: passholderActor(passholder.id) }), "COUNTER_NOT_YOURS");
    const ticket = await grantKansentarief(t.db.prisma, { ...input, counterId: counterA(), actor: staffOfA() });
    await expectAudit("ticket.grant", ticket.id, staffOfA());
  });

  it("cancelling a ticket: at a counter only that counter's sale, in the backoffice only within the municipality", async () => {
    const passholder = await mia();
    const event = await createEvent(t.db.prisma, t.world);
    const ticket = await grantKansentarief(t.db.prisma, { cardNumber: passholder.cardNumber, eventId: event.id, counterId: counterA(), actor: staffOfA(), at: t.world.now });
    const input = { ticketId: ticket.id, reason: "Verkeerde pashouder", request };
    const staffOfB = staffActor("COUNTER_STAFF", { email: "balie.b@test.be", counterIds: [counterB()] });
    await expectRefusal(cancelTicket(t.db.prisma, { ...input, counterId: counterB(), actor: staffOfA() }), "COUNTER_NOT_YOURS");
    await expectRefusal(cancelTicket(t.db.prisma, { ...input, counterId: counterB(), actor: staffOfB }), "TICKET_NOT_FOUND");
    await expectRefusal(cancelTicket(t.db.prisma, { ...input, actor: staffOfA() }), "TICKET_NOT_FOUND");
    await expectRefusal(cancelTicket(t.db.prisma, { ...input, actor: eekloAdmin() }), "TICKET_NOT_FOUND");
    await expectRefusal(cancelTicket(t.db.prisma, { ...input, actor: passholderActor(passholder.id) }), "TICKET_NOT_FOUND");
    await cancelTicket(t.db.prisma, { ...input, counterId: counterA(), actor: staffOfA() });
    await expectAudit("ticket.cancel", ticket.id, staffOfA());
  });

  it("exchanging an advantage: at the actor's own counter, or online by the passholder for themself only", async () => {
    const passholder = await createPassholder(t.db.prisma, t.world, { points: 20 });
    const other = await createPassholder(t.db.prisma, t.world, { points: 20 });
    const advantage = await createAdvantage(t.db.prisma, t.world, { onlineExchange: true }, [counterA(), counterB()]);
    const atCounter = { advantageId: advantage.id, cardNumber: passholder.cardNumber, channel: "COUNTER" as const, at: t.world.now, request };
    await expectRefusal(redeemAdvantage(t.db.prisma, { ...atCounter, counterId: counterB(), actor: staffOfA() }), "COUNTER_NOT_YOURS");
    await expectRefusal(redeemAdvantage(t.db.prisma, { ...atCounter, counterId: counterA(), actor: eekloAdmin() }), "COUNTER_NOT_YOURS");
    await expectRefusal(
      redeemAdvantage(t.db.prisma, { advantageId: advantage.id, passholderId: other.id, channel: "ONLINE", actor: passholderActor(passholder.id), at: t.world.now }),
      "PASSHOLDER_NOT_FOUND",
    );
    await expectRefusal(redeemAdvantage(t.db.prisma, { advantageId: advantage.id, cardNumber: other.cardNumber, channel: "ONLINE", actor: passholderActor(passholder.id), at: t.world.now }), "CARD_NOT_FOUND");
    await expectRefusal(redeemAdvantage(t.db.prisma, { advantageId: advantage.id, passholderId: passholder.id, channel: "ONLINE", actor: staffOfA(), at: t.world.now }), "NOT_ALLOWED");
    expect(await t.db.prisma.redemption.count({ where: { advantageId: advantage.id } })).toBe(0);

    const { redemption } = await redeemAdvantage(t.db.prisma, { ...atCounter, counterId: counterA(), actor: staffOfA() });
    await expectAudit("redemption.create", redemption.id, staffOfA());
    const online = await redeemAdvantage(t.db.prisma, { advantageId: advantage.id, channel: "ONLINE", actor: passholderActor(other.id), at: new Date(t.world.now.getTime() + 1000) });
    expect(online.redemption.passholderId).toBe(other.id);
  });

  it("removing a redemption: only a municipal administrator of the passholder's municipality, or the counter that made it", async () => {
    const passholder = await createPassholder(t.db.prisma, t.world, { points: 20 });
    const advantage = await createAdvantage(t.db.prisma, t.world, {}, [counterA()]);
    const { redemption } = await redeemAdvantage(t.db.prisma, { advantageId: advantage.id, cardNumber: passholder.cardNumber, channel: "COUNTER", counterId: counterA(), actor: staffOfA(), at: t.world.now });
    const input = { redemptionId: redemption.id, reason: "Per vergissing omgeruild", request };
    await expectRefusal(removeRedemption(t.db.prisma, { ...input, actor: assenedeAdmin() }), "REDEMPTION_NOT_FOUND");
    await expectRefusal(removeRedemption(t.db.prisma, { ...input, actor: staffOfA() }), "REDEMPTION_NOT_FOUND");
    await expectRefusal(removeRedemption(t.db.prisma, { ...input, counterId: counterB(), actor: staffOfA() }), "COUNTER_NOT_YOURS");
    await expectRefusal(removeRedemption(t.db.prisma, { ...input, actor: passholderActor(passholder.id) }), "REDEMPTION_NOT_FOUND");
    await removeRedemption(t.db.prisma, { ...input, actor: eekloAdmin() });
    await expectAudit("redemption.remove", redemption.id, eekloAdmin());
  });

  it("using a coupon: only at the actor's own counter, with an audit row", async () => {
    const passholder = await createPassholder(t.db.prisma, t.world);
    const coupon = await createCoupon(t.db.prisma, t.world, { usageLimit: 3 });
    await t.db.prisma.couponGrant.create({ data: { couponId: coupon.id, passholderId: passholder.id } });
    const input = { couponId: coupon.id, cardNumber: passholder.cardNumber, at: t.world.now, request };
    await expectRefusal(useCoupon(t.db.prisma, { ...input, counterId: counterB(), actor: staffOfA() }), "COUNTER_NOT_YOURS");
    await expectRefusal(useCoupon(t.db.prisma, { ...input, counterId: counterA(), actor: eekloAdmin() }), "COUNTER_NOT_YOURS");
    await expectRefusal(useCoupon(t.db.prisma, { ...input, counterId: counterA(), actor: passholderActor(passholder.id) }), "COUNTER_NOT_YOURS");
    const { use } = await useCoupon(t.db.prisma, { ...input, counterId: counterA(), actor: staffOfA() });
    await expectAudit("coupon.use", use.id, staffOfA());
  });

  it("registering: only at the actor's own counter, with an audit row", async () => {
    const input = (cardNumber: string) => ({
      cardNumber,
      firstName: "Mila",
      lastName: "Baert",
      birthDate: "2001-02-03",
      postalCode: "9900",
      at: t.world.now,
      request,
    });
    await expectRefusal(registerPassholder(t.db.prisma, { ...input(nextCardNumber()), counterId: t.world.registrationCounter, actor: staffOfA() }), "COUNTER_NOT_YOURS");
    await expectRefusal(registerPassholder(t.db.prisma, { ...input(nextCardNumber()), counterId: t.world.registrationCounter, actor: assenedeAdmin() }), "COUNTER_NOT_YOURS");
    await expectRefusal(registerPassholder(t.db.prisma, { ...input(nextCardNumber()), counterId: counterA(), actor: staffOfA() }), "COUNTER_MAY_NOT_REGISTER");
    const { passholder } = await registerPassholder(t.db.prisma, { ...input(nextCardNumber()), counterId: t.world.registrationCounter, actor: staffOfRegistration() });
    await expectAudit("passholder.register", passholder.id, staffOfRegistration());
  });

  it("blocking a card and giving a new one: within the municipality, or at the actor's own registration counter", async () => {
    const passholder = await createPassholder(t.db.prisma, t.world);
    const other = await createPassholder(t.db.prisma, t.world);
    const block = { cardNumber: passholder.cardNumber, reason: "Kaart verloren", request };
    await expectRefusal(blockCard(t.db.prisma, { ...block, actor: assenedeAdmin() }), "CARD_NOT_FOUND");
    await expectRefusal(blockCard(t.db.prisma, { ...block, actor: staffOfRegistration() }), "CARD_NOT_FOUND");
    await expectRefusal(blockCard(t.db.prisma, { ...block, actor: passholderActor(other.id) }), "CARD_NOT_FOUND");
    await expectRefusal(blockCard(t.db.prisma, { ...block, counterId: t.world.registrationCounter, actor: staffOfA() }), "COUNTER_NOT_YOURS");
    await expectRefusal(blockCard(t.db.prisma, { ...block, counterId: counterA(), actor: staffOfA() }), "COUNTER_MAY_NOT_REGISTER");
    const card = await blockCard(t.db.prisma, { ...block, counterId: t.world.registrationCounter, actor: staffOfRegistration() });
    await expectAudit("card.block", card.id, staffOfRegistration());

    const renew = { passholderId: passholder.id, reason: "THEFT_LOSS" as const, request };
    await expectRefusal(giveNewCard(t.db.prisma, { ...renew, newCardNumber: nextCardNumber(), actor: assenedeAdmin() }), "PASSHOLDER_NOT_FOUND");
    await expectRefusal(giveNewCard(t.db.prisma, { ...renew, newCardNumber: nextCardNumber(), actor: passholderActor(other.id) }), "PASSHOLDER_NOT_FOUND");
    await expectRefusal(giveNewCard(t.db.prisma, { ...renew, newCardNumber: nextCardNumber(), counterId: t.world.registrationCounter, actor: staffOfA() }), "COUNTER_NOT_YOURS");
    const { card: renewed } = await giveNewCard(t.db.prisma, { ...renew, newCardNumber: nextCardNumber(), actor: eekloAdmin() });
    await expectAudit("card.new", renewed.id, eekloAdmin());
  });

  it("correcting a check-in: only a municipal administrator of the event's municipality", async () => {
    const passholder = await createPassholder(t.db.prisma, t.world);
    const event = await createEvent(t.db.prisma, t.world);
    const { checkinId } = await checkIn(t.db.prisma, { eventId: event.id, cardNumber: passholder.cardNumber, channel: "COUNTER", counterId: counterA(), actor: staffOfA(), at: t.world.now });
    const input = { checkinId, reason: "Dubbel gescand", request };
    await expectRefusal(correctCheckin(t.db.prisma, { ...input, actor: eekloAdmin() }), "CHECKIN_NOT_FOUND");
    await expectRefusal(correctCheckin(t.db.prisma, { ...input, actor: staffOfA() }), "CHECKIN_NOT_FOUND");
    await expectRefusal(correctCheckin(t.db.prisma, { ...input, actor: passholderActor(passholder.id) }), "CHECKIN_NOT_FOUND");
    await correctCheckin(t.db.prisma, { ...input, actor: assenedeAdmin() });
    await expectAudit("checkin.correct", checkinId, assenedeAdmin());
  });

  it("backoffice tasks stay within the municipality: unique codes, providers, the outbox, accounts; own details only for oneself", async () => {
    const eekloAdvantage = await createAdvantage(t.db.prisma, t.world, { ownerMunicipalityId: t.world.eeklo });
    const codes = { advantageId: eekloAdvantage.id, codes: ["CODE-1", "CODE-2"], request };
    await expectRefusal(importAdvantageCodes(t.db.prisma, { ...codes, actor: assenedeAdmin() }), "ADVANTAGE_NOT_FOUND");
    await expectRefusal(importAdvantageCodes(t.db.prisma, { ...codes, actor: staffOfA() }), "ADVANTAGE_NOT_FOUND");
    await importAdvantageCodes(t.db.prisma, { ...codes, actor: eekloAdmin() });
    await expectAudit("advantage.import-codes", eekloAdvantage.id, eekloAdmin());

    const provider = await t.db.prisma.provider.create({ data: { name: "Toneel Eeklo", municipalityId: t.world.eeklo } });
    const agreement = { providerId: provider.id, fileName: "overeenkomst.pdf", content: PDF, request };
    await expectRefusal(uploadAgreement(t.db.prisma, { ...agreement, actor: assenedeAdmin() }), "PROVIDER_NOT_FOUND");
    await uploadAgreement(t.db.prisma, { ...agreement, actor: eekloAdmin() });
    await expectAudit("provider.uploadAgreement", provider.id, eekloAdmin());

    const mail = await t.db.prisma.emailMessage.create({
      data: { toAddress: "toneel@eeklo.test", subject: "Welkom", template: "provider-onboarding", html: "<p>x</p>", text: "x", providerId: provider.id, queuedBy: "test" },
    });
    await expectRefusal(resendMail(t.db.prisma, { id: mail.id, actor: assenedeAdmin() }), "EMAIL_NOT_FOUND");
    await resendMail(t.db.prisma, { id: mail.id, actor: eekloAdmin(), request });
    await expectAudit("email.resend", mail.id, eekloAdmin());

    const account = { email: "nieuw@test.be", name: "Nieuw", role: "COUNTER_STAFF" as const, password: "een lang genoeg wachtwoord" };
    await expectRefusal(createUser(t.db.prisma, { ...account, actor: eekloAdmin() }), "NOT_ALLOWED");

    const passholder = await createPassholder(t.db.prisma, t.world);
    expect(await ownDetails(t.db.prisma, passholderActor(passholder.id))).toMatchObject({ name: `${passholder.firstName} ${passholder.lastName}` });
    await expectRefusal(ownDetails(t.db.prisma, eekloAdmin()), "NOT_ALLOWED");
  });

  it("the counter's card system bounds whom a counter serves", async () => {
    const foreignSystem = await t.db.prisma.cardSystem.create({ data: { name: `Elders ${Date.now()}` } });
    const stranger = await t.db.prisma.passholder.create({
      data: {
        cardSystemId: foreignSystem.id,
        firstName: "Ver",
        lastName: "Weg",
        birthDate: new Date("1980-01-01"),
        postalCode: "9900",
        city: "Eeklo",
        municipalityId: t.world.eeklo,
        registeredAt: t.world.now,
        cards: { create: { number: cardNumberFrom("091234000001") } },
      },
    });
    const event = await createEvent(t.db.prisma, t.world);
    await expectRefusal(
      checkIn(t.db.prisma, { eventId: event.id, cardNumber: cardNumberFrom("091234000001"), channel: "COUNTER", counterId: counterA(), actor: staffOfA(), at: t.world.now }),
      "CARD_NOT_FOUND",
    );
    expect(await t.db.prisma.checkin.count({ where: { passholderId: stranger.id } })).toBe(0);
  });
});
