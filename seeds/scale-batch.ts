import type { SqlRunner } from "../core/db/database.js";
import { defaultKansenstatuutEnd } from "../core/time/periods.js";
import { syncPointsWithLedger } from "./demo-ledger.js";
import type { ScaleContext } from "./scale-setup.js";
import { cardNumberSql, hashSql, periodKeySql, SCALE_CARD_PREFIX, scaleIds, scaleUuid, scaleUuidSql, siblingUuidSql, timestampSql } from "./scale-sql.js";

/** Check-ins per benchmark passholder: 10 to 20. */
export const MIN_CHECKINS = 10;
const EXTRA_CHECKINS = 11;
/** Check-in ids are seq * 32 + j: room for up to 32 check-ins per passholder. */
const CHECKIN_SLOTS = 32;

export interface BatchCounts {
  passholders: number;
  cards: number;
  checkins: number;
  ledger: number;
  tickets: number;
  redemptions: number;
}

export interface BatchInput {
  /** Passholder sequence numbers [from, to]. */
  from: number;
  to: number;
  now: Date;
  /** Past benchmark events, numbered 1..pastEvents in time order (temp table scale_past). */
  pastEvents: number;
  advantage: { id: number; points: number };
}

async function insertCount(db: SqlRunner, insert: string, params: unknown[] = []): Promise<number> {
  const [row] = await db.query<{ n: number }>(`WITH inserted AS (${insert} RETURNING 1) SELECT count(*)::int AS n FROM inserted`, params);
  return row!.n;
}

/**
 * One batch of benchmark passholders with their card, 10–20 check-ins on distinct past events (after their
 * registration), the ledger, kansentarief tickets for MIA passholders and a redemption for one in ten.
 * Set-based: a handful of INSERT … SELECT statements, in one transaction.
 */
export async function insertScaleBatch(db: SqlRunner, context: ScaleContext, input: BatchInput): Promise<BatchCounts> {
  const { from, to, now, pastEvents } = input;
  const checkinRange = [scaleUuid(scaleIds.checkin, from * CHECKIN_SLOTS), scaleUuid(scaleIds.checkin, to * CHECKIN_SLOTS + CHECKIN_SLOTS - 1)];
  await db.exec("BEGIN");
  try {
    // Registered some days before their first event; the first event is anywhere but the last 40.
    await db.query(
      `CREATE TEMP TABLE scale_batch ON COMMIT DROP AS
       SELECT s.*, ${scaleUuidSql(scaleIds.passholder, "s.seq")} AS id,
              e."startsAt" - (1 + ${hashSql("s.seq", "reg", 20)}) * interval '1 day' - ${hashSql("s.seq", "regmin", 600)} * interval '1 minute' AS registered_at
       FROM (SELECT seq,
                    1 + ${hashSql("seq", "lo", pastEvents - 40)}::int AS lo,
                    ${MIN_CHECKINS} + ${hashSql("seq", "k", EXTRA_CHECKINS)}::int AS k,
                    ${hashSql("seq", "u", 1000)} / 1000.0 AS u,
                    ${hashSql("seq", "mia", 5)} = 0 AS mia,
                    1 + ${hashSql("seq", "first", context.names.first.length)}::int AS first,
                    1 + ${hashSql("seq", "last", context.names.last.length)}::int AS last,
                    1 + ${hashSql("seq", "place", context.places.length)}::int AS place
             FROM generate_series($1::int, $2::int) AS seq) AS s
       JOIN scale_past e ON e.idx = s.lo`,
      [from, to],
    );
    await db.exec("ANALYZE scale_batch");
    const counts: BatchCounts = { passholders: 0, cards: 0, checkins: 0, ledger: 0, tickets: 0, redemptions: 0 };
    counts.passholders = await insertPassholders(db, context, now);
    counts.cards = await insertCount(
      db,
      `INSERT INTO "Card" (number, "passholderId", type, status, "issueReason", "issuedAt", "issuedAtCounterId")
       SELECT ${cardNumberSql(`'${SCALE_CARD_PREFIX}' || lpad(b.seq::text, 8, '0')`)}, b.id, 'PHYSICAL', 'ACTIVE', 'FIRST_CARD', b.registered_at, p."registeredAtCounterId"
       FROM scale_batch b JOIN "Passholder" p ON p.id = b.id`,
    );
    counts.checkins = await insertCheckins(db, pastEvents);
    counts.ledger = await insertCount(
      db,
      `INSERT INTO "PointsTransaction" (id, "passholderId", type, amount, "checkinId", "createdAt", "createdBy")
       SELECT ${siblingUuidSql(scaleIds.ledger, "c.id")}, c."passholderId", 'CHECKIN', c.points, c.id, c."checkedInAt",
              CASE WHEN c.channel = 'QR' THEN 'pashouder (QR-code)' ELSE 'balie' END
       FROM "Checkin" c WHERE c.id BETWEEN $1 AND $2`,
      checkinRange,
    );
    counts.tickets = await insertTickets(db, context, checkinRange);
    counts.redemptions = await insertRedemptions(db, input);
    counts.ledger += counts.redemptions;
    await syncPointsWithLedger(db, { from: scaleUuid(scaleIds.passholder, from), to: scaleUuid(scaleIds.passholder, to) });
    await db.exec("COMMIT");
    return counts;
  } catch (error) {
    await db.exec("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

function insertPassholders(db: SqlRunner, context: ScaleContext, now: Date): Promise<number> {
  const { names, places } = context;
  return insertCount(
    db,
    `INSERT INTO "Passholder" (id, "cardSystemId", "firstName", "lastName", "birthDate", gender, email, street, "houseNumber",
                               "postalCode", city, "municipalityId", "kansenstatuutStart", "kansenstatuutEnd", points,
                               "registeredAt", "registeredAtCounterId", "createdAt", "updatedAt")
     SELECT b.id, $1, ($2::text[])[b.first], ($5::text[])[b.last],
            date '1935-01-01' + ${hashSql("b.seq", "birth", 29_000)}::int, ($4::text[])[b.first]::"Gender",
            CASE WHEN ${hashSql("b.seq", "mail", 2)} = 0 THEN ($3::text[])[b.first] || '.' || ($6::text[])[b.last] || '.' || b.seq || '@example.com' END,
            ($7::text[])[1 + ${hashSql("b.seq", "street", names.streets.length)}], (1 + ${hashSql("b.seq", "house", 150)})::text,
            ($8::text[])[b.place], ($9::text[])[b.place], ($10::int[])[b.place],
            CASE WHEN b.mia THEN b.registered_at::date END, CASE WHEN b.mia THEN $11::date END, 0,
            b.registered_at,
            CASE WHEN b.mia THEN ($12::int[])[1 + b.seq % array_length($12::int[], 1)] ELSE ($13::int[])[1 + b.seq % array_length($13::int[], 1)] END,
            b.registered_at, ${timestampSql(now)}
     FROM scale_batch b`,
    [
      context.cardSystemId,
      names.first,
      names.firstMail,
      names.gender,
      names.last,
      names.lastMail,
      names.streets,
      places.map((place) => place.postalCode),
      places.map((place) => place.city),
      places.map((place) => place.municipalityId),
      defaultKansenstatuutEnd(now).toISOString().slice(0, 10),
      context.authorisedCounterIds,
      context.registrationCounterIds,
    ],
  );
}

/** k distinct events per passholder: index lo + floor((j + u) · R / k) for j < k, with R ≥ k events left after lo. */
function insertCheckins(db: SqlRunner, pastEvents: number): Promise<number> {
  const n = `b.seq * ${CHECKIN_SLOTS} + j`;
  return insertCount(
    db,
    `INSERT INTO "Checkin" (id, "eventId", "passholderId", "cardId", "counterId", channel, points, "periodKey", slot, "checkedInAt")
     SELECT ${scaleUuidSql(scaleIds.checkin, n)}, e.id, b.id, c.id,
            CASE WHEN x.qr THEN NULL ELSE e."organiserCounterId" END, (CASE WHEN x.qr THEN 'QR' ELSE 'COUNTER' END)::"CheckinChannel",
            e.points, ${periodKeySql(`e."checkinLimitPeriod"`, "x.at")}, 1, x.at
     FROM scale_batch b
     JOIN "Card" c ON c."passholderId" = b.id AND c.status = 'ACTIVE'
     CROSS JOIN LATERAL generate_series(0, b.k - 1) AS j
     JOIN scale_past e ON e.idx = b.lo + floor((j + b.u) * (${pastEvents} - b.lo + 1) / b.k)::int
     CROSS JOIN LATERAL (SELECT e."startsAt" + (e."endsAt" - e."startsAt") * (${hashSql(n, "at", 1000)} / 1000.0) AS at,
                                ${hashSql(n, "qr", 5)} = 0 AS qr) AS x
     -- In event (= time) order: the event, time and slot indexes then grow in a few places instead of everywhere.
     ORDER BY e.idx, x.at`,
  );
}

/** Kansentarief for ~40% of MIA check-ins on events with a tariff, within each organiser's MIA limit. */
function insertTickets(db: SqlRunner, context: ScaleContext, checkinRange: string[]): Promise<number> {
  return insertCount(
    db,
    `INSERT INTO "TicketSale" (id, "eventId", "passholderId", "cardId", "counterId", "soldAt", "regularPriceCents", "tariffCents",
                               "keyParticipantPct", "keyOrganiserPct", "keyMunicipalityPct", "periodKey", status)
     SELECT id, "eventId", "passholderId", "cardId", "counterId", sold, price, tariff, kp, ko, km, key, 'ACTIVE'
     FROM (SELECT ${siblingUuidSql(scaleIds.ticket, "c.id")} AS id, c."eventId", c."passholderId", c."cardId", o.id AS "counterId", s.sold,
                  coalesce(e."priceCents", e."kansentariefCents") AS price, e."kansentariefCents" AS tariff,
                  coalesce(o."keyParticipantPct", $3) AS kp, coalesce(o."keyOrganiserPct", $4) AS ko, coalesce(o."keyMunicipalityPct", $5) AS km,
                  s.key, o."miaTicketLimit" AS lim,
                  row_number() OVER (PARTITION BY c."passholderId", o.id, s.key ORDER BY s.sold) AS rn
           FROM scale_batch b
           JOIN "Checkin" c ON c."passholderId" = b.id
           JOIN "Event" e ON e.id = c."eventId" AND e."kansentariefCents" IS NOT NULL
           JOIN "Counter" o ON o.id = e."organiserCounterId"
           CROSS JOIN LATERAL (SELECT c."checkedInAt" - interval '10 minutes' AS sold) AS s0
           CROSS JOIN LATERAL (SELECT s0.sold, ${periodKeySql(`o."miaTicketLimitPeriod"`, "s0.sold")} AS key) AS s
           WHERE b.mia AND c.id BETWEEN $1 AND $2 AND ${hashSql("c.id", "ticket", 5)} < 2) AS t
     WHERE lim IS NULL OR rn <= lim`,
    [...checkinRange, context.key.participant, context.key.organiser, context.key.municipality],
  );
}

/** One in ten passholders exchanges the advantage a day after the check-in that gave them enough points. */
async function insertRedemptions(db: SqlRunner, input: BatchInput): Promise<number> {
  const { advantage, now, from, to } = input;
  // Per passholder through its index: the check-in that brought the running total to the price.
  const inserted = await insertCount(
    db,
    `INSERT INTO "Redemption" (id, "advantageId", kind, "passholderId", "cardId", "counterId", channel, points, "periodKey", "redeemedAt", status)
     SELECT ${scaleUuidSql(scaleIds.redemption, "b.seq")}, $1, 'EXCHANGE', b.id, r."cardId", r."counterId", 'COUNTER', $2, 'all', r.at, 'ACTIVE'
     FROM scale_batch b
     CROSS JOIN LATERAL (
       SELECT h."cardId", e."organiserCounterId" AS "counterId", h."checkedInAt" + interval '1 day' AS at
       FROM (SELECT c."cardId", c."eventId", c."checkedInAt", sum(c.points) OVER (ORDER BY c."checkedInAt", c.id) AS running
             FROM "Checkin" c WHERE c."passholderId" = b.id) AS h
       JOIN "Event" e ON e.id = h."eventId"
       WHERE h.running >= $2
       ORDER BY h."checkedInAt" LIMIT 1) AS r
     WHERE b.seq % 10 = 0 AND r.at <= ${timestampSql(now)}`,
    [advantage.id, advantage.points],
  );
  await db.query(
    `INSERT INTO "PointsTransaction" (id, "passholderId", type, amount, "redemptionId", "createdAt", "createdBy")
     SELECT ${siblingUuidSql(scaleIds.redemptionLedger, "r.id")}, r."passholderId", 'REDEMPTION', -r.points, r.id, r."redeemedAt", 'balie'
     FROM "Redemption" r WHERE r.id BETWEEN $1 AND $2`,
    [scaleUuid(scaleIds.redemption, from), scaleUuid(scaleIds.redemption, to)],
  );
  return inserted;
}
