import type { Card } from "@prisma/client";
import type { Db } from "../transaction.js";
import { requireUuid } from "../validation/ids.js";

/** All cards a passholder ever had, newest first, with where they were issued. */
export function cardHistory(db: Db, passholderId: string): Promise<(Card & { issuedAtCounter: { name: string } | null })[]> {
  return db.card.findMany({
    where: { passholderId: requireUuid(passholderId, "passholderId", "PASSHOLDER_NOT_FOUND") },
    orderBy: [{ issuedAt: "desc" }, { id: "desc" }],
    include: { issuedAtCounter: { select: { name: true } } },
  });
}
