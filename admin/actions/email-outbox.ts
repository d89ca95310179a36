import type { PrismaClient, Role } from "@prisma/client";
import type { Action, ActionContext, ActionRequest, ActionResponse, CurrentAdmin, PropertyOptions, RecordActionResponse } from "adminjs";
import { currentCardSystem } from "../../core/card-system/current-card-system.js";
import { isCardSystemError } from "../../core/errors.js";
import { previewTemplate } from "../../core/mail/preview-template.js";
import { resendMail } from "../../core/mail/resend-mail.js";
import { templateNames } from "../../templates/index.js";
import { actorOf } from "../access/actor.js";
import { roleMay } from "../../core/access/role-may.js";
import { requestMetaOf } from "../audit-origin.js";
import { actingUser, mayChange, refusal } from "./record-action.js";

/** Shows a mail as it is sent (its HTML in a sandboxed frame of its own) and its text; on "Opnieuw versturen" also the button that posts. */
export const MAIL_PREVIEW_COMPONENT = "MailPreview";

const mayView = ({ currentAdmin }: { currentAdmin?: CurrentAdmin }) => roleMay((currentAdmin as { role?: Role } | undefined)?.role, "EmailMessage", "show");

/** "Opnieuw versturen": whoever may manage providers may resend a mail they can see (the outbox is scoped like providers). */
function resendAction(client: PrismaClient): Partial<Action<ActionResponse>> {
  const handler = async (request: ActionRequest, _response: unknown, context: ActionContext): Promise<RecordActionResponse> => {
    const record = context.record!;
    const before = record.toJSON(context.currentAdmin);
    if (request.method !== "post") return { record: before };
    const actor = await actingUser(client, context, "Provider");
    try {
      const queued = await resendMail(client, { id: String(record.id()), actor, request: requestMetaOf(request) });
      const message = queued.id === record.id() ? "De mail wordt zo dadelijk opnieuw geprobeerd." : "De mail staat opnieuw klaar om verstuurd te worden.";
      return { record: before, notice: { type: "success", message }, redirectUrl: `${context.h.recordActionUrl({ resourceId: "EmailMessage", recordId: queued.id, actionName: "show" })}` };
    } catch (error) {
      if (isCardSystemError(error)) return refusal(error, before);
      throw error;
    }
  };
  return { actionType: "record", icon: "RefreshCw", component: MAIL_PREVIEW_COMPONENT, isAccessible: mayChange("Provider"), isVisible: mayChange("Provider"), handler };
}

/** The outbox's template key is shown as the template's name (admin/locale), in the list, filter and show page. */
export const emailMessageProperties = {
  template: { availableValues: templateNames.map((name) => ({ value: name, label: name })) },
} satisfies Record<string, PropertyOptions>;

/**
 * Every template with its sample data in the card system's look (subject and text here; the HTML part is its
 * own page, see mail-preview-routes.ts), as the backoffice's "Voorbeelden van de mails".
 */
async function templatePreviews(client: PrismaClient, context: ActionContext) {
  const actor = await actorOf(client, context);
  const cardSystem = await currentCardSystem(client, { municipalityId: actor?.municipalityId });
  if (!cardSystem) return [];
  return Promise.all(
    templateNames.map(async (name) => {
      const { subject, text, replyTo } = await previewTemplate(name, cardSystem);
      return { name, subject, text, replyTo };
    }),
  );
}

/** The outbox's own screens: a mail shown as it was sent, "Opnieuw versturen", and the preview of every template. */
export function emailActions(client: PrismaClient) {
  return {
    show: { component: MAIL_PREVIEW_COMPONENT },
    resend: resendAction(client),
    templatePreview: {
      actionType: "resource",
      icon: "Layout",
      component: MAIL_PREVIEW_COMPONENT,
      isAccessible: mayView,
      isVisible: mayView,
      handler: async (_request, _response, context) => ({ previews: await templatePreviews(client, context) }),
    },
  } satisfies Record<string, Partial<Action<ActionResponse>>>;
}
