import type { EmailMessage } from "@prisma/client";
import { actorLabel, type Actor, type RequestMeta } from "../access/actor.js";
import { mayActInMunicipality } from "../access/authorize.js";
import { recordAudit } from "../audit/record-audit.js";
import { CardSystemError } from "../errors.js";
import { inTransaction, type Db } from "../transaction.js";
import { requireUuid } from "../validation/ids.js";
import { carriesSecret } from "./mail-secrets.js";

/**
 * "Opnieuw versturen": a mail still waiting or failing is tried again right away; a sent mail is queued
 * anew as a copy that points to the original, so the first sending stays on record.
 */
export async function resendMail(db: Db, input: { id: string; actor: Actor; request?: RequestMeta; now?: Date }): Promise<EmailMessage> {
  const id = requireUuid(input.id, "id", "EMAIL_NOT_FOUND");
  const { actor, request, now = new Date() } = input;
  return inTransaction(db, async (tx) => {
    // Waits for a worker that is sending this mail right now, so its outcome is known.
    const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "EmailMessage" WHERE "id" = ${id}::uuid FOR UPDATE`;
    if (!locked) throw new CardSystemError("EMAIL_NOT_FOUND");
    const mail = await tx.emailMessage.findUniqueOrThrow({ where: { id }, include: { provider: { select: { municipalityId: true } } } });
    // The outbox is scoped like providers: a municipal administrator resends their own providers' mails only.
    if (!mayActInMunicipality(actor, mail.provider?.municipalityId)) throw new CardSystemError("EMAIL_NOT_FOUND");
    if (mail.status === "SENT" && carriesSecret(mail)) throw new CardSystemError("EMAIL_SECRET_NOT_KEPT");
    const queued =
      mail.status === "SENT"
        ? await tx.emailMessage.create({
            data: {
              toAddress: mail.toAddress,
              subject: mail.subject,
              template: mail.template,
              html: mail.html,
              text: mail.text,
              replyTo: mail.replyTo,
              providerId: mail.providerId,
              queuedBy: actorLabel(actor),
              resendOfId: mail.id,
              nextAttemptAt: now,
            },
          })
        : await tx.emailMessage.update({ where: { id }, data: { nextAttemptAt: now } });
    await recordAudit(tx, { actor, request, action: "email.resend", resource: "EmailMessage", recordId: queued.id, changes: { resendOf: mail.id, toAddress: mail.toAddress } });
    return queued;
  });
}
