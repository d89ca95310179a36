/** The card system's look and footer, as every mail shows it. */
export interface Branding {
  cardSystemName: string;
  brandColor: string;
  brandTextColor: string;
  logoUrl: string | null;
  footerOrganisation: string | null;
  footerAddress: string | null;
  footerPhone: string | null;
  helpdeskEmail: string | null;
}

const HEX = /^#[0-9a-fA-F]{6}$/;

/** The branding of a card system row; colours fall back to readable defaults if someone stored nonsense. */
export function brandingOf(cardSystem: Omit<Branding, "cardSystemName"> & { name: string }): Branding {
  return {
    cardSystemName: cardSystem.name,
    brandColor: HEX.test(cardSystem.brandColor) ? cardSystem.brandColor : "#e6007e",
    brandTextColor: HEX.test(cardSystem.brandTextColor) ? cardSystem.brandTextColor : "#ffffff",
    logoUrl: cardSystem.logoUrl,
    footerOrganisation: cardSystem.footerOrganisation,
    footerAddress: cardSystem.footerAddress,
    footerPhone: cardSystem.footerPhone,
    helpdeskEmail: cardSystem.helpdeskEmail,
  };
}

export const sampleBranding: Branding = {
  cardSystemName: "UiTPAS Meetjesland",
  brandColor: "#e6007e",
  brandTextColor: "#ffffff",
  logoUrl: "https://www.uitpasmeetjesland.be/logo.png",
  footerOrganisation: "COMEET",
  footerAddress: "Stationsplein 3, 9900 Eeklo",
  footerPhone: "09 218 88 88",
  helpdeskEmail: "uitpasmeetjesland@comeet.be",
};
