import type { EmailMessage } from "@prisma/client";
import { brandingOf } from "../../templates/branding.js";
import type { Db } from "../transaction.js";
import { requireSettings } from "./mail-settings.js";
import { providerMailStep, type ProviderStepInput } from "./provider-mail-step.js";

/** "Regio verwittigen": tells the card system's coordinator address about the new provider, so it can be promoted. */
export function notifyRegion(db: Db, input: ProviderStepInput): Promise<EmailMessage> {
  return providerMailStep(db, input, {
    step: "coordinatorNotified",
    action: "provider.notifyRegion",
    compose: (provider, actor) => {
      const { municipality } = provider;
      const settings = requireSettings(municipality.name, {
        uitidEmail: provider.uitidEmail,
        contactEmail: municipality.contactEmail,
        coordinatorEmail: municipality.cardSystem.coordinatorEmail,
      });
      return {
        template: "coordinator-notification",
        to: settings.coordinatorEmail,
        data: {
          branding: brandingOf(municipality.cardSystem),
          providerName: provider.name,
          municipalityName: municipality.name,
          providerEmail: settings.uitidEmail,
          municipalityContactEmail: settings.contactEmail,
          notifiedBy: actor,
        },
      };
    },
  });
}
