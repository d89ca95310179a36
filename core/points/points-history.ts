import type { PointsTransactionType } from "@prisma/client";
import { CardSystemError } from "../errors.js";
import type { Db } from "../transaction.js";
import { requireUuid } from "../validation/ids.js";

export interface PointsHistoryEntry {
  id: string;
  at: Date;
  type: PointsTransactionType;
  amount: number;
  /** What it was for: the event's or the advantage's name. */
  what: string;
  /** Where: the counter, the pillar, or "online"/"QR-code". */
  where: string | null;
}

export interface PointsOverview {
  balance: number;
  entries: PointsHistoryEntry[];
  /** Pass as `before` to read the next page. */
  nextBefore?: Date;
}

/** A passholder's balance and ledger lines (check-ins, exchanges, corrections), newest first. */
export async function pointsOverview(db: Db, input: { passholderId: string; limit?: number; before?: Date }): Promise<PointsOverview> {
  const passholderId = requireUuid(input.passholderId, "passholderId", "PASSHOLDER_NOT_FOUND");
  const limit = Math.min(Math.max(input.limit ?? 50, 1), 200);
  const passholder = await db.passholder.findUnique({ where: { id: passholderId }, select: { points: true } });
  if (!passholder) throw new CardSystemError("PASSHOLDER_NOT_FOUND", { field: "passholderId" });
  const rows = await db.pointsTransaction.findMany({
    where: { passholderId, ...(input.before ? { createdAt: { lt: input.before } } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    include: {
      checkin: { select: { channel: true, event: { select: { name: true } }, counter: { select: { name: true } }, pillar: { select: { name: true } } } },
      redemption: { select: { channel: true, advantage: { select: { title: true } }, counter: { select: { name: true } } } },
    },
  });
  const entries = rows.slice(0, limit).map((row): PointsHistoryEntry => {
    const { checkin, redemption } = row;
    return {
      id: row.id,
      at: row.createdAt,
      type: row.type,
      amount: row.amount,
      what: checkin?.event.name ?? redemption?.advantage.title ?? row.note ?? "",
      where: checkin
        ? (checkin.counter?.name ?? checkin.pillar?.name ?? (checkin.channel === "QR" ? "QR-code" : null))
        : redemption
          ? (redemption.counter?.name ?? (redemption.channel === "ONLINE" ? "online" : null))
          : null,
    };
  });
  return { balance: passholder.points, entries, nextBefore: rows.length > limit ? entries.at(-1)?.at : undefined };
}
