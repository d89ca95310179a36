import type { EmailMessage } from "@prisma/client";
import { brandingOf } from "../../templates/branding.js";
import type { Db } from "../transaction.js";
import { requireSettings } from "./mail-settings.js";
import { providerMailStep, type ProviderStepInput } from "./provider-mail-step.js";

/** "Onboardingmail versturen": the manual's standard mail (p. 14) to the new provider's UiTID address. */
export function sendOnboardingMail(db: Db, input: ProviderStepInput): Promise<EmailMessage> {
  return providerMailStep(db, input, {
    step: "welcomeMail",
    action: "provider.onboardingMail",
    compose: (provider) => {
      const { municipality } = provider;
      const { cardSystem } = municipality;
      const settings = requireSettings(municipality.name, {
        uitidEmail: provider.uitidEmail,
        contactEmail: municipality.contactEmail,
        coordinatorEmail: cardSystem.coordinatorEmail,
        providerManualUrl: cardSystem.providerManualUrl,
        bannerUrl: cardSystem.bannerUrl,
        newsletterUrl: cardSystem.newsletterUrl,
      });
      return {
        template: "provider-onboarding",
        to: settings.uitidEmail,
        data: {
          branding: brandingOf(cardSystem),
          providerName: provider.name,
          municipalityName: municipality.name,
          municipalityContactEmail: settings.contactEmail,
          regionEmail: settings.coordinatorEmail,
          counterAppUrl: cardSystem.counterAppUrl,
          eventsDatabaseUrl: cardSystem.eventsDatabaseUrl,
          providerManualUrl: settings.providerManualUrl,
          bannerUrl: settings.bannerUrl,
          newsletterUrl: settings.newsletterUrl,
        },
      };
    },
  });
}
