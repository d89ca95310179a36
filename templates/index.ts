import { coordinatorNotification, coordinatorNotificationSample, type CoordinatorNotificationData } from "./coordinator-notification.js";
import type { RenderedParts } from "./layout.js";
import { portalSignIn, portalSignInSample, type PortalSignInData } from "./portal-sign-in.js";
import { providerOnboarding, providerOnboardingSample, type ProviderOnboardingData } from "./provider-onboarding.js";

/** Every mail template by the name the outbox records, with the data it needs. */
export interface TemplateData {
  "provider-onboarding": ProviderOnboardingData;
  "coordinator-notification": CoordinatorNotificationData;
  "portal-sign-in": PortalSignInData;
}

export type TemplateName = keyof TemplateData;

export const templates: { [Name in TemplateName]: { label: string; build: (data: TemplateData[Name]) => RenderedParts; sample: TemplateData[Name] } } = {
  "provider-onboarding": { label: "Onboardingmail nieuwe aanbieder", build: providerOnboarding, sample: providerOnboardingSample },
  "coordinator-notification": { label: "Regio verwittigen", build: coordinatorNotification, sample: coordinatorNotificationSample },
  "portal-sign-in": { label: "Aanmeldlink portaal", build: portalSignIn, sample: portalSignInSample },
};

export const templateNames = Object.keys(templates) as TemplateName[];
