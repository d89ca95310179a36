import type { Prisma, PrismaClient } from "@prisma/client";
import type { Actor } from "../access/actor.js";
import type { Where } from "../../core/access/scope.js";
import { dateTime, day, enumLabel, euro, personName, yesNo } from "./cell-format.js";
import type { Cell } from "./table-writer.js";

/** One column of an export: its Dutch header and how a row fills it. */
export interface Column<T> {
  header: string;
  value: (row: T) => Cell;
  /** Shown only to users allowed to see it (INSZ). */
  onlyWithInsz?: boolean;
}

/** The next page of an export after the row with id `after`, in a fixed order so paging never skips or repeats a row. */
type Page<T> = (db: PrismaClient, where: Where, after: string | undefined, take: number) => Promise<(T & { id: string })[]>;

interface ExportDefinition<T> {
  /** File name without extension, e.g. "pashouders". */
  name: string;
  page: Page<T>;
  columns: Column<T>[];
}

// Keyset paging through Prisma's cursor: each page starts after the last row of the previous one.
const after = (id: string | undefined): { cursor?: { id: string }; skip?: number } => (id ? { cursor: { id }, skip: 1 } : {});
const cardNumber = { select: { number: true } } as const;
const name = { select: { name: true } } as const;
const personNames = { select: { firstName: true, lastName: true } } as const;

/** Who and where: the passholder, the card they showed and the counter, as check-ins, tickets and redemptions name them. */
type Visit = { passholder: { firstName: string; lastName: string }; card: { number: string } | null; counter: { name: string } | null };
const visitInclude = { passholder: personNames, card: cardNumber, counter: name } as const;
const visitColumns = <T extends Visit>(): Column<T>[] => [
  { header: "Pashouder", value: (row) => personName(row.passholder) },
  { header: "Kaartnummer", value: (row) => row.card?.number ?? null },
  { header: "Balie", value: (row) => row.counter?.name ?? null },
];

const passholderInclude = {
  municipality: name,
  registeredAtCounter: name,
  cards: { where: { status: "ACTIVE" }, select: { number: true }, take: 1 },
} satisfies Prisma.PassholderInclude;
type PassholderRow = Prisma.PassholderGetPayload<{ include: typeof passholderInclude }>;

const passholders: ExportDefinition<PassholderRow> = {
  name: "pashouders",
  page: (db, where, id, take) =>
    db.passholder.findMany({ where, include: passholderInclude, orderBy: [{ lastName: "asc" }, { firstName: "asc" }, { id: "asc" }], take, ...after(id) }),
  columns: [
    { header: "Kaartnummer", value: (p) => p.cards[0]?.number ?? null },
    { header: "Naam", value: (p) => p.lastName },
    { header: "Voornaam", value: (p) => p.firstName },
    { header: "Geboortedatum", value: (p) => day(p.birthDate) },
    { header: "Geslacht", value: (p) => enumLabel("Gender", p.gender) },
    { header: "INSZ", value: (p) => p.insz, onlyWithInsz: true },
    { header: "E-mailadres", value: (p) => p.email },
    { header: "Telefoon", value: (p) => p.phone },
    { header: "Straat", value: (p) => p.street },
    { header: "Huisnummer", value: (p) => p.houseNumber },
    { header: "Postcode", value: (p) => p.postalCode },
    { header: "Woonplaats", value: (p) => p.city },
    { header: "Gemeente", value: (p) => p.municipality.name },
    { header: "Kansenstatuut vanaf", value: (p) => day(p.kansenstatuutStart) },
    { header: "Kansenstatuut tot en met", value: (p) => day(p.kansenstatuutEnd) },
    { header: "Punten", value: (p) => p.points },
    { header: "Geregistreerd op", value: (p) => dateTime(p.registeredAt) },
    { header: "Registratiebalie", value: (p) => p.registeredAtCounter?.name ?? null },
  ],
};

const checkinInclude = {
  event: { select: { name: true, cdbid: true } },
  ...visitInclude,
  pillar: name,
} satisfies Prisma.CheckinInclude;
type CheckinRow = Prisma.CheckinGetPayload<{ include: typeof checkinInclude }>;

const checkins: ExportDefinition<CheckinRow> = {
  name: "check-ins",
  page: (db, where, id, take) => db.checkin.findMany({ where, include: checkinInclude, orderBy: [{ checkedInAt: "asc" }, { id: "asc" }], take, ...after(id) }),
  columns: [
    { header: "ActieID", value: (c) => c.id },
    { header: "Ingecheckt op", value: (c) => dateTime(c.checkedInAt) },
    { header: "Evenement", value: (c) => c.event.name },
    { header: "CDBID", value: (c) => c.event.cdbid },
    ...visitColumns<CheckinRow>(),
    { header: "Zuil", value: (c) => c.pillar?.name ?? null },
    { header: "Kanaal", value: (c) => enumLabel("CheckinChannel", c.channel) },
    { header: "Punten", value: (c) => c.points },
    { header: "Gecorrigeerd", value: (c) => yesNo(c.corrected) },
    { header: "Gecorrigeerd op", value: (c) => dateTime(c.correctedAt) },
    { header: "Reden correctie", value: (c) => c.correctionReason },
  ],
};

const ticketInclude = { event: name, ...visitInclude } satisfies Prisma.TicketSaleInclude;
type TicketRow = Prisma.TicketSaleGetPayload<{ include: typeof ticketInclude }>;

const tickets: ExportDefinition<TicketRow> = {
  name: "toegekende-kansentarieven",
  page: (db, where, id, take) => db.ticketSale.findMany({ where, include: ticketInclude, orderBy: [{ soldAt: "asc" }, { id: "asc" }], take, ...after(id) }),
  columns: [
    { header: "Toegekend op", value: (t) => dateTime(t.soldAt) },
    { header: "Evenement", value: (t) => t.event.name },
    ...visitColumns<TicketRow>(),
    { header: "Gewone prijs (€)", value: (t) => euro(t.regularPriceCents) },
    { header: "Kansentarief (€)", value: (t) => euro(t.tariffCents) },
    { header: "Verdeelsleutel (deelnemer/organisator/gemeente %)", value: (t) => `${t.keyParticipantPct}/${t.keyOrganiserPct}/${t.keyMunicipalityPct}` },
    { header: "Status", value: (t) => enumLabel("RecordStatus", t.status) },
    { header: "Geannuleerd op", value: (t) => dateTime(t.cancelledAt) },
    { header: "Reden annulering", value: (t) => t.cancelReason },
  ],
};

const redemptionInclude = { advantage: { select: { title: true } }, ...visitInclude } satisfies Prisma.RedemptionInclude;
type RedemptionRow = Prisma.RedemptionGetPayload<{ include: typeof redemptionInclude }>;

const redemptions: ExportDefinition<RedemptionRow> = {
  name: "opgenomen-voordelen",
  page: (db, where, id, take) => db.redemption.findMany({ where, include: redemptionInclude, orderBy: [{ redeemedAt: "asc" }, { id: "asc" }], take, ...after(id) }),
  columns: [
    { header: "Opgenomen op", value: (r) => dateTime(r.redeemedAt) },
    { header: "Voordeel", value: (r) => r.advantage.title },
    { header: "Soort", value: (r) => enumLabel("AdvantageKind", r.kind) },
    ...visitColumns<RedemptionRow>(),
    { header: "Kanaal", value: (r) => enumLabel("RedemptionChannel", r.channel) },
    { header: "Punten", value: (r) => r.points },
    { header: "Status", value: (r) => enumLabel("RedemptionStatus", r.status) },
    { header: "Verwijderd op", value: (r) => dateTime(r.removedAt) },
    { header: "Reden verwijdering", value: (r) => r.removalReason },
  ],
};

/** An export with its row type closed over: Dutch headers, and the rows page by page as cells. */
export interface Exporter {
  name: string;
  headers(actor: Actor): string[];
  pages(db: PrismaClient, where: Where, actor: Actor, pageSize: number): AsyncGenerator<Cell[][]>;
}

function exporter<T>(definition: ExportDefinition<T>): Exporter {
  // INSZ only with mayViewInsz.
  const columnsFor = (actor: Actor) => definition.columns.filter((column) => !column.onlyWithInsz || actor.mayViewInsz);
  return {
    name: definition.name,
    headers: (actor) => columnsFor(actor).map((column) => column.header),
    async *pages(db, where, actor, pageSize) {
      const columns = columnsFor(actor);
      let last: string | undefined;
      for (;;) {
        const rows = await definition.page(db, where, last, pageSize);
        if (rows.length === 0) return;
        yield rows.map((row) => columns.map((column) => column.value(row)));
        if (rows.length < pageSize) return;
        last = rows.at(-1)!.id;
      }
    },
  };
}

/** The manual's reports, by the model (and AdminJS resource) they list. */
export const exporters: Readonly<Record<string, Exporter>> = {
  Passholder: exporter(passholders),
  Checkin: exporter(checkins),
  TicketSale: exporter(tickets),
  Redemption: exporter(redemptions),
};
