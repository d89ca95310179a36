import type { PointsTransactionType } from "@prisma/client";
import { momentText, plainQuery } from "../db/plain-query.js";
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
  nextBefore?: HistoryCursor;
}

/** Where a page of history ends: lines sort by time and then id, so lines of the same moment are never skipped. */
export interface HistoryCursor {
  at: Date;
  id: string;
}

/** One row per ledger line, or a single row without one when the passholder has none yet. */
type OverviewRow = (Omit<PointsHistoryEntry, "at"> & { at: string } | { id: null }) & { balance: number };

/** A passholder's balance and ledger lines (check-ins, exchanges, corrections), newest first. */
export async function pointsOverview(db: Db, input: { passholderId: string; limit?: number; before?: HistoryCursor }): Promise<PointsOverview> {
  const passholderId = requireUuid(input.passholderId, "passholderId", "PASSHOLDER_NOT_FOUND");
  const limit = Math.min(Math.max(input.limit ?? 50, 1), 200);
  const params: unknown[] = [passholderId, limit + 1];
  // createdAt is stored as UTC without a zone: compare in UTC whatever the session's time zone.
  const before = input.before
    ? `AND (t."createdAt", t."id") < ($3::timestamptz AT TIME ZONE 'UTC', $4::uuid)`
    : "";
  if (input.before) params.push(input.before.at.toISOString(), requireUuid(input.before.id, "before", "VALIDATION"));
  // One round trip on the portal's busiest page, over the driver itself. The lookups sit in laterals of their own
  // (OFFSET 0 keeps them apart) so planning stays small next to running it.
  const rows = await plainQuery<OverviewRow>(
    db,
    `SELECT p."points" AS "balance", t."id"::text AS "id", ${momentText('t."createdAt"')} AS "at", t."type"::text AS "type", t."amount",
      COALESCE(ck."what", rd."what", t."note", '') AS "what", COALESCE(ck."where", rd."where") AS "where"
    FROM "Passholder" p
    LEFT JOIN LATERAL (
      SELECT * FROM "PointsTransaction" t
      WHERE t."passholderId" = p."id" ${before}
      ORDER BY t."createdAt" DESC, t."id" DESC
      LIMIT $2
    ) t ON true
    LEFT JOIN LATERAL (
      SELECT e."name" AS "what", COALESCE(cc."name", pi."name", CASE WHEN c."channel" = 'QR' THEN 'QR-code' END) AS "where"
      FROM "Checkin" c
      JOIN "Event" e ON e."id" = c."eventId"
      LEFT JOIN "Counter" cc ON cc."id" = c."counterId"
      LEFT JOIN "Pillar" pi ON pi."id" = c."pillarId"
      WHERE c."id" = t."checkinId"
      OFFSET 0
    ) ck ON true
    LEFT JOIN LATERAL (
      SELECT a."title" AS "what", COALESCE(rc."name", CASE WHEN r."channel" = 'ONLINE' THEN 'online' END) AS "where"
      FROM "Redemption" r
      JOIN "Advantage" a ON a."id" = r."advantageId"
      LEFT JOIN "Counter" rc ON rc."id" = r."counterId"
      WHERE r."id" = t."redemptionId"
      OFFSET 0
    ) rd ON true
    WHERE p."id" = $1::uuid
    ORDER BY t."createdAt" DESC, t."id" DESC`,
    params,
  );
  const [first] = rows;
  if (!first) throw new CardSystemError("PASSHOLDER_NOT_FOUND", { field: "passholderId" });
  const lines = rows.filter((row) => row.id !== null);
  const entries = lines.slice(0, limit).map(({ id, at, type, amount, what, where }): PointsHistoryEntry => ({ id, at: new Date(at), type, amount, what, where }));
  return { balance: first.balance, entries, nextBefore: lines.length > limit ? cursorOf(entries.at(-1)!) : undefined };
}

function cursorOf(entry: PointsHistoryEntry): HistoryCursor {
  return { at: entry.at, id: entry.id };
}
