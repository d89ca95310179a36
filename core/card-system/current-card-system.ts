import type { CardSystem } from "@prisma/client";
import type { Db } from "../transaction.js";

/**
 * The card system a screen speaks for: the passholder's or the municipality's own, else the first one (a
 * deployment serves one region). Null only before any card system exists.
 */
export async function currentCardSystem(
  db: Db,
  of: { passholderId?: string; municipalityId?: number | null; cardSystemId?: number } = {},
): Promise<CardSystem | null> {
  if (of.passholderId && of.cardSystemId !== undefined) {
    // The card system a session remembered, in one statement, and only while it is still the passholder's.
    const remembered = await db.cardSystem.findFirst({ where: { id: of.cardSystemId, passholders: { some: { id: of.passholderId } } } });
    if (remembered) return remembered;
  }
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
