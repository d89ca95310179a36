import type { CheckinChannel } from "@prisma/client";
import { plainQuery } from "../db/plain-query.js";
import type { Db } from "../transaction.js";

export interface CheckinRow {
  eventId: string;
  /** The event's card system: a passholder saves points only in their own. */
  cardSystemId: number;
  passholderId: string;
  /** The card scanned at a counter or pillar; without it, the passholder's active card. */
  cardId?: number;
  counterId?: number;
  pillarId?: number;
  channel: CheckinChannel;
  points: number;
  periodKey: string;
  /** The event's limit of check-ins per period. */
  limit: number;
  at: Date;
  createdBy: string;
}

export type CheckinWrite =
  | { outcome: "SAVED"; checkinId: string; balance: number }
  /** The card is no longer active (or the passholder has no active card): the caller says why. */
  | { outcome: "NO_ACTIVE_CARD" }
  /** The passholder belongs to another card system than the event. */
  | { outcome: "OTHER_CARD_SYSTEM" }
  | { outcome: "LIMIT_REACHED" }
  /** Another check-in took the same slot at the same moment: trying again counts it. */
  | { outcome: "SLOT_TAKEN" };

interface Row extends Record<string, unknown> {
  cardId: number | null;
  cardSystemId: number | null;
  taken: number;
  checkinId: string | null;
  balance: number | null;
}

/**
 * The check-in, its ledger line and the new balance in one statement (one round trip): the check-in takes the
 * next slot of its period only while the period has room, and the unique slot index makes two check-ins that
 * counted at the same moment collide, so the limit holds exactly without a lock taken beforehand. The balance moves
 * by the UPDATE, which waits for any other change of this passholder's points.
 */
export async function insertCheckin(db: Db, row: CheckinRow): Promise<CheckinWrite> {
  const at = row.at.toISOString();
  const [result] = await plainQuery<Row>(
    db,
    `WITH card AS (
  SELECT c."id", p."cardSystemId" FROM "Card" c JOIN "Passholder" p ON p."id" = c."passholderId"
  WHERE c."passholderId" = $2::uuid AND c."status" = 'ACTIVE' AND ($10::int IS NULL OR c."id" = $10::int)
  ORDER BY c."issuedAt" DESC LIMIT 1
),
taken AS (
  SELECT count(*)::int AS "count", COALESCE(max("slot"), 0) AS "top" FROM "Checkin"
  WHERE "eventId" = $1::uuid AND "passholderId" = $2::uuid AND "periodKey" = $3 AND NOT "corrected"
),
saved AS (
  INSERT INTO "Checkin" ("id", "eventId", "passholderId", "cardId", "counterId", "pillarId", "channel", "points", "periodKey", "slot", "checkedInAt")
  SELECT gen_random_uuid(), $1::uuid, $2::uuid, card."id", $4, $5, $6::"CheckinChannel", $7, $3, taken."top" + 1, $8::timestamptz AT TIME ZONE 'UTC'
  FROM card, taken WHERE taken."count" < $9 AND card."cardSystemId" = $12
  ON CONFLICT ("eventId", "passholderId", "periodKey", "slot") WHERE NOT "corrected" DO NOTHING
  RETURNING "id"
),
balance AS (
  UPDATE "Passholder" SET "points" = "points" + $7, "updatedAt" = now()
  WHERE "id" = $2::uuid AND EXISTS (SELECT 1 FROM saved)
  RETURNING "points"
),
ledger AS (
  INSERT INTO "PointsTransaction" ("id", "passholderId", "type", "amount", "checkinId", "createdAt", "createdBy")
  SELECT gen_random_uuid(), $2::uuid, 'CHECKIN', $7, saved."id", $8::timestamptz AT TIME ZONE 'UTC', $11 FROM saved
)
SELECT (SELECT "id" FROM card) AS "cardId", (SELECT "cardSystemId" FROM card) AS "cardSystemId", (SELECT "count" FROM taken) AS "taken",
  (SELECT "id"::text FROM saved) AS "checkinId", (SELECT "points" FROM balance) AS "balance"`,
    [
      row.eventId,
      row.passholderId,
      row.periodKey,
      row.counterId ?? null,
      row.pillarId ?? null,
      row.channel,
      row.points,
      at,
      row.limit,
      row.cardId ?? null,
      row.createdBy,
      row.cardSystemId,
    ],
  );
  if (!result || result.cardId === null) return { outcome: "NO_ACTIVE_CARD" };
  if (result.cardSystemId !== row.cardSystemId) return { outcome: "OTHER_CARD_SYSTEM" };
  if (result.checkinId !== null) return { outcome: "SAVED", checkinId: result.checkinId, balance: result.balance! };
  return result.taken >= row.limit ? { outcome: "LIMIT_REACHED" } : { outcome: "SLOT_TAKEN" };
}
