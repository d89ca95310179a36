// Names on screen, as the administrators' manual uses them.

export type Bilingual = { nl: string; en: string };

export const navigationGroups = {
  passholders: { nl: "Pashouders en kaarten", en: "Passholders and cards" },
  activities: { nl: "Activiteiten", en: "Activities" },
  advantages: { nl: "Voordelen en coupons", en: "Advantages and coupons" },
  counters: { nl: "Balies en zuilen", en: "Counters and pillars" },
  region: { nl: "Regio", en: "Region" },
  management: { nl: "Beheer", en: "Management" },
} satisfies Record<string, Bilingual>;

export type NavigationGroup = keyof typeof navigationGroups;

export interface ResourcePresentation extends Bilingual {
  /** Sidebar group; null keeps the resource out of the sidebar. */
  group: NavigationGroup | null;
  icon?: string;
}

export const resourcePresentation: Record<string, ResourcePresentation> = {
  Passholder: { nl: "Pashouders", en: "Passholders", group: "passholders", icon: "Users" },
  Card: { nl: "Kaarten", en: "Cards", group: "passholders", icon: "CreditCard" },
  PointsTransaction: { nl: "Puntentransacties", en: "Points transactions", group: "passholders", icon: "List" },
  Event: { nl: "Evenementen", en: "Events", group: "activities", icon: "Calendar" },
  Checkin: { nl: "Check-ins", en: "Check-ins", group: "activities", icon: "CheckSquare" },
  TicketSale: { nl: "Toegekende kansentarieven", en: "Granted reduced tariffs", group: "activities", icon: "Tag" },
  Advantage: { nl: "Voordelen", en: "Advantages", group: "advantages", icon: "Gift" },
  Redemption: { nl: "Opgenomen voordelen", en: "Redeemed advantages", group: "advantages", icon: "ShoppingBag" },
  AdvantageCode: { nl: "Kortingscodes", en: "Discount codes", group: "advantages" },
  AdvantageCounter: { nl: "Balies per voordeel", en: "Counters per advantage", group: "advantages" },
  AdvantageMunicipality: { nl: "Gemeenten per voordeel", en: "Municipalities per advantage", group: "advantages" },
  Coupon: { nl: "Coupons", en: "Coupons", group: "advantages", icon: "Percent" },
  CouponGrant: { nl: "Toegekende coupons", en: "Granted coupons", group: "advantages" },
  CouponUse: { nl: "Gebruikte coupons", en: "Used coupons", group: "advantages" },
  Counter: { nl: "Balies", en: "Counters", group: "counters", icon: "Home" },
  CounterStaff: { nl: "Baliemedewerkers", en: "Counter staff", group: "counters" },
  Pillar: { nl: "Zuilen", en: "Pillars", group: "counters", icon: "Monitor" },
  PillarCounter: { nl: "Balies per zuil", en: "Counters per pillar", group: "counters" },
  CardSystem: { nl: "Kaartsystemen", en: "Card systems", group: "region", icon: "Layers" },
  Municipality: { nl: "Gemeenten", en: "Municipalities", group: "region", icon: "Map" },
  SubMunicipality: { nl: "Deelgemeenten", en: "Sub-municipalities", group: "region" },
  Provider: { nl: "Aanbieders", en: "Providers", group: "region", icon: "Briefcase" },
  User: { nl: "Gebruikers", en: "Users", group: "management", icon: "UserCheck" },
  EmailMessage: { nl: "Uitgaande mails", en: "Outgoing mail", group: "management", icon: "Mail" },
  AuditLog: { nl: "Audit", en: "Audit", group: "management", icon: "Eye" },
  Session: { nl: "Sessies", en: "Sessions", group: null },
  RateLimit: { nl: "Aanvraaglimieten", en: "Rate limits", group: null },
};

