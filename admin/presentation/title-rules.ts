// How each model names one of its records on screen (breadcrumbs, reference fields, dropdowns), in the
// manual's terms: a passholder by name and card number, an event by name and date, never by id.
import type { RecordValues } from "./screen-hooks.js";

export interface TitleRule {
  /** References whose own titles make up this one (relation names), e.g. a check-in's passholder and event. */
  refs?: string[];
  /** Related rows read along with the record (Prisma `include`), e.g. a passholder's active card. */
  include?: Record<string, unknown>;
  /** The title from the record's values and the titles of its `refs` (missing when out of the reader's scope). */
  format(values: RecordValues, refs: Record<string, string | undefined>): string | undefined;
}

const dateFormat = new Intl.DateTimeFormat("nl-BE", { timeZone: "Europe/Brussels", day: "2-digit", month: "2-digit", year: "numeric" });
const dateTimeFormat = new Intl.DateTimeFormat("nl-BE", {
  timeZone: "Europe/Brussels",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

/** "15/06/2026" (or with the time) as a Flemish reader writes it, in Belgian time. */
export function belgianDate(value: unknown, withTime = false): string {
  const date = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(date.getTime())) return "";
  return (withTime ? dateTimeFormat : dateFormat).format(date);
}

/** The parts that are known, joined; nothing when none is. */
function joined(...parts: Array<string | undefined>): string | undefined {
  const known = parts.filter((part): part is string => !!part);
  return known.length ? known.join(" – ") : undefined;
}

const field = (name: string): TitleRule => ({ format: (values) => (values[name] == null ? undefined : String(values[name])) });
const refsJoined = (...refs: string[]): TitleRule => ({ refs, format: (_values, titles) => joined(...refs.map((ref) => titles[ref])) });

export const titleRules: Readonly<Record<string, TitleRule>> = {
  CardSystem: field("name"),
  Municipality: field("name"),
  SubMunicipality: { format: (values) => `${String(values.postalCode)} ${String(values.name)}` },
  Passholder: {
    include: { cards: { where: { status: "ACTIVE" }, select: { number: true }, take: 1 } },
    format: (values) => {
      const name = `${String(values.firstName)} ${String(values.lastName)}`;
      const card = (values.cards as Array<{ number: string }> | undefined)?.[0]?.number;
      return card ? `${name} (${card})` : name;
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
  AuditLog: { format: (values) => `${String(values.action)} ${String(values.resource)} (${belgianDate(values.at, true)})` },
};
