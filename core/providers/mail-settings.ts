import { CardSystemError } from "../errors.js";

/** Where each setting a provider mail needs is filled in, in Dutch. */
const labels = {
  uitidEmail: () => "het UiTID-mailadres van de aanbieder",
  contactEmail: (municipality: string) => `het adres van de lokale verantwoordelijke bij de gemeente ${municipality}`,
  coordinatorEmail: () => "het e-mailadres van de regioverantwoordelijke (kaartsysteem)",
  providerManualUrl: () => "de link naar de handleiding voor aanbieders (kaartsysteem)",
  bannerUrl: () => "de link naar de banner (kaartsysteem)",
  newsletterUrl: () => "de link naar de nieuwsbrief voor aanbieders (kaartsysteem)",
};

type Setting = keyof typeof labels;

/** Returns the values when all are filled in; otherwise refuses, naming in Dutch where each missing one is set. */
export function requireSettings<K extends Setting>(municipality: string, settings: Record<K, string | null | undefined>): Record<K, string> {
  const missing = (Object.keys(settings) as K[]).filter((key) => !settings[key]?.trim());
  if (missing.length > 0) {
    throw new CardSystemError("MAIL_SETTINGS_MISSING", {
      field: missing[0],
      message: `Voor deze mail ontbreekt nog: ${missing.map((key) => labels[key](municipality)).join("; ")}.`,
    });
  }
  return settings as Record<K, string>;
}
