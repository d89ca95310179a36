import { readFile, rm } from "node:fs/promises";
import type { PrismaClient, Role } from "@prisma/client";
import type { Action, ActionContext, ActionRequest, ActionResponse, CurrentAdmin, RecordActionResponse } from "adminjs";
import type { Caller } from "../../core/access/actor.js";
import { parseCalendarDate } from "../../core/time/calendar-date.js";
import { CardSystemError, isCardSystemError } from "../../core/errors.js";
import { loadProvider } from "../../core/providers/load-provider.js";
import { notifyRegion } from "../../core/providers/notify-region.js";
import { onboardingChecklist } from "../../core/providers/onboarding-steps.js";
import { sendOnboardingMail } from "../../core/providers/send-onboarding-mail.js";
import { MAX_AGREEMENT_BYTES, uploadAgreement } from "../../core/providers/upload-agreement.js";
import { roleMay } from "../../core/access/role-may.js";
import { requestMetaOf } from "../audit-origin.js";
import { actingUser, mayChange, refusal, text, type Payload } from "./record-action.js";

/** One screen for every onboarding action: the manual's checklist with the step's form or button. */
export const PROVIDER_ONBOARDING_COMPONENT = "ProviderOnboarding";

/** A file field as express-formidable hands it over (formidable 1). */
interface UploadedFile {
  path: string;
  name?: string;
  size: number;
}

function uploadedFile(payload: Payload, field: string): UploadedFile | undefined {
  const value = payload[field] as Partial<UploadedFile> | undefined;
  return value && typeof value === "object" && typeof value.path === "string" && typeof value.size === "number" ? (value as UploadedFile) : undefined;
}

function dateField(payload: Payload, field: string): Date | null {
  const value = text(payload, field).trim();
  if (!value) return null;
  const day = parseCalendarDate(value);
  if (!day) throw new CardSystemError("VALIDATION", { field, message: "Vul een geldige datum in (dd/mm/jjjj)." });
  return new Date(`${day}T00:00:00Z`);
}

async function storeUpload(client: PrismaClient, providerId: string, payload: Payload, caller: Caller): Promise<string> {
  const file = uploadedFile(payload, "agreement");
  if (!file) throw new CardSystemError("AGREEMENT_FILE_INVALID", { field: "agreement", message: "Kies het bestand van de ondertekende overeenkomst." });
  try {
    if (file.size > MAX_AGREEMENT_BYTES) throw new CardSystemError("AGREEMENT_FILE_INVALID", { field: "agreement" });
    const content = await readFile(file.path);
    await uploadAgreement(client, { providerId, fileName: file.name ?? "overeenkomst", content, signedAt: dateField(payload, "agreementSignedAt"), ...caller });
    return "De ondertekende overeenkomst werd opgeladen.";
  } finally {
    await rm(file.path, { force: true });
  }
}

type Step = (client: PrismaClient, providerId: string, payload: Payload, caller: Caller) => Promise<string>;

const steps: Record<string, Step> = {
  uploadAgreement: storeUpload,
  sendOnboardingMail: async (client, providerId, _payload, caller) => {
    const mail = await sendOnboardingMail(client, { providerId, ...caller });
    return `De onboardingmail naar ${mail.toAddress} staat klaar in Uitgaande mails en wordt zo dadelijk verstuurd.`;
  },
  notifyRegion: async (client, providerId, _payload, caller) => {
    const mail = await notifyRegion(client, { providerId, ...caller });
    return `De regio (${mail.toAddress}) wordt verwittigd; de mail staat in Uitgaande mails.`;
  },
};

/** What the screen shows: every step with its date and who, the latest agreement, and what each action still needs. */
async function checklistOf(client: PrismaClient, providerId: string) {
  const provider = await loadProvider(client, providerId);
  const agreement = await client.providerAgreement.findFirst({
    where: { providerId: provider.id },
    orderBy: { uploadedAt: "desc" },
    select: { id: true, fileName: true, contentType: true, size: true, uploadedAt: true, uploadedBy: true },
  });
  return {
    steps: onboardingChecklist(provider).map((step) => ({ ...step, at: step.at?.toISOString() ?? null })),
    agreement: agreement && { ...agreement, uploadedAt: agreement.uploadedAt.toISOString() },
  };
}

/**
 * A record action of the provider's onboarding. A GET answers the checklist; a POST performs the step through
 * core (CSRF-protected like every backoffice write). The record comes through the scoped resource, so a municipal
 * administrator only reaches providers of their own municipality.
 */
function onboardingAction(client: PrismaClient, name: string, icon: string): Partial<Action<ActionResponse>> {
  const step = steps[name];
  const handler = async (request: ActionRequest, _response: unknown, context: ActionContext): Promise<RecordActionResponse> => {
    const record = context.record!;
    const providerId = String(record.id());
    const json = () => record.toJSON(context.currentAdmin);
    if (request.method !== "post" || !step) return { record: json(), ...(await checklistOf(client, providerId)) };
    const actor = await actingUser(client, context, "Provider");
    try {
      const message = await step(client, providerId, request.payload ?? {}, { actor, request: requestMetaOf(request) });
      return { record: json(), notice: { type: "success", message }, ...(await checklistOf(client, providerId)) };
    } catch (error) {
      if (isCardSystemError(error)) return { ...refusal(error, json()), ...(await checklistOf(client, providerId)) };
      throw error;
    }
  };
  const may = step ? mayChange("Provider") : ({ currentAdmin }: { currentAdmin?: CurrentAdmin }) => roleMay((currentAdmin as { role?: Role } | undefined)?.role, "Provider", "show");
  return { actionType: "record", icon, component: PROVIDER_ONBOARDING_COMPONENT, isAccessible: may, isVisible: may, handler };
}

/** The latest uploaded agreement as base64, for the screen's download link. */
function downloadAgreementAction(client: PrismaClient): Partial<Action<ActionResponse>> {
  return {
    actionType: "record",
    isVisible: false,
    isAccessible: ({ currentAdmin }) => roleMay((currentAdmin as { role?: Role } | undefined)?.role, "Provider", "show"),
    handler: async (_request, _response, context) => {
      const record = context.record!;
      const agreement = await client.providerAgreement.findFirst({ where: { providerId: Number(record.id()) }, orderBy: { uploadedAt: "desc" } });
      return {
        record: record.toJSON(context.currentAdmin),
        file: agreement && { fileName: agreement.fileName, contentType: agreement.contentType, base64: agreement.contentBase64 },
      };
    },
  };
}

/** "Stappenplan", "Overeenkomst opladen", "Onboardingmail versturen" and "Regio verwittigen" on a provider. */
export function providerActions(client: PrismaClient) {
  return {
    downloadAgreement: downloadAgreementAction(client),
    onboarding: onboardingAction(client, "onboarding", "CheckSquare"),
    uploadAgreement: onboardingAction(client, "uploadAgreement", "Upload"),
    sendOnboardingMail: onboardingAction(client, "sendOnboardingMail", "Send"),
    notifyRegion: onboardingAction(client, "notifyRegion", "Bell"),
  };
}
