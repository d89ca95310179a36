import { Prisma } from "@prisma/client";
import { CardSystemError } from "../errors.js";
import type { Db } from "../transaction.js";

export interface SettlementInput {
  /** Tickets sold from this moment on… */
  from: Date;
  /** …up to (not including) this one. */
  to: Date;
  /** A municipal administrator settles only the counters of their municipality. */
  municipalityId?: number;
}

export interface SettlementRow {
  counterId: number;
  counterName: string;
  municipality: string;
  iban: string | null;
  tickets: number;
  regularCents: number;
  /** The distribution keys (participant/organiser/municipality %) the period's tickets were sold under, e.g. "25/55/20". */
  distributionKeys: string;
  /** What the passholders paid (the kansentarief). */
  paidByParticipantsCents: number;
  /** The participant's share of the regular price by the distribution key (equals what was paid when the tariff follows the key). */
  participantShareCents: number;
  /** The organiser's share of the regular price, by the distribution key at the moment of sale. */
  organiserShareCents: number;
  /** What the municipality pays the organiser: its share of the regular price. */
  municipalityShareCents: number;
}

/**
 * The financial settlement of kansentarief per organising counter and period: cancelled tickets do not
 * count, each ticket is split by the distribution key it was sold under, and the municipality's share is
 * what is transferred to the counter's IBAN.
 */
export async function kansentariefSettlement(db: Db, input: SettlementInput): Promise<SettlementRow[]> {
  if (!(input.from instanceof Date) || Number.isNaN(input.from.getTime())) throw new CardSystemError("VALIDATION", { field: "from", message: "Begindatum is ongeldig." });
  if (!(input.to instanceof Date) || Number.isNaN(input.to.getTime())) throw new CardSystemError("VALIDATION", { field: "to", message: "Einddatum is ongeldig." });
  if (input.to <= input.from) throw new CardSystemError("VALIDATION", { field: "to", message: "Einddatum moet na de begindatum liggen." });
  const scope = input.municipalityId === undefined ? Prisma.empty : Prisma.sql`AND c."municipalityId" = ${input.municipalityId}`;
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT c."id" AS "counterId", c."name" AS "counterName", m."name" AS "municipality", c."iban",
           count(*)::int AS "tickets",
           sum(t."regularPriceCents")::int AS "regularCents",
           string_agg(DISTINCT concat_ws('/', t."keyParticipantPct", t."keyOrganiserPct", t."keyMunicipalityPct"), ', '
             ORDER BY concat_ws('/', t."keyParticipantPct", t."keyOrganiserPct", t."keyMunicipalityPct")) AS "distributionKeys",
           sum(t."tariffCents")::int AS "paidByParticipantsCents",
           sum(round(t."regularPriceCents" * t."keyParticipantPct" / 100.0))::int AS "participantShareCents",
           sum(round(t."regularPriceCents" * t."keyOrganiserPct" / 100.0))::int AS "organiserShareCents",
           sum(round(t."regularPriceCents" * t."keyMunicipalityPct" / 100.0))::int AS "municipalityShareCents"
    FROM "TicketSale" t
    JOIN "Event" e ON e."id" = t."eventId"
    JOIN "Counter" c ON c."id" = e."organiserCounterId"
    JOIN "Municipality" m ON m."id" = c."municipalityId"
    WHERE t."status" = 'ACTIVE' AND t."soldAt" >= ${input.from} AND t."soldAt" < ${input.to} ${scope}
    GROUP BY c."id", c."name", m."name", c."iban"
    ORDER BY m."name", c."name"`;
  return rows as unknown as SettlementRow[];
}
