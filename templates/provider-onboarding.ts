import { sampleBranding, type Branding } from "./branding.js";
import { mj } from "./markup.js";
import { brandedMail, button, heading, link, mailLink, paragraph, plainText, type RenderedParts } from "./layout.js";

export interface ProviderOnboardingData {
  branding: Branding;
  providerName: string;
  municipalityName: string;
  /** The local contact address, e.g. uitpas@eeklo.be. */
  municipalityContactEmail: string;
  /** The region's address for questions. */
  regionEmail: string;
  counterAppUrl: string;
  eventsDatabaseUrl: string;
  providerManualUrl: string;
  bannerUrl: string;
  newsletterUrl: string;
}

/** "https://www.uitdatabank.be/" → "www.uitdatabank.be", as the manual writes addresses. */
function shown(url: string): string {
  const { host, pathname } = new URL(url);
  return `${host}${pathname}`.replace(/\/$/, "");
}

/** The standard mail to a new provider (manual p. 14), in the manual's own words. */
export function providerOnboarding(data: ProviderOnboardingData): RenderedParts {
  const { branding } = data;
  const title = "TOPPER! Jullie zijn UiTPAS-aanbieder! PROFICIAT!";
  const counter = "Je kan vanaf nu met je UiTID inloggen in jouw balie. Deze installeer je op jouw laptop, pc of zelfs op je smartphone. In de balie kan je punten en kansentarieven toekennen.";
  const banner = ` op je website of sociale mediakanalen kenbaar dat je deelneemt aan ${branding.cardSystemName}!`;
  const questions = ` of neem contact op met de lokale verantwoordelijke van ${data.municipalityName} via `;
  const body = [
    heading(title),
    paragraph(`Beste ${data.providerName},`),
    paragraph(counter),
    button(data.counterAppUrl, "Naar jouw balie"),
    paragraph("Maar eerst en vooral dien je je activiteiten in te voeren via ", link(data.eventsDatabaseUrl, shown(data.eventsDatabaseUrl)), "."),
    paragraph("Maak ondertussen ook al met ", link(data.bannerUrl, "deze banner"), banner),
    paragraph(
      "Wacht... gaan we even te snel? Geen zorgen! Onze ",
      mj`<strong>handleiding</strong>`,
      " voor aanbieders helpt je ",
      mj`<strong>stap voor stap</strong>`,
      " verder in dit proces en bundelt alle antwoorden, linken maar ook video-instructies die jij nodig hebt!",
    ),
    paragraph("Je kan hem ", link(data.providerManualUrl, "hier"), " downloaden of je vindt hem terug op ", link(data.providerManualUrl, shown(data.providerManualUrl)), "."),
    paragraph("Heb je vragen? Mail dan naar ", mailLink(data.regionEmail), questions, mailLink(data.municipalityContactEmail), "."),
    paragraph(link(data.newsletterUrl, "Schrijf je hier in"), " voor de nieuwsbrief voor UiTPAS-aanbieders."),
  ];
  return {
    subject: `PROFICIAT! ${data.providerName} is UiTPAS-aanbieder bij ${branding.cardSystemName}`,
    mjml: brandedMail(branding, { title, preview: "Je kan vanaf nu met je UiTID inloggen in jouw balie.", body: mj`${body}` }),
    text: plainText(branding, [
      title,
      `Beste ${data.providerName},`,
      counter,
      `Naar jouw balie: ${data.counterAppUrl}`,
      `Maar eerst en vooral dien je je activiteiten in te voeren via ${shown(data.eventsDatabaseUrl)}: ${data.eventsDatabaseUrl}`,
      `Maak ondertussen ook al met deze banner (${data.bannerUrl})${banner}`,
      "Wacht... gaan we even te snel? Geen zorgen! Onze handleiding voor aanbieders helpt je stap voor stap verder in dit proces en bundelt alle antwoorden, linken maar ook video-instructies die jij nodig hebt!",
      `Je kan hem downloaden of je vindt hem terug op ${data.providerManualUrl}`,
      `Heb je vragen? Mail dan naar ${data.regionEmail}${questions}${data.municipalityContactEmail}.`,
      `Schrijf je hier in voor de nieuwsbrief voor UiTPAS-aanbieders: ${data.newsletterUrl}`,
    ]),
  };
}

export const providerOnboardingSample: ProviderOnboardingData = {
  branding: sampleBranding,
  providerName: "Toneelvereniging De Planken",
  municipalityName: "Eeklo",
  municipalityContactEmail: "uitpas@eeklo.be",
  regionEmail: "uitpasmeetjesland@comeet.be",
  counterAppUrl: "https://balie.uitpas.be",
  eventsDatabaseUrl: "https://www.uitdatabank.be",
  providerManualUrl: "https://www.uitpasmeetjesland.be/uitpaspartner",
  bannerUrl: "https://www.uitpasmeetjesland.be/uitpaspartner/banner",
  newsletterUrl: "https://www.uitpasmeetjesland.be/nieuwsbrief-aanbieders",
};
