import type { EmailMessage } from "@prisma/client";
import type { TemplateData, TemplateName } from "../../templates/index.js";
import type { Db } from "../transaction.js";
import { keepMailSecrets } from "./mail-secrets.js";
import { renderMail } from "./render-mail.js";

export interface MailRequest<Name extends TemplateName> {
  template: Name;
  data: TemplateData[Name];
  to: string;
  /** The provider the mail is about, so its municipality's administrators see it in the outbox. */
  providerId?: number;
  /** Who caused the mail (backoffice user), or the system part that did. */
  queuedBy?: string;
  /**
   * Values the data holds only as placeholders (see mail-secrets.ts), kept in memory for sending until `until`:
   * the outbox stores and shows the placeholder.
   */
  secrets?: { values: Record<string, string>; until: Date };
}

/**
 * Puts a rendered mail in the outbox. Pass the transaction of the change that causes the mail: the row, and
 * so the sending, exists only if that transaction commits. The mail worker sends it afterwards.
 */
export async function queueMail<Name extends TemplateName>(db: Db, request: MailRequest<Name>): Promise<EmailMessage> {
  const rendered = await renderMail(request.template, request.data);
  const mail = await db.emailMessage.create({
    data: {
      toAddress: request.to,
      template: request.template,
      ...rendered,
      providerId: request.providerId,
      queuedBy: request.queuedBy,
    },
  });
  if (request.secrets) keepMailSecrets(mail.id, request.secrets.values, request.secrets.until);
  return mail;
}
