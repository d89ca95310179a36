import { brandingSettingsOf } from "../../../core/card-system/current-card-system.js";
import { brandingOf, type Branding } from "../../../templates/branding.js";

const known = new WeakMap<object, Promise<Branding | null>>();

/**
 * The card system's name, footer and contact details, read from the same settings as the mails (once per
 * request); null on the pages built ahead (404, 500), which have no database.
 */
export function portalBranding(locals: Partial<App.Locals> | undefined): Promise<Branding | null> {
  if (!locals?.db) return Promise.resolve(null);
  let branding = known.get(locals);
  if (!branding) {
    branding = brandingSettingsOf(locals.db.prisma, { passholderId: locals.passholderId, cardSystemId: locals.cardSystemId }).then((settings) => settings && brandingOf(settings));
    known.set(locals, branding);
  }
  return branding;
}

/** "09 373 75 96" → "tel:+3293737596". */
export function telHref(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, "");
  return `tel:${digits.startsWith("0") ? `+32${digits.slice(1)}` : digits}`;
}
