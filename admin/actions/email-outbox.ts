import type { PrismaClient, Role } from "@prisma/client";
import type { Action, ActionContext, ActionRequest, ActionResponse, CurrentAdmin, RecordActionResponse } from "adminjs";
import { isCardSystemError } from "../../core/errors.js";
import { renderMail } from "../../core/mail/render-mail.js";
import { resendMail } from "../../core/mail/resend-mail.js";
import { templateNames, templates, type TemplateData, type TemplateName } from "../../templates/index.js";
import { roleMay } from "../access/permissions.js";
import { actingUser, mayChange, refusal } from "./record-action.js";

/** Shows a mail's HTML (in a sandboxed frame) and text; on "Opnieuw versturen" also the button that posts. */
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
      const queued = await resendMail(client, { id: String(record.id()), actor: actor.email });
      const message = queued.id === record.id() ? "De mail wordt zo dadelijk opnieuw geprobeerd." : "De mail staat opnieuw klaar om verstuurd te worden.";
      return { record: before, notice: { type: "success", message }, redirectUrl: `${context.h.recordActionUrl({ resourceId: "EmailMessage", recordId: queued.id, actionName: "show" })}` };
    } catch (error) {
      if (isCardSystemError(error)) return refusal(error, before);
      throw error;
    }
  };
  return { actionType: "record", icon: "RefreshCw", component: MAIL_PREVIEW_COMPONENT, isAccessible: mayChange("Provider"), isVisible: mayChange("Provider"), handler };
}

/** Every template rendered with its sample data, HTML and text, as the backoffice's template preview. */
async function templatePreviews() {
  return Promise.all(
    templateNames.map(async (name: TemplateName) => {
      const template = templates[name];
      const mail = await renderMail(name, template.sample as TemplateData[typeof name]);
      return { name, label: template.label, ...mail };
    }),
  );
}

/** The outbox's own actions: preview of a mail, "Opnieuw versturen", and the preview of every template. */
export function emailActions(client: PrismaClient) {
  return {
    preview: {
      actionType: "record",
      icon: "Eye",
      component: MAIL_PREVIEW_COMPONENT,
      isAccessible: mayView,
      isVisible: mayView,
      handler: async (_request, _response, context) => ({ record: context.record!.toJSON(context.currentAdmin) }),
    },
    resend: resendAction(client),
    templatePreview: {
      actionType: "resource",
      icon: "Layout",
      component: MAIL_PREVIEW_COMPONENT,
      isAccessible: mayView,
      isVisible: mayView,
      handler: async () => ({ previews: await templatePreviews() }),
    },
  } satisfies Record<string, Partial<Action<ActionResponse>>>;
}
