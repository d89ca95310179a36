import type { SqlRunner } from "../core/db/database.js";

export type BenchRole = "COORDINATOR" | "MUNICIPAL_ADMIN";

/** A backoffice list page: the AdminJS filter it sends. */
export interface ListCase {
  name: string;
  resource: string;
  /** AdminJS list query parameters without page and sort, e.g. { "filters.lastName": "Peeters" }. */
  filters: Record<string, string>;
}

/** Values that make the filters realistic on this database: found in its data, inside the municipality. */
export interface ListParameters {
  municipalityId: number;
  lastName: string;
  /** The same for names in the second half of the alphabet, which a list sorted by name reaches last. */
  lateLastName: string;
  eventId: string;
  counterId: number;
  period: { from: Date; to: Date };
}

export function listCases(p: ListParameters): ListCase[] {
  return [
    { name: "Pashouders", resource: "Passholder", filters: {} },
    { name: "Check-ins", resource: "Checkin", filters: {} },
    { name: "Toegekende kansentarieven", resource: "TicketSale", filters: {} },
    { name: "Opgenomen voordelen", resource: "Redemption", filters: {} },
    { name: "Evenementen", resource: "Event", filters: {} },
    { name: "Pashouders op naam", resource: "Passholder", filters: { "filters.lastName": p.lastName } },
    { name: "Pashouders op naam (N–Z)", resource: "Passholder", filters: { "filters.lastName": p.lateLastName } },
    { name: "Pashouders per gemeente", resource: "Passholder", filters: { "filters.municipality": String(p.municipalityId) } },
    { name: "Check-ins per evenement", resource: "Checkin", filters: { "filters.event": p.eventId } },
    {
      name: "Check-ins per periode",
      resource: "Checkin",
      filters: { "filters.checkedInAt~~from": p.period.from.toISOString(), "filters.checkedInAt~~to": p.period.to.toISOString() },
    },
    { name: "Kansentarieven per balie", resource: "TicketSale", filters: { "filters.counter": String(p.counterId) } },
  ];
}

/**
 * Picks the filter values from the data: the municipality's most common one-word last name (also among those from N
 * on), its event with the most check-ins, its counter with the most tickets, and the last full month with check-ins.
 */
export async function findListParameters(db: SqlRunner, municipalityId: number): Promise<ListParameters> {
  const name = await commonLastName(db, municipalityId, "");
  const late = await commonLastName(db, municipalityId, "N");
  const [event] = await db.query<{ id: string }>(
    `SELECT c."eventId" AS id FROM "Checkin" c JOIN "Event" e ON e.id = c."eventId"
     WHERE e."municipalityId" = $1 GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    [municipalityId],
  );
  const [counter] = await db.query<{ id: number }>(
    `SELECT t."counterId" AS id FROM "TicketSale" t JOIN "Counter" c ON c.id = t."counterId"
     WHERE c."municipalityId" = $1 GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    [municipalityId],
  );
  const [month] = await db.query<{ last: string }>(`SELECT to_char(date_trunc('month', max("checkedInAt")), 'YYYY-MM-DD') AS last FROM "Checkin"`);
  if (!name || !late || !event || !counter || !month) throw new Error("the municipality has no passholders, check-ins or tickets to filter on");
  const to = new Date(`${month.last}T00:00:00Z`);
  const from = new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() - 1, 1));
  return { municipalityId, lastName: name, lateLastName: late, eventId: event.id, counterId: counter.id, period: { from, to: new Date(to.getTime() - 1) } };
}

/** The municipality's most common one-word last name from `from` on in the alphabet. */
async function commonLastName(db: SqlRunner, municipalityId: number, from: string): Promise<string | undefined> {
  const [row] = await db.query<{ lastName: string }>(
    `SELECT "lastName" FROM "Passholder" WHERE "municipalityId" = $1 AND "lastName" NOT LIKE '% %' AND "lastName" >= $2
     GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    [municipalityId, from],
  );
  return row?.lastName;
}
