// Names on screen, as the administrators' manual uses them.

export type Bilingual = { nl: string; en: string };

// Grouped as the manual's chapters: p. 7, p. 8, p. 9–10, p. 11–12, p. 13, and the regional management.
export const navigationGroups = {
  passholders: { nl: "Pashouders en activiteiten", en: "Passholders and activities" },
  redeemed: { nl: "Coupons en opgenomen voordelen", en: "Coupons and redeemed advantages" },
  advantages: { nl: "Voordelen", en: "Advantages" },
  counters: { nl: "Balies en zuilen", en: "Counters and pillars" },
  region: { nl: "Aanbieders en regio", en: "Providers and region" },
  management: { nl: "Beheer", en: "Management" },
} satisfies Record<string, Bilingual>;

export type NavigationGroup = keyof typeof navigationGroups;

export interface ResourcePresentation extends Bilingual {
  /** Sidebar group; null keeps the resource out of the sidebar. */
  group: NavigationGroup | null;
  icon?: string;
}

/** Every screen (resource id) in sidebar order. */
export const resourcePresentation: Record<string, ResourcePresentation> = {
  Passholder: { nl: "Pashouders", en: "Passholders", group: "passholders", icon: "Users" },
  Card: { nl: "Kaarten", en: "Cards", group: "passholders", icon: "CreditCard" },
  Checkin: { nl: "Check-ins", en: "Check-ins", group: "passholders", icon: "CheckSquare" },
  Event: { nl: "Evenementen", en: "Events", group: "passholders", icon: "Calendar" },
  TicketSale: { nl: "Toegekende kansentarieven", en: "Granted reduced tariffs", group: "passholders", icon: "Tag" },
  PointsTransaction: { nl: "Puntentransacties", en: "Points transactions", group: "passholders", icon: "List" },
  Coupon: { nl: "Coupons", en: "Coupons", group: "redeemed", icon: "Percent" },
  CouponGrant: { nl: "Toegekende coupons", en: "Granted coupons", group: "redeemed" },
  CouponUse: { nl: "Gebruikte coupons", en: "Used coupons", group: "redeemed" },
  Redemption: { nl: "Opgenomen voordelen", en: "Redeemed advantages", group: "redeemed", icon: "ShoppingBag" },
  WelcomeAdvantage: { nl: "Welkomstvoordelen", en: "Welcome advantages", group: "advantages", icon: "Gift" },
  ExchangeAdvantage: { nl: "Omruilvoordelen", en: "Exchange advantages", group: "advantages", icon: "RefreshCw" },
  AdvantageCode: { nl: "Unieke codes", en: "Unique codes", group: "advantages" },
  // Chosen on the advantage itself (its counters and "geldig voor inwoners van"); out of the sidebar, still reachable.
  AdvantageCounter: { nl: "Balies per voordeel", en: "Counters per advantage", group: null },
  AdvantageMunicipality: { nl: "Geldig voor inwoners van", en: "Valid for residents of", group: null },
  // Both kinds together, out of the sidebar: what a redemption or code refers to.
  Advantage: { nl: "Voordelen", en: "Advantages", group: null },
  Counter: { nl: "Balies", en: "Counters", group: "counters", icon: "Home" },
  CounterStaff: { nl: "Baliemedewerkers", en: "Counter staff", group: "counters" },
  Pillar: { nl: "Zuilen", en: "Pillars", group: "counters", icon: "Monitor" },
  PillarCounter: { nl: "Balies per zuil", en: "Counters per pillar", group: "counters" },
  Provider: { nl: "Aanbieders", en: "Providers", group: "region", icon: "Briefcase" },
  ProviderAgreement: { nl: "Samenwerkingsovereenkomsten", en: "Cooperation agreements", group: "region" },
  Municipality: { nl: "Gemeenten", en: "Municipalities", group: "region", icon: "Map" },
  SubMunicipality: { nl: "Deelgemeenten", en: "Sub-municipalities", group: "region" },
  CardSystem: { nl: "Kaartsystemen", en: "Card systems", group: "region", icon: "Layers" },
  User: { nl: "Gebruikers", en: "Users", group: "management", icon: "UserCheck" },
  EmailMessage: { nl: "Uitgaande mails", en: "Outgoing mail", group: "management", icon: "Mail" },
  AuditLog: { nl: "Audit", en: "Audit", group: "management", icon: "Eye" },
  Session: { nl: "Sessies", en: "Sessions", group: null },
  RateLimit: { nl: "Aanvraaglimieten", en: "Rate limits", group: null },
  PortalSignInToken: { nl: "Aanmeldlinks portaal", en: "Portal sign-in links", group: null },
  StaffTwoFactor: { nl: "Tweestapsverificatie", en: "Two-factor sign-in", group: null },
};
