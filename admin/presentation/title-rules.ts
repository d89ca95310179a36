// How each model names one of its records on screen (breadcrumbs, reference fields, dropdowns), in the
// manual's terms: a passholder by name and card number, an event by name and date, never by id.
import { formatMoment } from "../../core/time/calendar-date.js";
import type { RecordValues } from "./screen-hooks.js";

export interface TitleRule {
  /** References whose own titles make up this one (relation names), e.g. a check-in's passholder and event. */
  refs?: string[];
  /** Related rows read along with the record (Prisma `include`), e.g. a passholder's current card. */
  include?: Record<string, unknown>;
  /**
   * The title from the record's values and the titles of its `refs` (a placeholder such as "pashouder uit een
   * andere gemeente" when out of the reader's scope, see out-of-reach.ts).
   */
  format(values: RecordValues, refs: Record<string, string | undefined>): string | undefined;
  /** Columns of the screen read along with the title (e.g. a passholder's current card), from the same row. */
  columns?(values: RecordValues): RecordValues;
  /** A column naming the record this row points to by model name and key (the audit trail's record), by its title. */
  names?: { model: string; key: string; column: string };
}

const dateFormat = new Intl.DateTimeFormat("nl-BE", { timeZone: "Europe/Brussels", day: "2-digit", month: "2-digit", year: "numeric" });

/** "15/06/2026" (or "15/06/2026 14:30" with the time) as a Flemish reader writes it, in Belgian time. */
export function belgianDate(value: unknown, withTime = false): string {
  const date = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(date.getTime())) return "";
  return withTime ? formatMoment(date) : dateFormat.format(date);
}

/** The parts that are known, joined; nothing when none is. */
function joined(...parts: Array<string | undefined>): string | undefined {
  const known = parts.filter((part): part is string => !!part);
  return known.length ? known.join(" – ") : undefined;
}

/** Paths of a passholder's current card on the Pashouders screen (the card number is also its filter). */
export const CARD_NUMBER_PATH = "cardNumber";
export const CARD_STATUS_PATH = "cardStatus";
/** Path of the audited record's name on the audit trail ("Kaart 0900000095902", not "Card 47"). */
export const AUDITED_RECORD_PATH = "auditedRecord";

/**
 * A passholder's current card: the newest one, active or not, so that a passholder whose only card is blocked
 * shows that card as blocked. One query reads it for a whole page (Prisma `include`).
 */
const currentCard = { orderBy: [{ issuedAt: "desc" }, { id: "desc" }], select: { number: true, status: true }, take: 1 } as const;

function currentCardOf(values: RecordValues): { number: string; status: string } | undefined {
  return (values.cards as Array<{ number: string; status: string }> | undefined)?.[0];
}

const field = (name: string): TitleRule => ({ format: (values) => (values[name] == null ? undefined : String(values[name])) });
const refsJoined = (...refs: string[]): TitleRule => ({ refs, format: (_values, titles) => joined(...refs.map((ref) => titles[ref])) });

export const titleRules: Readonly<Record<string, TitleRule>> = {
  CardSystem: field("name"),
  Municipality: field("name"),
  SubMunicipality: { format: (values) => `${String(values.postalCode)} ${String(values.name)}` },
  Passholder: {
    include: { cards: currentCard },
    format: (values) => {
      const name = `${String(values.firstName)} ${String(values.lastName)}`;
      const card = currentCardOf(values);
      return card?.status === "ACTIVE" ? `${name} (${card.number})` : name;
    },
    columns: (values) => {
      const card = currentCardOf(values);
      return { [CARD_NUMBER_PATH]: card?.number ?? null, [CARD_STATUS_PATH]: card?.status ?? null };
    },
  },
  Card: field("number"),
  Counter: field("name"),
  User: { format: (values) => `${String(values.name)} (${String(values.email)})` },
  CounterStaff: refsJoined("user", "counter"),
  Event: { format: (values) => `${String(values.name)} (${belgianDate(values.startsAt)})` },
  Pillar: field("name"),
  PillarCounter: refsJoined("pillar", "counter"),
  Checkin: refsJoined("passholder", "event"),
  TicketSale: refsJoined("passholder", "event"),
  Coupon: field("name"),
  CouponGrant: refsJoined("coupon", "passholder"),
  CouponUse: { refs: ["grant"], format: (values, titles) => joined(titles.grant, belgianDate(values.usedAt, true)) },
  Advantage: field("title"),
  AdvantageCounter: refsJoined("advantage", "counter"),
  AdvantageMunicipality: refsJoined("advantage", "municipality"),
  AdvantageCode: { refs: ["advantage"], format: (values, titles) => joined(titles.advantage, String(values.code)) },
  Redemption: refsJoined("advantage", "passholder"),
  PointsTransaction: {
    refs: ["passholder"],
    format: (values, titles) => {
      const amount = Number(values.amount);
      return joined(titles.passholder, `${amount > 0 ? "+" : ""}${amount} ${Math.abs(amount) === 1 ? "punt" : "punten"}`);
    },
  },
  Provider: field("name"),
  ProviderAgreement: field("fileName"),
  EmailMessage: { format: (values) => `${String(values.subject)} (${String(values.toAddress)})` },
  AuditLog: {
    names: { model: "resource", key: "recordId", column: AUDITED_RECORD_PATH },
    format: (values) => `${String(values.action)} ${String(values.resource)} (${belgianDate(values.at, true)})`,
  },
};
