import { Prisma } from "@prisma/client";
import { localDate } from "../time/periods.js";
import type { Db } from "../transaction.js";

export interface DashboardFigures {
  passholders: number;
  /** Share of passholders whose kansenstatuut is valid today, 0..1. */
  kansenstatuutShare: number;
  passholdersPerMunicipality: { municipality: string; passholders: number }[];
  /** Check-ins (not corrected) per month of the last twelve months, oldest first. */
  checkinsPerMonth: { month: string; checkins: number }[];
  topEvents: { eventId: string; name: string; startsAt: Date; checkins: number }[];
  /** Active redemptions per kind in the last twelve months. */
  redemptions: { welcome: number; exchange: number };
}

/** Key figures for the backoffice's start page, limited to one municipality for a municipal administrator. */
export async function dashboardFigures(db: Db, input: { municipalityId?: number; at?: Date } = {}): Promise<DashboardFigures> {
  const at = input.at ?? new Date();
  const today = localDate(at);
  const yearAgo = new Date(at.getTime() - 365 * 24 * 3_600_000);
  const only = (column: string) =>
    input.municipalityId === undefined ? Prisma.empty : Prisma.sql`AND ${Prisma.raw(column)} = ${input.municipalityId}`;

  const [totals] = await db.$queryRaw<{ passholders: number; kansenstatuut: number }[]>`
    SELECT count(*)::int AS passholders,
           count(*) FILTER (WHERE "kansenstatuutEnd" >= ${today}::date AND ("kansenstatuutStart" IS NULL OR "kansenstatuutStart" <= ${today}::date))::int AS kansenstatuut
    FROM "Passholder" p WHERE true ${only(`p."municipalityId"`)}`;
  const perMunicipality = await db.$queryRaw<{ municipality: string; passholders: number }[]>`
    SELECT m."name" AS municipality, count(p."id")::int AS passholders
    FROM "Municipality" m LEFT JOIN "Passholder" p ON p."municipalityId" = m."id"
    WHERE true ${only(`m."id"`)}
    GROUP BY m."name" ORDER BY passholders DESC, m."name"`;
  const perMonth = await db.$queryRaw<{ month: string; checkins: number }[]>`
    SELECT to_char(date_trunc('month', c."checkedInAt" AT TIME ZONE 'Europe/Brussels'), 'YYYY-MM') AS month, count(*)::int AS checkins
    FROM "Checkin" c JOIN "Event" e ON e."id" = c."eventId"
    WHERE NOT c."corrected" AND c."checkedInAt" >= ${yearAgo} AND c."checkedInAt" <= ${at} ${only(`e."municipalityId"`)}
    GROUP BY 1 ORDER BY 1`;
  const topEvents = await db.$queryRaw<{ eventId: string; name: string; startsAt: Date; checkins: number }[]>`
    SELECT e."id" AS "eventId", e."name", e."startsAt", count(*)::int AS checkins
    FROM "Checkin" c JOIN "Event" e ON e."id" = c."eventId"
    WHERE NOT c."corrected" AND c."checkedInAt" >= ${yearAgo} AND c."checkedInAt" <= ${at} ${only(`e."municipalityId"`)}
    GROUP BY e."id", e."name", e."startsAt" ORDER BY checkins DESC, e."startsAt" DESC LIMIT 10`;
  const [redemptions] = await db.$queryRaw<{ welcome: number; exchange: number }[]>`
    SELECT count(*) FILTER (WHERE r."kind" = 'WELCOME')::int AS welcome, count(*) FILTER (WHERE r."kind" = 'EXCHANGE')::int AS exchange
    FROM "Redemption" r JOIN "Passholder" p ON p."id" = r."passholderId"
    WHERE r."status" = 'ACTIVE' AND r."redeemedAt" >= ${yearAgo} AND r."redeemedAt" <= ${at} ${only(`p."municipalityId"`)}`;

  const passholders = totals?.passholders ?? 0;
  return {
    passholders,
    kansenstatuutShare: passholders === 0 ? 0 : (totals?.kansenstatuut ?? 0) / passholders,
    passholdersPerMunicipality: perMunicipality,
    checkinsPerMonth: perMonth,
    topEvents,
    redemptions: redemptions ?? { welcome: 0, exchange: 0 },
  };
}
