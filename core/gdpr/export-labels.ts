import { dutchEnumLabel } from "../labels/enum-labels.js";
import { formatEuro } from "../money.js";
import { formatCalendarDate, formatMoment } from "../time/calendar-date.js";

/** The export's field names as the manual and the screens say them; a name not listed is shown as it is. */
const labels: Readonly<Record<string, string>> = {
  id: "Id",
  firstName: "Voornaam",
  lastName: "Naam",
  birthDate: "Geboortedatum",
  gender: "Geslacht",
  insz: "Rijksregisternummer (INSZ)",
  email: "E-mailadres",
  phone: "Telefoon",
  street: "Straat",
  houseNumber: "Huisnummer",
  postalCode: "Postcode",
  city: "Woonplaats",
  municipality: "Gemeente",
  kansenstatuutStart: "Start kansenstatuut",
  kansenstatuutEnd: "Einde kansenstatuut",
  registeredAt: "Geregistreerd op",
  number: "Kaartnummer",
  status: "Status",
  issueReason: "Reden",
  issuedAt: "Uitgegeven op",
  issuedAtCounter: "Uitgegeven aan balie",
  blockedAt: "Geblokkeerd op",
  blockReason: "Reden van blokkering",
  replacedAt: "Vervangen op",
  event: "Activiteit",
  counter: "Balie",
  channel: "Kanaal",
  points: "Punten",
  checkedInAt: "Ingecheckt op",
  corrected: "Gecorrigeerd",
  correctionReason: "Reden van correctie",
  type: "Soort",
  kind: "Soort",
  at: "Tijdstip",
  createdAt: "Tijdstip",
  soldAt: "Verkocht op",
  regularPriceCents: "Gewone prijs",
  tariffCents: "Kansentarief",
  cancelledAt: "Geannuleerd op",
  cancelReason: "Reden van annulering",
  advantage: "Voordeel",
  redeemedAt: "Opgenomen op",
  code: "Code",
  removedAt: "Verwijderd op",
  removalReason: "Reden van verwijdering",
  coupon: "Coupon",
  grantedAt: "Toegekend op",
  usedCount: "Keer gebruikt",
  uses: "Gebruik",
  sentAt: "Verstuurd op",
  subject: "Onderwerp",
  template: "Soort mail",
  to: "Aan",
  text: "Tekst",
  action: "Actie",
  actor: "Door",
  resource: "Onderdeel",
  recordId: "Betreft",
  changes: "Wijzigingen",
  ip: "IP-adres",
  userAgent: "Browser",
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

export function exportLabel(field: string): string {
  return labels[field] ?? field;
}

/** Which of a section's fields hold an enum value, and of which enum: a field name alone is ambiguous ("status"). */
export type EnumFields = Readonly<Record<string, string>>;

/**
 * A value as a reader expects it: days as dd/mm/jjjj, moments on the Brussels clock, money in euro, yes or no,
 * codes by their Dutch name.
 */
export function exportValue(field: string, value: unknown, enums: EnumFields = {}): string {
  if (value === null || value === undefined) return "";
  const enumType = enums[field];
  if (enumType && typeof value === "string") return dutchEnumLabel(enumType, value);
  if (typeof value === "boolean") return value ? "ja" : "nee";
  if (typeof value === "number" && field.endsWith("Cents")) return formatEuro(value);
  if (typeof value === "string") return readableText(value);
  if (typeof value === "object") return JSON.stringify(value, (_key, inner: unknown) => (typeof inner === "string" ? readableText(inner) : inner));
  return String(value);
}

function readableText(value: string): string {
  if (DAY.test(value)) return formatCalendarDate(value);
  if (MOMENT.test(value)) return formatMoment(value);
  return value;
}
