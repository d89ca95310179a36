import type { Db } from "../transaction.js";
import { requireUuid } from "../validation/ids.js";

export interface RedeemedAdvantage {
  id: string;
  title: string;
  kind: "WELCOME" | "EXCHANGE";
  redeemedAt: Date;
  points: number;
  /** Where it was taken: the counter, or online. */
  where: string;
  code?: string;
  onlineUrl?: string;
  removed: boolean;
}

/** The passholder's own redeemed advantages, newest first, with the unique code or link they received. */
export async function redeemedAdvantages(db: Db, input: { passholderId: string; redemptionId?: string; limit?: number }): Promise<RedeemedAdvantage[]> {
  const passholderId = requireUuid(input.passholderId, "passholderId", "PASSHOLDER_NOT_FOUND");
  const rows = await db.redemption.findMany({
    where: { passholderId, ...(input.redemptionId ? { id: requireUuid(input.redemptionId, "redemptionId", "REDEMPTION_NOT_FOUND") } : {}) },
    orderBy: [{ redeemedAt: "desc" }, { id: "desc" }],
    take: input.limit ?? 50,
    include: { advantage: { select: { title: true, onlineUrl: true } }, counter: { select: { name: true } }, code: { select: { code: true } } },
  });
  return rows.map((row) => ({
    id: row.id,
    title: row.advantage.title,
    kind: row.kind,
    redeemedAt: row.redeemedAt,
    points: row.points,
    where: row.counter?.name ?? "online",
    code: row.code?.code,
    onlineUrl: row.channel === "ONLINE" ? (row.advantage.onlineUrl ?? undefined) : undefined,
    removed: row.status === "REMOVED",
  }));
}
