import { CardSystemError } from "../errors.js";
import type { Tx } from "../transaction.js";

/**
 * Locks the passholder's row until the transaction ends. Rules that count a passholder's earlier actions
 * (per-user limits, MIA ticket constraint, points) take this lock first, so concurrent requests for one
 * passholder are serialised by the database and each sees the other's rows. A check-in needs none: its unique
 * slot index does that job (core/checkins/insert-checkin.ts).
 */
export async function lockPassholder(tx: Tx, passholderId: string): Promise<{ id: string; points: number }> {
  const rows = await tx.$queryRaw<{ id: string; points: number }[]>`
    SELECT "id", "points" FROM "Passholder" WHERE "id" = ${passholderId}::uuid FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new CardSystemError("PASSHOLDER_NOT_FOUND", { field: "passholderId" });
  return row;
}
