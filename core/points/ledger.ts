import type { PointsTransactionType } from "@prisma/client";
import { CardSystemError } from "../errors.js";
import type { Tx } from "../transaction.js";

export interface LedgerEntry {
  passholderId: string;
  type: PointsTransactionType;
  amount: number;
  checkinId?: string;
  redemptionId?: string;
  createdBy?: string;
  note?: string;
  at?: Date;
}

/**
 * Writes one ledger line and moves the cached balance with it, in the caller's transaction. The balance
 * only changes through here, and through a check-in's own statement (core/checkins/insert-checkin.ts), which
 * only adds; a debit that would go below zero is refused by the guarded UPDATE (and by a CHECK constraint behind it).
 */
export async function recordPoints(tx: Tx, entry: LedgerEntry): Promise<number> {
  const updated = await tx.$queryRaw<{ points: number }[]>`
    UPDATE "Passholder" SET "points" = "points" + ${entry.amount}, "updatedAt" = now()
    WHERE "id" = ${entry.passholderId}::uuid AND "points" + ${entry.amount} >= 0
    RETURNING "points"`;
  const balance = updated[0]?.points;
  if (balance === undefined) {
    const current = await tx.passholder.findUnique({ where: { id: entry.passholderId }, select: { points: true } });
    if (!current) throw new CardSystemError("PASSHOLDER_NOT_FOUND", { field: "passholderId" });
    throw new CardSystemError("NOT_ENOUGH_POINTS", { details: { balance: current.points, needed: -entry.amount } });
  }
  await tx.pointsTransaction.create({
    data: {
      passholderId: entry.passholderId,
      type: entry.type,
      amount: entry.amount,
      checkinId: entry.checkinId,
      redemptionId: entry.redemptionId,
      createdBy: entry.createdBy,
      note: entry.note,
      createdAt: entry.at,
    },
  });
  return balance;
}
