import type { Database, SqlRunner } from "../core/db/database.js";
import { addDays, DAY } from "./clock.js";
import { CARD_SYSTEM_NAME } from "./demo-region.js";
import { meetjesland } from "./meetjesland.js";
import { firstNames, lastNames, mailPart, streets } from "./names.js";
import { hashSql, scaleIds, scaleUuid, scaleUuidSql, timestampSql } from "./scale-sql.js";

/** What the benchmark rows refer to, read from the demo region already in the database. */
export interface ScaleContext {
  cardSystemId: number;
  key: { participant: number; organiser: number; municipality: number };
  organisers: { id: number; municipalityId: number; name: string }[];
  registrationCounterIds: number[];
  authorisedCounterIds: number[];
  /** Sub-municipalities repeated in proportion to inhabitants, so residence follows population. */
  places: { postalCode: string; city: string; municipalityId: number }[];
  names: { first: string[]; firstMail: string[]; gender: string[]; last: string[]; lastMail: string[]; streets: string[] };
}

export async function loadScaleContext(db: SqlRunner): Promise<ScaleContext> {
  const [cardSystem] = await db.query<{ id: number; p: number; o: number; m: number }>(
    `SELECT id, "keyParticipantPct" AS p, "keyOrganiserPct" AS o, "keyMunicipalityPct" AS m FROM "CardSystem" ORDER BY (name = $1) DESC, id LIMIT 1`,
    [CARD_SYSTEM_NAME],
  );
  if (!cardSystem) throw new Error("Geen kaartsysteem gevonden: laad eerst de demodata.");
  const counters = await db.query<{ id: number; municipalityId: number; name: string; groups: string }>(
    `SELECT id, "municipalityId", name, "permissionGroups"::text AS groups FROM "Counter" WHERE "cardSystemId" = $1 ORDER BY id`,
    [cardSystem.id],
  );
  const subs = await db.query<{ postalCode: string; city: string; municipalityId: number; share: number }>(
    `SELECT s."postalCode", s.name AS city, s."municipalityId",
            count(*) OVER (PARTITION BY s."municipalityId")::int AS share
     FROM "SubMunicipality" s JOIN "Municipality" m ON m.id = s."municipalityId" WHERE m."cardSystemId" = $1 ORDER BY s.id`,
    [cardSystem.id],
  );
  const organisers = counters.filter((counter) => counter.groups.includes("CHECKIN_TICKET"));
  const registration = counters.filter((counter) => counter.groups.includes("REGISTRATION"));
  const authorised = counters.filter((counter) => counter.groups.includes("AUTHORISED_REGISTRATION"));
  if (organisers.length === 0 || authorised.length === 0) throw new Error("Het kaartsysteem heeft geen balies met check-in- of registratierechten.");
  const people = (["FEMALE", "MALE"] as const).flatMap((gender) =>
    [...firstNames[gender].young, ...firstNames[gender].older].map((name) => ({ name, gender })),
  );
  const inhabitants = await municipalityWeights(db, cardSystem.id);
  return {
    cardSystemId: cardSystem.id,
    key: { participant: cardSystem.p, organiser: cardSystem.o, municipality: cardSystem.m },
    organisers: organisers.map(({ id, municipalityId, name }) => ({ id, municipalityId, name })),
    registrationCounterIds: registration.map((counter) => counter.id),
    authorisedCounterIds: authorised.map((counter) => counter.id),
    places: subs.flatMap((sub) =>
      Array.from({ length: Math.max(1, Math.round((inhabitants.get(sub.municipalityId) ?? 10_000) / sub.share / 1000)) }, () => ({
        postalCode: sub.postalCode,
        city: sub.city,
        municipalityId: sub.municipalityId,
      })),
    ),
    names: {
      first: people.map((person) => person.name),
      firstMail: people.map((person) => mailPart(person.name)),
      gender: people.map((person) => person.gender),
      last: [...lastNames],
      lastMail: lastNames.map(mailPart),
      streets: [...streets],
    },
  };
}

async function municipalityWeights(db: SqlRunner, cardSystemId: number): Promise<Map<number, number>> {
  const rows = await db.query<{ id: number; name: string }>(`SELECT id, name FROM "Municipality" WHERE "cardSystemId" = $1`, [cardSystemId]);
  return new Map(rows.map((row) => [row.id, meetjesland.find((entry) => entry.name === row.name)?.inhabitants ?? 10_000]));
}

const eventTitles = [
  "Concert", "Toneelvoorstelling", "Lezing", "Workshop", "Sportnamiddag", "Filmvoorstelling", "Voorleesuurtje", "Begeleide wandeling",
  "Kinderatelier", "Quizavond", "Dansnamiddag", "Comedyavond", "Zwemnamiddag", "Fietstocht", "Rondleiding tentoonstelling", "Muziekworkshop",
];

/** Benchmark events spread evenly over about three years up to three months ahead; created once and reused. */
export async function ensureScaleEvents(db: SqlRunner, context: ScaleContext, count: number, now: Date): Promise<number> {
  const [existing] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Event" WHERE id BETWEEN $1 AND $2`, [
    scaleUuid(scaleIds.event, 0),
    scaleUuid(scaleIds.event, 0xffffffff),
  ]);
  if (existing!.n > 0) return 0;
  const spanDays = 3 * 365;
  const firstDay = new Date(Math.floor(addDays(now, 90 - spanDays).getTime() / DAY) * DAY);
  await db.query(
    `INSERT INTO "Event" (id, "cardSystemId", cdbid, name, location, "organiserCounterId", "municipalityId", "startsAt", "endsAt",
                          points, "priceCents", "kansentariefCents", "createdAt", "updatedAt")
     SELECT ${scaleUuidSql(scaleIds.event, "i")}, $1, md5('scale-event-' || i)::uuid::text,
            title || ' (' || to_char(starts, 'DD/MM/YYYY') || ')', ($4::text[])[o], ($5::int[])[o], ($6::int[])[o], starts,
            starts + (60 + 30 * ${hashSql("i", "duration", 6)}) * interval '1 minute',
            CASE WHEN i % 10 = 0 THEN 2 ELSE 1 END, price, CASE WHEN price IS NOT NULL THEN (round(price * 0.25 / 50) * 50)::int END,
            starts - interval '30 days', ${timestampSql(now)}
     FROM (SELECT i, ($3::text[])[1 + ${hashSql("i", "title", eventTitles.length)}] AS title, 1 + (i % $7) AS o,
                  ${timestampSql(firstDay)} + floor((i - 1) * ${spanDays}::float / $2) * interval '1 day'
                    + (9 + ${hashSql("i", "hour", 12)}) * interval '1 hour' AS starts,
                  CASE WHEN ${hashSql("i", "priced", 10)} < 6 THEN 500 + 100 * ${hashSql("i", "price", 16)}::int END AS price
           FROM generate_series(1, $2::int) AS i) AS planned`,
    [
      context.cardSystemId,
      count,
      eventTitles,
      context.organisers.map((organiser) => organiser.name),
      context.organisers.map((organiser) => organiser.id),
      context.organisers.map((organiser) => organiser.municipalityId),
      context.organisers.length,
    ],
  );
  return count;
}

export const SCALE_ADVANTAGE_TITLE = "Gratis consumptie aan de balie (spaarkaart)";

/** One open exchange advantage the benchmark passholders redeem; created once. */
export async function ensureScaleAdvantage(db: Database, context: ScaleContext, now: Date): Promise<{ id: number; points: number }> {
  const existing = await db.prisma.advantage.findFirst({ where: { title: SCALE_ADVANTAGE_TITLE, cardSystemId: context.cardSystemId } });
  if (existing) return existing;
  return db.prisma.advantage.create({
    data: {
      cardSystemId: context.cardSystemId,
      kind: "EXCHANGE",
      title: SCALE_ADVANTAGE_TITLE,
      description: "Ruil 5 punten voor een drankje aan een deelnemende balie.",
      points: 5,
      publicationStart: addDays(now, -4 * 365),
      exchangeStart: addDays(now, -4 * 365),
    },
    select: { id: true, points: true },
  });
}
