import { coordinatorNotification, coordinatorNotificationSample, type CoordinatorNotificationData } from "./coordinator-notification.js";
import type { RenderedParts } from "./layout.js";
import { portalSignIn, portalSignInSample, type PortalSignInData } from "./portal-sign-in.js";
import { providerOnboarding, providerOnboardingSample, type ProviderOnboardingData } from "./provider-onboarding.js";
import { staffSignInFailures, staffSignInFailuresSample, type StaffSignInFailuresData } from "./staff-sign-in-failures.js";

/** Every mail template by the name the outbox records, with the data it needs. */
export interface TemplateData {
  "provider-onboarding": ProviderOnboardingData;
  "coordinator-notification": CoordinatorNotificationData;
  "portal-sign-in": PortalSignInData;
  "staff-sign-in-failures": StaffSignInFailuresData;
}

export type TemplateName = keyof TemplateData;

interface Template<Data> {
  /** The name a user reads in the outbox, instead of the key. */
  label: { nl: string; en: string };
  build: (data: Data) => RenderedParts;
  sample: Data;
}

export const templates: { [Name in TemplateName]: Template<TemplateData[Name]> } = {
  "provider-onboarding": { label: { nl: "Onboardingmail aanbieder", en: "Provider onboarding mail" }, build: providerOnboarding, sample: providerOnboardingSample },
  "coordinator-notification": { label: { nl: "Regio verwittigen", en: "Notify the region" }, build: coordinatorNotification, sample: coordinatorNotificationSample },
  "portal-sign-in": { label: { nl: "Aanmeldlink portaal", en: "Portal sign-in link" }, build: portalSignIn, sample: portalSignInSample },
  "staff-sign-in-failures": {
    label: { nl: "Mislukte aanmeldpogingen", en: "Failed sign-in attempts" },
    build: staffSignInFailures,
    sample: staffSignInFailuresSample,
  },
};

export const templateNames = Object.keys(templates) as TemplateName[];
