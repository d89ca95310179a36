import type { Prisma } from "@prisma/client";
import type { Actor, Caller } from "../access/actor.js";
import { recordAudit } from "../audit/record-audit.js";
import { CardSystemError } from "../errors.js";
import { inTransaction, type Db, type Tx } from "../transaction.js";
import { requireUuid } from "../validation/ids.js";

/** Everything the region holds about one passholder (GDPR Art. 15), as plain JSON values. */
export interface PassholderDataExport {
  exportedAt: string;
  controller: string;
  identity: Record<string, unknown>;
  cards: Record<string, unknown>[];
  checkins: Record<string, unknown>[];
  ledger: { balance: number; transactions: Record<string, unknown>[] };
  tickets: Record<string, unknown>[];
  redemptions: Record<string, unknown>[];
  coupons: Record<string, unknown>[];
  signIns: { sessions: Record<string, unknown>[]; signInLinks: Record<string, unknown>[] };
  mails: Record<string, unknown>[];
  audit: Record<string, unknown>[];
}

export interface ExportPassholderDataInput extends Caller {
  passholderId: unknown;
  at?: Date;
}

/** A coordinator for anyone, a passholder for themself; a municipal administrator asks the region's coordinator. */
export function mayExportPassholderData(actor: Actor, passholderId: string): boolean {
  if (actor.kind === "PASSHOLDER") return actor.passholderId === passholderId;
  return actor.kind === "STAFF" && actor.role === "COORDINATOR";
}

/** The rows an access request covers and an erasure scrubs: the passholder's own, and the audit rows about them. */
export async function auditRowsAbout(tx: Tx, passholderId: string): Promise<Prisma.AuditLogWhereInput> {
  const [cards, checkins, tickets, redemptions, grants] = await Promise.all([
    tx.card.findMany({ where: { passholderId }, select: { id: true } }),
    tx.checkin.findMany({ where: { passholderId }, select: { id: true } }),
    tx.ticketSale.findMany({ where: { passholderId }, select: { id: true } }),
    tx.redemption.findMany({ where: { passholderId }, select: { id: true } }),
    tx.couponGrant.findMany({ where: { passholderId }, select: { id: true } }),
  ]);
  const about = (resource: string, ids: Array<string | number>) => (ids.length ? [{ resource, recordId: { in: ids.map(String) } }] : []);
  return {
    OR: [
      { resource: "Passholder", recordId: passholderId },
      ...about("Card", cards.map((row) => row.id)),
      ...about("Checkin", checkins.map((row) => row.id)),
      ...about("TicketSale", tickets.map((row) => row.id)),
      ...about("Redemption", redemptions.map((row) => row.id)),
      ...about("CouponGrant", grants.map((row) => row.id)),
    ],
  };
}

/** Every address the passholder was known by: the current one and those sign-in links went to. */
export async function addressesOf(tx: Tx, passholderId: string, current: string | null): Promise<string[]> {
  const links = await tx.portalSignInToken.findMany({ where: { passholderId }, select: { email: true }, distinct: ["email"] });
  return [...new Set([current, ...links.map((link) => link.email)].filter((email): email is string => !!email).map((email) => email.toLowerCase()))];
}

const mailsTo = (addresses: string[]): Prisma.EmailMessageWhereInput => ({ OR: addresses.map((address) => ({ toAddress: { equals: address, mode: "insensitive" as const } })) });

/**
 * The right of access: everything held about one passholder, read in one transaction (a consistent picture),
 * with an audit row saying who asked. Secrets are left out: no session id, no link hash, no stored code.
 */
export async function exportPassholderData(db: Db, input: ExportPassholderDataInput): Promise<PassholderDataExport> {
  const id = requireUuid(input.passholderId, "passholderId", "PASSHOLDER_NOT_FOUND");
  if (!mayExportPassholderData(input.actor, id)) throw new CardSystemError(input.actor.kind === "PASSHOLDER" ? "PASSHOLDER_NOT_FOUND" : "NOT_ALLOWED");
  const at = input.at ?? new Date();
  return inTransaction(db, async (tx) => {
    const passholder = await tx.passholder.findUnique({ where: { id }, include: { municipality: { select: { name: true } }, cardSystem: { select: { name: true } } } });
    if (!passholder) throw new CardSystemError("PASSHOLDER_NOT_FOUND", { field: "passholderId" });
    const addresses = await addressesOf(tx, id, passholder.email);
    const [cards, checkins, transactions, tickets, redemptions, grants, sessions, links, mails, audit] = await Promise.all([
      tx.card.findMany({ where: { passholderId: id }, orderBy: { issuedAt: "asc" }, include: { issuedAtCounter: { select: { name: true } } } }),
      tx.checkin.findMany({ where: { passholderId: id }, orderBy: { checkedInAt: "asc" }, include: { event: { select: { name: true } }, counter: { select: { name: true } } } }),
      tx.pointsTransaction.findMany({ where: { passholderId: id }, orderBy: { createdAt: "asc" } }),
      tx.ticketSale.findMany({ where: { passholderId: id }, orderBy: { soldAt: "asc" }, include: { event: { select: { name: true } }, counter: { select: { name: true } } } }),
      tx.redemption.findMany({ where: { passholderId: id }, orderBy: { redeemedAt: "asc" }, include: { advantage: { select: { title: true } }, counter: { select: { name: true } }, code: { select: { code: true } } } }),
      tx.couponGrant.findMany({ where: { passholderId: id }, orderBy: { grantedAt: "asc" }, include: { coupon: { select: { name: true } }, uses: { orderBy: { usedAt: "asc" }, include: { counter: { select: { name: true } } } } } }),
      tx.session.findMany({ where: { passholderId: id }, orderBy: { createdAt: "asc" }, select: { kind: true, createdAt: true, expiresAt: true } }),
      tx.portalSignInToken.findMany({ where: { passholderId: id }, orderBy: { createdAt: "asc" }, select: { email: true, createdAt: true, expiresAt: true, usedAt: true } }),
      addresses.length ? tx.emailMessage.findMany({ where: mailsTo(addresses), orderBy: { createdAt: "asc" } }) : Promise.resolve([]),
      tx.auditLog.findMany({ where: await auditRowsAbout(tx, id), orderBy: { at: "asc" } }),
    ]);
    const result: PassholderDataExport = {
      exportedAt: at.toISOString(),
      controller: passholder.cardSystem.name,
      identity: {
        id: passholder.id,
        firstName: passholder.firstName,
        lastName: passholder.lastName,
        birthDate: passholder.birthDate.toISOString().slice(0, 10),
        gender: passholder.gender,
        insz: passholder.insz,
        email: passholder.email,
        phone: passholder.phone,
        street: passholder.street,
        houseNumber: passholder.houseNumber,
        postalCode: passholder.postalCode,
        city: passholder.city,
        municipality: passholder.municipality.name,
        kansenstatuutStart: passholder.kansenstatuutStart?.toISOString().slice(0, 10) ?? null,
        kansenstatuutEnd: passholder.kansenstatuutEnd?.toISOString().slice(0, 10) ?? null,
        points: passholder.points,
        registeredAt: passholder.registeredAt.toISOString(),
      },
      cards: cards.map((card) => ({
        number: card.number,
        type: card.type,
        status: card.status,
        issueReason: card.issueReason,
        issuedAt: card.issuedAt.toISOString(),
        issuedAtCounter: card.issuedAtCounter?.name ?? null,
        blockedAt: card.blockedAt?.toISOString() ?? null,
        blockReason: card.blockReason,
        replacedAt: card.replacedAt?.toISOString() ?? null,
      })),
      checkins: checkins.map((checkin) => ({
        event: checkin.event.name,
        counter: checkin.counter?.name ?? null,
        channel: checkin.channel,
        points: checkin.points,
        checkedInAt: checkin.checkedInAt.toISOString(),
        corrected: checkin.corrected,
        correctionReason: checkin.correctionReason,
      })),
      ledger: {
        balance: passholder.points,
        transactions: transactions.map((row) => ({ type: row.type, amount: row.amount, createdAt: row.createdAt.toISOString(), note: row.note })),
      },
      tickets: tickets.map((ticket) => ({
        event: ticket.event.name,
        counter: ticket.counter.name,
        soldAt: ticket.soldAt.toISOString(),
        regularPriceCents: ticket.regularPriceCents,
        tariffCents: ticket.tariffCents,
        status: ticket.status,
        cancelledAt: ticket.cancelledAt?.toISOString() ?? null,
        cancelReason: ticket.cancelReason,
      })),
      redemptions: redemptions.map((redemption) => ({
        advantage: redemption.advantage.title,
        kind: redemption.kind,
        counter: redemption.counter?.name ?? null,
        channel: redemption.channel,
        points: redemption.points,
        code: redemption.code?.code ?? null,
        redeemedAt: redemption.redeemedAt.toISOString(),
        status: redemption.status,
        removedAt: redemption.removedAt?.toISOString() ?? null,
        removalReason: redemption.removalReason,
      })),
      coupons: grants.map((grant) => ({
        coupon: grant.coupon.name,
        grantedAt: grant.grantedAt.toISOString(),
        usedCount: grant.usedCount,
        uses: grant.uses.map((use) => ({ counter: use.counter.name, usedAt: use.usedAt.toISOString() })),
      })),
      signIns: {
        sessions: sessions.map((session) => ({ kind: session.kind, createdAt: session.createdAt.toISOString(), expiresAt: session.expiresAt.toISOString() })),
        signInLinks: links.map((link) => ({ email: link.email, createdAt: link.createdAt.toISOString(), expiresAt: link.expiresAt.toISOString(), usedAt: link.usedAt?.toISOString() ?? null })),
      },
      mails: mails.map((mail) => ({
        to: mail.toAddress,
        subject: mail.subject,
        template: mail.template,
        status: mail.status,
        createdAt: mail.createdAt.toISOString(),
        sentAt: mail.sentAt?.toISOString() ?? null,
        text: mail.text,
      })),
      audit: audit.map((row) => ({
        at: row.at.toISOString(),
        actor: row.actor,
        action: row.action,
        resource: row.resource,
        recordId: row.recordId,
        changes: row.changes,
        ip: row.ip,
        userAgent: row.userAgent,
      })),
    };
    await recordAudit(tx, { actor: input.actor, request: input.request, action: "passholder.export", resource: "Passholder", recordId: id });
    return result;
  });
}
