import { sampleBranding, type Branding } from "./branding.js";
import { brandedMail, heading, mailLink, paragraph, plainText, type RenderedParts } from "./layout.js";
import { mj } from "./markup.js";

export interface CoordinatorNotificationData {
  branding: Branding;
  providerName: string;
  municipalityName: string;
  /** The provider's UiTID address. */
  providerEmail: string;
  municipalityContactEmail: string;
  /** The backoffice user who sends the notification. */
  notifiedBy: string;
}

/** "Regio verwittigen" (manual p. 13, step 3.5): the region hears of the new provider so it can be promoted. */
export function coordinatorNotification(data: CoordinatorNotificationData): RenderedParts {
  const title = "Start nieuwe UiTPAS-aanbieder";
  const intro = `${data.providerName} is een nieuwe UiTPAS-aanbieder in ${data.municipalityName}. Zet de nieuwe aanbieder in de kijker!`;
  const body = [
    heading(title),
    paragraph(intro),
    paragraph("UiTID van de aanbieder: ", mailLink(data.providerEmail)),
    paragraph(`Lokale verantwoordelijke van ${data.municipalityName}: `, mailLink(data.municipalityContactEmail)),
    paragraph(`Verwittigd door ${data.notifiedBy}.`),
  ];
  return {
    subject: `Start nieuwe UiTPAS-aanbieder: ${data.providerName} (${data.municipalityName})`,
    mjml: brandedMail(data.branding, { title, preview: intro, body: mj`${body}` }),
    text: plainText(data.branding, [
      title,
      intro,
      `UiTID van de aanbieder: ${data.providerEmail}`,
      `Lokale verantwoordelijke van ${data.municipalityName}: ${data.municipalityContactEmail}`,
      `Verwittigd door ${data.notifiedBy}.`,
    ]),
  };
}

export const coordinatorNotificationSample: CoordinatorNotificationData = {
  branding: sampleBranding,
  providerName: "Toneelvereniging De Planken",
  municipalityName: "Eeklo",
  providerEmail: "info@deplanken.be",
  municipalityContactEmail: "uitpas@eeklo.be",
  notifiedBy: "beheerder.eeklo@uitpas-meetjesland.test",
};
