import { sampleBranding, type Branding } from "./branding.js";
import { brandedMail, button, heading, paragraph, plainText, type RenderedParts } from "./layout.js";
import { mj } from "./markup.js";

export interface PortalSignInData {
  branding: Branding;
  /** The passholder's first name. */
  firstName: string;
  /** The one-time sign-in address (absolute). */
  signInUrl: string;
  validMinutes: number;
}

/** The passholder portal's sign-in link. */
export function portalSignIn(data: PortalSignInData): RenderedParts {
  const title = "Aanmelden op je UiTPAS-pagina";
  const lines = [
    `Dag ${data.firstName},`,
    `Klik op de knop hieronder om aan te melden en je punten, historiek en voordelen te bekijken. De link werkt één keer en is ${data.validMinutes} minuten geldig.`,
    "Vroeg je deze link niet aan? Dan mag je deze mail gewoon negeren: zonder de link kan niemand aanmelden.",
  ];
  const body = [heading(title), paragraph(lines[0]!), paragraph(lines[1]!), button(data.signInUrl, "Aanmelden"), paragraph(lines[2]!)];
  return {
    subject: `Je aanmeldlink voor ${data.branding.cardSystemName}`,
    mjml: brandedMail(data.branding, { title, preview: lines[1]!, body: mj`${body}` }),
    text: plainText(data.branding, [title, lines[0]!, lines[1]!, `Aanmelden: ${data.signInUrl}`, lines[2]!]),
  };
}

export const portalSignInSample: PortalSignInData = {
  branding: sampleBranding,
  firstName: "Lotte",
  signInUrl: "https://uitpas.meetjesland.be/aanmelden/voorbeeld-token",
  validMinutes: 15,
};
