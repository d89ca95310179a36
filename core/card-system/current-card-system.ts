import type { CardSystem } from "@prisma/client";
import type { Db } from "../transaction.js";

/**
 * The card system a screen speaks for: the passholder's or the municipality's own, else the first one (a
 * deployment serves one region). Null only before any card system exists.
 */
export async function currentCardSystem(db: Db, of: { passholderId?: string; municipalityId?: number | null } = {}): Promise<CardSystem | null> {
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
