import type { PrismaClient } from "@prisma/client";
import type { MailTransport } from "./mail-transport.js";
import { forgetMailSecrets, LONGEST_SECRET_MS, revealSecrets } from "./mail-secrets.js";
import { retryDelayMs } from "./retry-delay.js";

// Another instance may hold a mail's secret: it gets the mail on its own next round.
const SECRET_ELSEWHERE_WAIT_MS = 30_000;
const SECRET_LOST = "Niet verstuurd: de aanmeldlink in deze mail is niet meer beschikbaar (verlopen, of de server herstartte eerder). De pashouder vraagt een nieuwe link aan.";

export interface DeliveryRound {
  sent: number;
  failed: number;
}

/**
 * Sends the outbox's due mails, one by one, each inside its own transaction that holds the row
 * (`FOR UPDATE SKIP LOCKED`): two server processes never send the same mail, and a failure only moves the
 * mail's next attempt further away (exponential backoff); no mail is ever given up.
 */
export async function deliverDueMail(prisma: PrismaClient, transport: MailTransport, { now = new Date(), limit = 20 } = {}): Promise<DeliveryRound> {
  const round: DeliveryRound = { sent: 0, failed: 0 };
  for (let index = 0; index < limit; index++) {
    const outcome = await prisma.$transaction(async (tx) => {
      // Timestamps are stored as UTC without zone.
      const [due] = await tx.$queryRaw<{ id: string }[]>`
        SELECT "id" FROM "EmailMessage"
        WHERE "status" IN ('QUEUED', 'FAILED') AND "nextAttemptAt" <= (${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')
        ORDER BY "nextAttemptAt", "createdAt"
        LIMIT 1
        FOR UPDATE SKIP LOCKED`;
      if (!due) return null;
      const mail = await tx.emailMessage.findUniqueOrThrow({ where: { id: due.id } });
      const attempt = { attempts: mail.attempts + 1, lastAttemptAt: now };
      const live = revealSecrets(mail, now);
      if (!live) {
        if (now.getTime() - mail.createdAt.getTime() < LONGEST_SECRET_MS) {
          await tx.emailMessage.update({ where: { id: mail.id }, data: { nextAttemptAt: new Date(now.getTime() + SECRET_ELSEWHERE_WAIT_MS) } });
          return "skipped" as const;
        }
        // Retrying cannot help; the backoff keeps the row quiet without a status of its own.
        await tx.emailMessage.update({
          where: { id: mail.id },
          data: { ...attempt, status: "FAILED", lastError: SECRET_LOST, nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempt.attempts)) },
        });
        return "failed" as const;
      }
      try {
        const receipt = await transport.deliver({
          id: mail.id,
          to: mail.toAddress,
          replyTo: mail.replyTo,
          subject: mail.subject,
          html: live.html,
          text: live.text,
          stored: { html: mail.html, text: mail.text },
        });
        await tx.emailMessage.update({
          where: { id: mail.id },
          data: { ...attempt, status: "SENT", sentAt: now, messageId: receipt.messageId, emlFile: receipt.emlFile ?? null },
        });
        forgetMailSecrets(mail.id);
        return "sent" as const;
      } catch (error) {
        await tx.emailMessage.update({
          where: { id: mail.id },
          data: {
            ...attempt,
            status: "FAILED",
            lastError: String((error as Error)?.message ?? error).slice(0, 1000),
            nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempt.attempts)),
          },
        });
        return "failed" as const;
      }
    });
    if (!outcome) break;
    if (outcome !== "skipped") round[outcome]++;
  }
  return round;
}
