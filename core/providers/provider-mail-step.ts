import type { EmailMessage } from "@prisma/client";
import type { TemplateData, TemplateName } from "../../templates/index.js";
import { actorLabel, type Actor, type RequestMeta } from "../access/actor.js";
import { recordAudit } from "../audit/record-audit.js";
import { queueMail } from "../mail/queue-mail.js";
import { inTransaction, type Db } from "../transaction.js";
import { lockProvider } from "./load-provider.js";
import { requireStepsBefore } from "./onboarding-steps.js";

type LockedProvider = Awaited<ReturnType<typeof lockProvider>>;

const stepFields = {
  welcomeMail: { at: "welcomeMailSentAt", by: "welcomeMailSentBy" },
  coordinatorNotified: { at: "coordinatorNotifiedAt", by: "coordinatorNotifiedBy" },
} as const;

export interface ProviderStepInput {
  providerId: unknown;
  actor: Actor;
  request?: RequestMeta;
  now?: Date;
}

export interface MailStep<Name extends TemplateName> {
  step: keyof typeof stepFields;
  /** Audit action, e.g. "provider.onboardingMail". */
  action: string;
  /** The mail for this provider; refuses (naming what is missing) when a setting it needs is empty. */
  compose: (provider: LockedProvider, actor: string) => { template: Name; to: string; data: TemplateData[Name] };
}

/**
 * A step of the onboarding that sends a mail: with the provider's row locked, it checks every earlier step,
 * queues the mail in the outbox, marks the step done (when, by whom) and writes the audit row, all in one
 * transaction: the mail exists only if the step is recorded, and two clicks never send it twice.
 */
export async function providerMailStep<Name extends TemplateName>(
  db: Db,
  input: ProviderStepInput,
  spec: MailStep<Name>,
): Promise<EmailMessage> {
  const now = input.now ?? new Date();
  const fields = stepFields[spec.step];
  return inTransaction(db, async (tx) => {
    const provider = await lockProvider(tx, input.actor, input.providerId);
    requireStepsBefore(provider, spec.step);
    const by = actorLabel(input.actor);
    const mail = await queueMail(tx, { ...spec.compose(provider, by), providerId: provider.id, queuedBy: by });
    await tx.provider.update({ where: { id: provider.id }, data: { [fields.at]: now, [fields.by]: by } });
    await recordAudit(tx, {
      actor: input.actor,
      request: input.request,
      action: spec.action,
      resource: "Provider",
      recordId: provider.id,
      changes: { [fields.at]: now.toISOString(), emailMessageId: mail.id, toAddress: mail.toAddress },
    });
    return mail;
  });
}
