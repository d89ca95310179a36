import type { CardSystem } from "@prisma/client";
import type { BrandingSettings } from "../../templates/branding.js";
import { plainQuery } from "../db/plain-query.js";
import type { Db } from "../transaction.js";

/**
 * The card system a screen speaks for: the passholder's or the municipality's own, else the first one (a
 * deployment serves one region). Null only before any card system exists.
 */
export async function currentCardSystem(
  db: Db,
  of: { passholderId?: string; municipalityId?: number | null } = {},
): Promise<CardSystem | null> {
  if (of.passholderId) {
    const passholder = await db.passholder.findUnique({ where: { id: of.passholderId }, select: { cardSystem: true } });
    if (passholder) return passholder.cardSystem;
  }
  if (of.municipalityId) {
    const municipality = await db.municipality.findUnique({ where: { id: of.municipalityId }, select: { cardSystem: true } });
    if (municipality) return municipality.cardSystem;
  }
  return db.cardSystem.findFirst({ orderBy: { id: "asc" } });
}

const BRANDING_COLUMNS: ReadonlyArray<keyof BrandingSettings> = [
  "name",
  "brandColor",
  "brandTextColor",
  "logoUrl",
  "footerOrganisation",
  "footerSupportedBy",
  "footerAddress",
  "footerPhone",
  "footerEmail",
  "helpdeskEmail",
  "replyToEmail",
  "coordinatorEmail",
];

/**
 * The branding settings of a portal page: the card system the session remembered, in one plain statement
 * (every signed-in page reads it) and only while it is still the passholder's; otherwise as currentCardSystem.
 */
export async function brandingSettingsOf(db: Db, of: { passholderId?: string; cardSystemId?: number }): Promise<BrandingSettings | null> {
  if (of.passholderId && of.cardSystemId !== undefined) {
    const [remembered] = await plainQuery<Record<string, unknown> & BrandingSettings>(
      db,
      `SELECT ${BRANDING_COLUMNS.map((column) => `s."${column}"`).join(", ")} FROM "CardSystem" s
WHERE s."id" = $1 AND EXISTS (SELECT 1 FROM "Passholder" p WHERE p."id" = $2::uuid AND p."cardSystemId" = s."id")`,
      [of.cardSystemId, of.passholderId],
    );
    if (remembered) return remembered;
  }
  return currentCardSystem(db, { passholderId: of.passholderId });
}
