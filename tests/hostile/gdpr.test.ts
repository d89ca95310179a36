import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { passholderActor } from "../../core/access/actor.js";
import { roleMay } from "../../core/access/role-may.js";
import { anonymisePassholder, ANONYMISED_NAME } from "../../core/gdpr/anonymise-passholder.js";
import { exportDocument } from "../../core/gdpr/export-document.js";
import { exportPassholderData } from "../../core/gdpr/export-passholder-data.js";
import { deliverDueMail } from "../../core/mail/deliver-due-mail.js";
import { createMailTransport } from "../../core/mail/mail-transport.js";
import { queueMail } from "../../core/mail/queue-mail.js";
import { portalSignInSample } from "../../templates/portal-sign-in.js";
import { databaseKinds } from "../helpers/databases.js";
import { createAdvantage, createEvent, createPassholder, staffActor, worldOn, type World } from "../helpers/fixtures.js";

// GDPR: the right of access (Art. 15) and the right to erasure (Art. 17), tried as a hostile caller would.

const PERSON = { firstName: "Zebediah", lastName: "Quillfeather", email: "zebediah.quill@voorbeeld.be", phone: "+32 470 98 76 54", insz: "90051712331", street: "Kwartelstraat", birthDate: new Date("1990-05-17") };
const OTHER = { firstName: "Ottoline", lastName: "Brackenridge", email: "ottoline.bracken@voorbeeld.be", birthDate: new Date("1985-02-03") };

/** Gives a passholder a row in every category the export names. */
async function fill(prisma: PrismaClient, world: World, passholderId: string, cardNumber: string, email: string, dataDir: string) {
  const card = await prisma.card.findUniqueOrThrow({ where: { number: cardNumber } });
  const event = await createEvent(prisma, world);
  const checkin = await prisma.checkin.create({ data: { eventId: event.id, passholderId, cardId: card.id, counterId: world.checkinCounter, channel: "COUNTER", points: 10, periodKey: "p", slot: 1 } });
  await prisma.pointsTransaction.create({ data: { passholderId, type: "CHECKIN", amount: 10, checkinId: checkin.id } });
  const advantage = await createAdvantage(prisma, world);
  const redemption = await prisma.redemption.create({ data: { advantageId: advantage.id, kind: "EXCHANGE", passholderId, cardId: card.id, counterId: world.checkinCounter, channel: "COUNTER", points: 5, periodKey: "p" } });
  await prisma.pointsTransaction.create({ data: { passholderId, type: "REDEMPTION", amount: -5, redemptionId: redemption.id } });
  await prisma.passholder.update({ where: { id: passholderId }, data: { points: 5 } });
  await prisma.ticketSale.create({ data: { eventId: event.id, passholderId, cardId: card.id, counterId: world.checkinCounter, regularPriceCents: 1200, tariffCents: 300, keyParticipantPct: 25, keyOrganiserPct: 55, keyMunicipalityPct: 20, periodKey: "p" } });
  const coupon = await prisma.coupon.create({ data: { cardSystemId: world.cardSystemId, name: `Zwembad ${passholderId.slice(0, 4)}`, validFrom: new Date(world.now.getTime() - 86_400_000), validUntil: new Date(world.now.getTime() + 86_400_000) } });
  const grant = await prisma.couponGrant.create({ data: { couponId: coupon.id, passholderId, usedCount: 1 } });
  await prisma.couponUse.create({ data: { grantId: grant.id, counterId: world.checkinCounter } });
  await prisma.session.create({ data: { id: `s-${passholderId}`, kind: "PORTAL", passholderId, data: { passholderId }, expiresAt: new Date(Date.now() + 3_600_000) } });
  await prisma.portalSignInToken.create({ data: { tokenHash: `h-${passholderId}`, passholderId, email, expiresAt: new Date(Date.now() + 900_000), usedAt: new Date() } });
  await queueMail(prisma, { template: "portal-sign-in", to: email, data: portalSignInSample });
  await deliverDueMail(prisma, createMailTransport({ mailFrom: "uitpas@comeet.be", dataDir }));
  await prisma.auditLog.create({ data: { actor: "pashouder (portaal)", action: "passholder.link-email", resource: "Passholder", recordId: passholderId, changes: { email }, ip: "10.9.8.7", userAgent: "Firefox" } });
  await prisma.auditLog.create({ data: { actor: "coordinator@test.be", action: "card.block", resource: "Card", recordId: String(card.id), changes: { status: "BLOCKED" } } });
}

/** Every text and JSON value of every table, with where it was found. */
async function everyTextValue(prisma: PrismaClient): Promise<Array<{ where: string; value: string }>> {
  const columns = await prisma.$queryRaw<{ table_name: string; column_name: string }[]>`
    SELECT table_name::text AS table_name, column_name::text AS column_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'json', 'jsonb', 'date', 'timestamp without time zone')`;
  const found: Array<{ where: string; value: string }> = [];
  for (const { table_name, column_name } of columns) {
    const rows = await prisma.$queryRawUnsafe<{ value: string | null }[]>(`SELECT "${column_name}"::text AS value FROM "${table_name}"`);
    for (const row of rows) if (row.value) found.push({ where: `${table_name}.${column_name}`, value: row.value.toLowerCase() });
  }
  return found;
}

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  return Promise.all(entries.filter((entry) => entry.isFile()).map((entry) => readFile(path.join(entry.parentPath, entry.name), "utf8")));
}

describe("GDPR actions are the coordinator's", () => {
  it("a municipal administrator may neither download nor anonymise a passholder's data in the backoffice", () => {
    for (const action of ["exportPersonalData", "anonymise"]) {
      expect(roleMay("COORDINATOR", "Passholder", action)).toBe(true);
      expect(roleMay("MUNICIPAL_ADMIN", "Passholder", action)).toBe(false);
    }
  });
});

describe.each(databaseKinds)("GDPR rights of a passholder (%s)", (kind) => {
  const context = worldOn(kind);
  let dataDir: string;
  let person: Awaited<ReturnType<typeof createPassholder>>;
  let other: Awaited<ReturnType<typeof createPassholder>>;
  const coordinator = staffActor("COORDINATOR", { email: "regio@test.be" });
  beforeAll(async () => {
    const { db, world } = context;
    dataDir = await mkdtemp(path.join(tmpdir(), "uitpas-gdpr-"));
    person = await createPassholder(db.prisma, world, PERSON);
    other = await createPassholder(db.prisma, world, OTHER);
    await fill(db.prisma, world, person.id, person.cardNumber, PERSON.email, dataDir);
    await fill(db.prisma, world, other.id, other.cardNumber, OTHER.email, dataDir);
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it("the export holds every category for the passholder, as JSON and as a page, and nothing of another passholder", async () => {
    const { db } = context;
    for (const actor of [coordinator, passholderActor(person.id)]) {
      const data = await exportPassholderData(db.prisma, { passholderId: person.id, actor });
      expect(data.identity).toMatchObject({ firstName: PERSON.firstName, lastName: PERSON.lastName, email: PERSON.email, insz: PERSON.insz, birthDate: "1990-05-17" });
      expect(data.cards.map((card) => card.number)).toEqual([person.cardNumber]);
      for (const rows of [data.checkins, data.ledger.transactions, data.tickets, data.redemptions, data.coupons, data.signIns.sessions, data.signIns.signInLinks, data.mails]) {
        expect(rows.length).toBeGreaterThan(0);
      }
      expect(data.ledger.balance).toBe(5);
      expect(data.coupons[0]!.uses).toHaveLength(1);
      expect(data.audit.map((row) => row.action)).toEqual(expect.arrayContaining(["passholder.link-email", "card.block"]));
      const json = JSON.stringify(data).toLowerCase();
      for (const value of [other.id, other.cardNumber, OTHER.firstName, OTHER.email]) expect(json).not.toContain(value.toLowerCase());
      // No secret reaches the export: no session id, no link hash.
      expect(json).not.toContain(`s-${person.id}`);
      expect(json).not.toContain(`h-${person.id}`);
      const page = exportDocument(data);
      expect(page).toContain(PERSON.lastName);
      expect(page).toContain("Verstuurde mails");
      expect(page).not.toContain(OTHER.lastName);
      // Read by a person: Dutch names, days as dd/mm/jjjj, moments on the Brussels clock.
      expect(page).toContain("<th scope=\"row\">Geboortedatum</th>");
      expect(page).toMatch(/<th scope="row">Geboortedatum<\/th><td>\d{2}\/\d{2}\/\d{4}<\/td>/);
      expect(page).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
      // Codes by their Dutch name: the card's status and the check-in's channel, not ACTIVE or COUNTER.
      expect(page).toMatch(/<td>Actief<\/td>/);
      expect(page).not.toMatch(/<td>(ACTIVE|COUNTER|ADMIN|SENT|EARN)<\/td>/);
    }
    const audited = await db.prisma.auditLog.count({ where: { action: "passholder.export", resource: "Passholder", recordId: person.id } });
    expect(audited).toBe(2);
  });

  it("refuses a municipal administrator, another passholder and counter staff", async () => {
    const { db, world } = context;
    const refusedActors = [
      staffActor("MUNICIPAL_ADMIN", { municipalityId: world.eeklo }),
      staffActor("COUNTER_STAFF", { counterIds: [world.authorisedCounter] }),
      passholderActor(other.id),
    ];
    for (const actor of refusedActors) {
      await expect(exportPassholderData(db.prisma, { passholderId: person.id, actor })).rejects.toMatchObject({ code: expect.stringMatching(/NOT_ALLOWED|PASSHOLDER_NOT_FOUND/) });
      await expect(anonymisePassholder(db.prisma, { passholderId: person.id, actor, reason: "Verzoek tot wissen", confirmation: "ANONIMISEREN" })).rejects.toMatchObject({ code: "NOT_ALLOWED" });
    }
    // Without the typed confirmation nothing happens, not even for the coordinator.
    await expect(anonymisePassholder(db.prisma, { passholderId: person.id, actor: coordinator, reason: "Verzoek tot wissen", confirmation: "ja" })).rejects.toMatchObject({ code: "ANONYMISE_NOT_CONFIRMED" });
    expect((await db.prisma.passholder.findUniqueOrThrow({ where: { id: person.id } })).lastName).toBe(PERSON.lastName);
  });

  it("anonymising leaves no name, contact, birth date or INSZ anywhere, keeps the accounts, blocks the cards and ends the sessions", async () => {
    const { db } = context;
    const totals = async (passholderId: string) => ({
      ledger: (await db.prisma.pointsTransaction.aggregate({ where: { passholderId }, _sum: { amount: true } }))._sum.amount,
      points: (await db.prisma.passholder.findUniqueOrThrow({ where: { id: passholderId } })).points,
      tickets: await db.prisma.ticketSale.findMany({ where: { passholderId }, select: { tariffCents: true, regularPriceCents: true, status: true, counterId: true } }),
      checkins: await db.prisma.checkin.count({ where: { passholderId } }),
      redemptions: await db.prisma.redemption.count({ where: { passholderId } }),
    });
    const before = await totals(person.id);
    const otherBefore = await exportPassholderData(db.prisma, { passholderId: other.id, actor: coordinator });

    const result = await anonymisePassholder(db.prisma, { passholderId: person.id, actor: coordinator, reason: "Verzoek tot wissen van 3 maart", confirmation: "anonimiseren", dataDir, request: { ip: "10.0.0.1", userAgent: "Test" } });
    expect(result).toMatchObject({ cardsBlocked: 1, sessionsEnded: 1, signInLinksRemoved: 1, mailsRemoved: 1, emlFilesRemoved: 1 });

    const values = await everyTextValue(db.prisma);
    const erased = [PERSON.firstName, PERSON.lastName, PERSON.email, PERSON.phone, PERSON.insz, PERSON.street, "1990-05-17"];
    for (const secret of erased) {
      expect(values.filter((found) => found.value.includes(secret.toLowerCase())).map((found) => found.where), secret).toEqual([]);
    }
    for (const file of await filesUnder(path.join(dataDir, "mail"))) {
      for (const secret of erased) expect(file.toLowerCase()).not.toContain(secret.toLowerCase());
    }
    // The other passholder keeps everything, their mail file included.
    expect(values.some((found) => found.value.includes(OTHER.email))).toBe(true);
    expect((await filesUnder(path.join(dataDir, "mail"))).some((file) => file.includes(OTHER.email))).toBe(true);
    const otherAfter = await exportPassholderData(db.prisma, { passholderId: other.id, actor: coordinator });
    expect({ ...otherAfter, exportedAt: "", audit: [] }).toEqual({ ...otherBefore, exportedAt: "", audit: [] });

    expect(await totals(person.id)).toEqual(before);
    const after = await db.prisma.passholder.findUniqueOrThrow({ where: { id: person.id }, include: { cards: true } });
    expect(after).toMatchObject({ firstName: ANONYMISED_NAME, lastName: ANONYMISED_NAME, email: null, insz: null, phone: null, street: null });
    expect(after.cards.every((card) => card.status === "BLOCKED")).toBe(true);
    expect(await db.prisma.session.count({ where: { passholderId: person.id } })).toBe(0);
    expect(await db.prisma.portalSignInToken.count({ where: { passholderId: person.id } })).toBe(0);
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "passholder.anonymise", recordId: person.id } });
    expect(audit).toMatchObject({ actor: "regio@test.be", ip: "10.0.0.1" });
    // The audit rows about them still say what happened, without the values.
    expect(await db.prisma.auditLog.findFirstOrThrow({ where: { action: "passholder.link-email", recordId: person.id } })).toMatchObject({ changes: { email: "[geanonimiseerd]" }, ip: null, userAgent: null });

    // Irreversible and done once.
    await expect(anonymisePassholder(db.prisma, { passholderId: person.id, actor: coordinator, reason: "Nog eens", confirmation: "ANONIMISEREN" })).rejects.toMatchObject({ code: "PASSHOLDER_ALREADY_ANONYMISED" });
  });
});
