/** The card system's look, footer and reply address, as every mail and the portal show them. */
export interface Branding {
  cardSystemName: string;
  brandColor: string;
  brandTextColor: string;
  logoUrl: string | null;
  footerOrganisation: string | null;
  footerSupportedBy: string | null;
  footerAddress: string | null;
  footerPhone: string | null;
  footerEmail: string | null;
  helpdeskEmail: string | null;
  /** Where replies to a mail go (Reply-To). */
  replyTo: string | null;
}

/** The card system's settings the branding is made of (the columns of CardSystem). */
export interface BrandingSettings {
  name: string;
  brandColor: string;
  brandTextColor: string;
  logoUrl: string | null;
  footerOrganisation: string | null;
  footerSupportedBy: string | null;
  footerAddress: string | null;
  footerPhone: string | null;
  footerEmail: string | null;
  helpdeskEmail: string | null;
  replyToEmail: string | null;
  coordinatorEmail: string | null;
}

const HEX = /^#[0-9a-fA-F]{6}$/;

const filled = (value: string | null): string | null => value?.trim() || null;

function webAddress(value: string | null): string | null {
  const text = filled(value);
  if (!text) return null;
  try {
    return ["https:", "http:"].includes(new URL(text).protocol) ? text : null;
  } catch {
    return null;
  }
}

function mailAddress(value: string | null): string | null {
  const text = filled(value);
  return text && /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/.test(text) ? text : null;
}

/**
 * The branding of a card system row. Nonsense someone stored falls back to what still makes a readable mail:
 * default colours, the name instead of a logo that is no web address, the coordinator for a reply address.
 */
export function brandingOf(cardSystem: BrandingSettings): Branding {
  return {
    cardSystemName: cardSystem.name,
    brandColor: HEX.test(cardSystem.brandColor) ? cardSystem.brandColor : "#e6007e",
    brandTextColor: HEX.test(cardSystem.brandTextColor) ? cardSystem.brandTextColor : "#ffffff",
    logoUrl: webAddress(cardSystem.logoUrl),
    footerOrganisation: filled(cardSystem.footerOrganisation),
    footerSupportedBy: filled(cardSystem.footerSupportedBy),
    footerAddress: filled(cardSystem.footerAddress),
    footerPhone: filled(cardSystem.footerPhone),
    footerEmail: filled(cardSystem.footerEmail),
    helpdeskEmail: filled(cardSystem.helpdeskEmail),
    // Without an answer address of its own a reply reaches the region, never the no-reply sender.
    replyTo: mailAddress(cardSystem.replyToEmail) ?? mailAddress(cardSystem.coordinatorEmail),
  };
}

export const PRODUCT_LINE = "UiTPAS is een product van publiq dat in Vlaanderen al in verschillende regio's werd uitgerold.";

/** "COMEET fungeert als regioverantwoordelijke voor UiTPAS Meetjesland, met de steun van …" (manual p. 14). */
export function regionLine(branding: Branding): string | null {
  if (!branding.footerOrganisation) return null;
  const support = branding.footerSupportedBy ? `, met de steun van ${branding.footerSupportedBy}` : "";
  return `${branding.footerOrganisation} fungeert als regioverantwoordelijke voor ${branding.cardSystemName}${support}.`;
}

/** The helpdesk addresses: the central helpdesk, then the region's own ("info@uitpas.be of uitpasmeetjesland@comeet.be"). */
export function helpdeskAddresses(branding: Branding): string[] {
  return [...new Set([branding.helpdeskEmail, branding.footerEmail].filter((address): address is string => !!address))];
}

/** The details of the demo card system (UiTPAS Meetjesland), as the manual's mail (p. 14) shows them. */
export const sampleBranding: Branding = {
  cardSystemName: "UiTPAS Meetjesland",
  brandColor: "#e6007e",
  brandTextColor: "#ffffff",
  logoUrl: "https://www.uitpasmeetjesland.be/logo.png",
  footerOrganisation: "COMEET",
  footerSupportedBy: "het Europees Landbouwfonds voor Plattelandsontwikkeling (Europa investeert in zijn platteland) en de provincie Oost-Vlaanderen",
  footerAddress: "Pastoor De Nevestraat 8, 9900 Eeklo",
  footerPhone: "09 373 75 96",
  footerEmail: "uitpasmeetjesland@comeet.be",
  helpdeskEmail: "info@uitpas.be",
  replyTo: "uitpasmeetjesland@comeet.be",
};
