import { sampleBranding, type Branding } from "./branding.js";
import { brandedMail, heading, paragraph, plainText, type RenderedParts } from "./layout.js";
import { mj } from "./markup.js";

export interface StaffSignInFailuresData {
  branding: Branding;
  /** The account holder's name. */
  name: string;
  /** The account's address, as typed in the sign-in form. */
  email: string;
  /** Wrong passwords within the last `windowMinutes`, from any address. */
  failures: number;
  windowMinutes: number;
  /** Wrong passwords since the account's last successful sign-in. */
  failuresSinceSignIn: number;
}

/** Tells a backoffice or counter account holder that someone keeps typing wrong passwords for their account. */
export function staffSignInFailures(data: StaffSignInFailuresData): RenderedParts {
  const title = "Mislukte aanmeldpogingen op je account";
  const lines = [
    `Dag ${data.name},`,
    `In de voorbije ${data.windowMinutes} minuten werd ${data.failures} keer een verkeerd wachtwoord getypt voor je account ${data.email} (${data.failuresSinceSignIn} keer sinds je laatste geslaagde aanmelding).`,
    "Was jij dat? Dan hoef je niets te doen.",
    "Was jij het niet? Dan probeert iemand je wachtwoord te raden. Je kan gewoon blijven aanmelden: wie blijft proberen, moet steeds langer wachten en wordt na enkele foute pogingen een kwartier geweigerd. Zorg dat je wachtwoord lang is en dat je het nergens anders gebruikt, en verwittig de coördinator van de regio.",
  ];
  return {
    subject: `Mislukte aanmeldpogingen op je account bij ${data.branding.cardSystemName}`,
    mjml: brandedMail(data.branding, { title, preview: lines[1]!, body: mj`${[heading(title), ...lines.map((line) => paragraph(line))]}` }),
    text: plainText(data.branding, [title, ...lines]),
  };
}

export const staffSignInFailuresSample: StaffSignInFailuresData = {
  branding: sampleBranding,
  name: "Coördinator Meetjesland",
  email: "coordinator@uitpas-meetjesland.test",
  failures: 10,
  windowMinutes: 15,
  failuresSinceSignIn: 12,
};
