import type { Db } from "../core/transaction.js";
import type { Checkin, PointsTransaction, Redemption } from "@prisma/client";
import type { SqlRunner } from "../core/db/database.js";
import { inChunks } from "./chunks.js";
import type { Random } from "./random.js";

/** The ledger lines behind the history: +points per check-in, − for corrections and exchanges, + for removed exchanges. */
export interface LedgerActors {
  checkin(checkin: Checkin): string;
  redemption(redemption: Redemption): string;
}

/** Readable createdBy values: the counter, the pillar, or the passholder (QR code, online). */
export function demoLedgerActors(counterNames: Map<number, string>, pillarCids: Map<number, string>): LedgerActors {
  return {
    checkin: (checkin) =>
      checkin.channel === "PILLAR" ? `zuil ${pillarCids.get(checkin.pillarId!)}` : checkin.channel === "QR" ? "pashouder (QR-code)" : `balie ${counterNames.get(checkin.counterId!)}`,
    redemption: (redemption) => (redemption.channel === "ONLINE" ? "pashouder (online)" : `balie ${counterNames.get(redemption.counterId!)}`),
  };
}

export function ledgerRows(random: Random, checkins: Checkin[], redemptions: Redemption[], actors: LedgerActors): PointsTransaction[] {
  const rows: PointsTransaction[] = [];
  const line = (row: Omit<PointsTransaction, "id" | "note" | "checkinId" | "redemptionId"> & Partial<PointsTransaction>) =>
    rows.push({ id: random.uuid(), note: null, checkinId: null, redemptionId: null, ...row });
  for (const checkin of checkins) {
    line({ passholderId: checkin.passholderId, type: "CHECKIN", amount: checkin.points, checkinId: checkin.id, createdAt: checkin.checkedInAt, createdBy: actors.checkin(checkin) });
    if (checkin.corrected) {
      line({
        passholderId: checkin.passholderId,
        type: "CHECKIN_CORRECTION",
        amount: -checkin.points,
        checkinId: checkin.id,
        createdAt: checkin.correctedAt!,
        createdBy: checkin.correctedBy,
        note: checkin.correctionReason,
      });
    }
  }
  for (const redemption of redemptions.filter((entry) => entry.points > 0)) {
    line({ passholderId: redemption.passholderId, type: "REDEMPTION", amount: -redemption.points, redemptionId: redemption.id, createdAt: redemption.redeemedAt, createdBy: actors.redemption(redemption) });
    if (redemption.removedAt) {
      line({
        passholderId: redemption.passholderId,
        type: "REDEMPTION_REMOVAL",
        amount: redemption.points,
        redemptionId: redemption.id,
        createdAt: redemption.removedAt,
        createdBy: redemption.removedBy,
        note: redemption.removalReason,
      });
    }
  }
  return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

export async function insertLedger(prisma: Db, rows: PointsTransaction[]): Promise<void> {
  await inChunks(rows, 1000, (chunk) => prisma.pointsTransaction.createMany({ data: chunk }));
}

/** Sets each passholder's balance to the sum of their ledger lines; `range` limits it to passholder ids in [from, to]. */
export async function syncPointsWithLedger(db: SqlRunner, range?: { from: string; to: string }): Promise<void> {
  const where = range ? `WHERE "passholderId" BETWEEN $1::uuid AND $2::uuid` : "";
  await db.query(
    `UPDATE "Passholder" p SET "points" = l.total
     FROM (SELECT "passholderId", sum("amount")::int AS total FROM "PointsTransaction" ${where} GROUP BY "passholderId") l
     WHERE p."id" = l."passholderId" AND p."points" <> l.total`,
    range ? [range.from, range.to] : [],
  );
}
