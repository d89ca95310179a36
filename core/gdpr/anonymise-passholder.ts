import path from "node:path";
import type { Caller } from "../access/actor.js";
import { requireStaff } from "../access/authorize.js";
import { recordAudit } from "../audit/record-audit.js";
import { CardSystemError } from "../errors.js";
import { removeFileIn } from "../retention/retention.js";
import { inTransaction, type Db } from "../transaction.js";
import { requireUuid } from "../validation/ids.js";
import { requireReason } from "../validation/reason.js";
import { addressesOf, auditRowsAbout } from "./export-passholder-data.js";

/** What the coordinator types to confirm: the erasure cannot be undone. */
export const ANONYMISE_CONFIRMATION = "ANONIMISEREN";
/** The name an anonymised passholder carries in lists, reports and the ledger. */
export const ANONYMISED_NAME = "Geanonimiseerd";
/** Birth date is required by the schema; this one says "unknown" to anyone reading it. */
export const ANONYMISED_BIRTH_DATE = new Date("1900-01-01T00:00:00Z");
/** What an erased value reads in the audit trail. */
export const ERASED = "[geanonimiseerd]";

export interface AnonymisePassholderInput extends Caller {
  passholderId: unknown;
  reason: string;
  /** Must be ANONIMISEREN. */
  confirmation: unknown;
  /** Where the .eml files are (DATA_DIR); without it only the database is cleaned. */
  dataDir?: string;
  at?: Date;
}

export interface AnonymiseResult {
  cardsBlocked: number;
  sessionsEnded: number;
  signInLinksRemoved: number;
  mailsRemoved: number;
  emlFilesRemoved: number;
  auditRowsScrubbed: number;
}

/**
 * The right to erasure: removes who the passholder is while keeping what the region must account for. Tickets and
 * their settlement, check-ins, redemptions and the points ledger stay, attached to a nameless passholder; names,
 * contact, birth date, INSZ and e-mail go; cards are blocked; sessions, sign-in links and mails to them are removed
 * (their .eml files after the commit); audit rows about them keep what happened without the values. Coordinator only.
 */
export async function anonymisePassholder(db: Db, input: AnonymisePassholderInput): Promise<AnonymiseResult> {
  requireStaff(input.actor, ["COORDINATOR"]);
  const id = requireUuid(input.passholderId, "passholderId", "PASSHOLDER_NOT_FOUND");
  if (String(input.confirmation ?? "").trim().toUpperCase() !== ANONYMISE_CONFIRMATION) throw new CardSystemError("ANONYMISE_NOT_CONFIRMED", { field: "confirmation" });
  const reason = requireReason(input.reason);
  const at = input.at ?? new Date();
  const { result, emlFiles } = await inTransaction(db, async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Passholder" WHERE "id" = ${id}::uuid FOR UPDATE`;
    if (!locked) throw new CardSystemError("PASSHOLDER_NOT_FOUND", { field: "passholderId" });
    const done = await tx.auditLog.findFirst({ where: { resource: "Passholder", recordId: id, action: "passholder.anonymise" }, select: { id: true } });
    if (done) throw new CardSystemError("PASSHOLDER_ALREADY_ANONYMISED");
    const passholder = await tx.passholder.findUniqueOrThrow({ where: { id } });
    const addresses = await addressesOf(tx, id, passholder.email);
    // Distinctive values that may sit in audit rows about something else (an address typed in a form).
    const distinctive = [...addresses, passholder.insz, passholder.phone].filter((value): value is string => !!value && value.length >= 5);

    const aboutThem = await tx.auditLog.findMany({ where: await auditRowsAbout(tx, id), select: { id: true, actor: true } });
    const mentioning = distinctive.length
      ? await tx.$queryRaw<{ id: bigint }[]>`
          SELECT "id" FROM "AuditLog" WHERE "changes" IS NOT NULL
            AND EXISTS (SELECT 1 FROM unnest(${distinctive}::text[]) AS v(value) WHERE lower("changes"::text) LIKE '%' || lower(v.value) || '%')`
      : [];
    const scrub = [...new Set([...aboutThem.map((row) => row.id), ...mentioning.map((row) => row.id)])];
    // Keeps which fields changed; every value is erased. Their own requests' address and browser go too.
    const auditRowsScrubbed = scrub.length
      ? await tx.$executeRaw`
          UPDATE "AuditLog" SET "changes" = CASE WHEN jsonb_typeof("changes"::jsonb) = 'object'
              THEN (SELECT COALESCE(jsonb_object_agg("key", to_jsonb(${ERASED}::text)), '{}'::jsonb) FROM jsonb_each("changes"::jsonb))
              WHEN "changes" IS NULL THEN NULL ELSE to_jsonb(${ERASED}::text) END
          WHERE "id" = ANY(${scrub}::bigint[])`
      : 0;
    const ownRows = aboutThem.filter((row) => row.actor.startsWith("pashouder")).map((row) => row.id);
    if (ownRows.length) await tx.auditLog.updateMany({ where: { id: { in: ownRows } }, data: { ip: null, userAgent: null } });

    const mails = addresses.length
      ? await tx.emailMessage.findMany({ where: { OR: addresses.map((address) => ({ toAddress: { equals: address, mode: "insensitive" as const } })) }, select: { id: true, emlFile: true } })
      : [];
    await tx.emailMessage.deleteMany({ where: { id: { in: mails.map((mail) => mail.id) } } });
    const links = await tx.portalSignInToken.deleteMany({ where: { passholderId: id } });
    const sessions = await tx.session.deleteMany({ where: { passholderId: id } });
    const cards = await tx.card.updateMany({ where: { passholderId: id, status: "ACTIVE" }, data: { status: "BLOCKED", blockedAt: at, blockReason: "Pashouder geanonimiseerd" } });
    await tx.passholder.update({
      where: { id },
      data: {
        firstName: ANONYMISED_NAME,
        lastName: ANONYMISED_NAME,
        birthDate: ANONYMISED_BIRTH_DATE,
        gender: null,
        email: null,
        phone: null,
        street: null,
        houseNumber: null,
        insz: null,
      },
    });
    await recordAudit(tx, {
      actor: input.actor,
      request: input.request,
      action: "passholder.anonymise",
      resource: "Passholder",
      recordId: id,
      changes: { reason, fields: ["firstName", "lastName", "birthDate", "gender", "email", "phone", "street", "houseNumber", "insz"], cardsBlocked: cards.count },
    });
    const result: AnonymiseResult = {
      cardsBlocked: cards.count,
      sessionsEnded: sessions.count,
      signInLinksRemoved: links.count,
      mailsRemoved: mails.length,
      emlFilesRemoved: 0,
      auditRowsScrubbed,
    };
    return { result, emlFiles: mails.flatMap((mail) => mail.emlFile ?? []) };
  });
  if (input.dataDir) {
    const folder = path.resolve(input.dataDir, "mail");
    for (const file of emlFiles) if (await removeFileIn(folder, path.resolve(input.dataDir, file))) result.emlFilesRemoved++;
  }
  return result;
}
