// What each backoffice screen lists, filters on and sorts by: the manual's filters (p. 7–8), a handful of
// columns, history newest first and reference data by name.
import type { Datamodel, DatamodelModel } from "../datamodel.js";
import { TITLE_PATH } from "./screen-hooks.js";

type Direction = "asc" | "desc";

export interface Screen {
  list: string[];
  filter: string[];
  sort: [field: string, direction: Direction];
}

/** A screen over part of a model, under its own resource id (e.g. Welkomstvoordelen over Advantage). */
export interface PartScreen extends Screen {
  model: string;
  /** Field values every row of the screen has; its new rows get them. */
  fixed: Record<string, string>;
  /** Fields its form does not ask, because they do not apply to these rows. */
  notInForm: string[];
}

const newestFirst = (field: string): Screen["sort"] => [field, "desc"];
const byName = (field = "name"): Screen["sort"] => [field, "asc"];

export const screens: Readonly<Record<string, Screen>> = {
  Passholder: {
    // The current card and its status first of all: a blocked card must show here (points are on the passholder's page).
    list: ["lastName", "firstName", "cardNumber", "cardStatus", "birthDate", "municipality", "kansenstatuutEnd"],
    filter: ["cardNumber", "lastName", "firstName", "city", "municipality", "registeredAtCounter"],
    sort: byName("lastName"),
  },
  Card: {
    list: ["number", "passholder", "status", "type", "issueReason", "issuedAt", "issuedAtCounter"],
    filter: ["number", "passholder", "status", "issueReason", "issuedAt", "issuedAtCounter"],
    sort: newestFirst("issuedAt"),
  },
  PointsTransaction: {
    list: ["createdAt", "passholder", "type", "amount", "createdBy", "note"],
    filter: ["passholder", "type", "createdAt"],
    sort: newestFirst("createdAt"),
  },
  Checkin: {
    list: ["checkedInAt", "passholder", "event", "counter", "channel", "points", "corrected"],
    filter: ["event", "checkedInAt", "counter", "passholder", "channel", "corrected"],
    sort: newestFirst("checkedInAt"),
  },
  Event: {
    list: ["name", "cdbid", "startsAt", "endsAt", "organiserCounter", "municipality", "points"],
    filter: ["cdbid", "name", "openForCheckin", "startsAt", "organiserCounter", "municipality", "cancelled"],
    sort: newestFirst("startsAt"),
  },
  TicketSale: {
    list: ["soldAt", "passholder", "event", "counter", "regularPriceCents", "tariffCents", "status"],
    filter: ["event", "soldAt", "counter", "passholder", "status"],
    sort: newestFirst("soldAt"),
  },
  Coupon: {
    list: ["name", "target", "grantCount", "usageLimit", "validFrom", "validUntil", "discountCents"],
    filter: ["name", "target", "validFrom", "validUntil"],
    sort: byName(),
  },
  CouponGrant: {
    list: ["coupon", "passholder", "grantedAt", "usedCount"],
    filter: ["coupon", "passholder", "grantedAt"],
    sort: newestFirst("grantedAt"),
  },
  CouponUse: {
    list: ["usedAt", "grant", "counter", "event"],
    filter: ["usedAt", "counter", "event"],
    sort: newestFirst("usedAt"),
  },
  Redemption: {
    list: ["redeemedAt", "kind", "advantage", "passholder", "counter", "points", "status"],
    filter: [TITLE_PATH, "kind", "redeemedAt", "counter", "channel", "status"],
    sort: newestFirst("redeemedAt"),
  },
  Advantage: {
    list: ["title", "kind", "ownerMunicipality", "points", "exchangeStart", "exchangeEnd", "redeemedCount"],
    filter: [TITLE_PATH, "kind", "ownerMunicipality", "exchangeStart"],
    sort: byName("title"),
  },
  AdvantageCode: {
    list: ["advantage", "code", "importedAt", "redemption"],
    filter: ["advantage", "code", "importedAt"],
    sort: newestFirst("importedAt"),
  },
  AdvantageCounter: { list: ["advantage", "counter"], filter: ["advantage", "counter"], sort: byName("advantage") },
  AdvantageMunicipality: { list: ["advantage", "municipality"], filter: ["advantage", "municipality"], sort: byName("advantage") },
  Counter: {
    list: ["name", "municipality", "type", "permissionGroups", "iban", "miaTicketLimit"],
    filter: ["name", "municipality", "type", "permissionGroups", "consumerKey"],
    sort: byName(),
  },
  CounterStaff: { list: ["counter", "user", "addedAt"], filter: ["counter", "user"], sort: newestFirst("addedAt") },
  Pillar: {
    list: ["name", "cid", "municipality", "eventMode", "fixedEvent", "showQrCode"],
    filter: ["name", "cid", "municipality", "eventMode"],
    sort: byName(),
  },
  PillarCounter: { list: ["pillar", "counter"], filter: ["pillar", "counter"], sort: byName("pillar") },
  CardSystem: {
    list: ["name", "inszRequired", "keyParticipantPct", "keyOrganiserPct", "keyMunicipalityPct", "coordinatorEmail"],
    filter: ["name"],
    sort: byName(),
  },
  Municipality: { list: ["name", "nisCode", "joinedAt", "contactEmail"], filter: ["name", "nisCode", "joinedAt"], sort: byName() },
  SubMunicipality: { list: ["postalCode", "name", "municipality"], filter: ["postalCode", "name", "municipality"], sort: byName("postalCode") },
  Provider: {
    list: ["name", "municipality", "contactName", "uitidEmail", "agreementSignedAt", "collegeApprovedAt", "passholdersInformedAt"],
    filter: ["name", "municipality", "counter", "collegeApprovedAt"],
    sort: byName(),
  },
  ProviderAgreement: {
    list: ["provider", "fileName", "contentType", "size", "uploadedAt", "uploadedBy"],
    filter: ["provider", "fileName", "uploadedAt"],
    sort: newestFirst("uploadedAt"),
  },
  User: {
    list: ["name", "email", "role", "municipality", "active", "lastLoginAt"],
    filter: ["name", "email", "role", "municipality", "active"],
    sort: byName(),
  },
  EmailMessage: {
    list: ["createdAt", "toAddress", "subject", "template", "status", "sentAt"],
    filter: ["toAddress", "subject", "template", "status", "createdAt", "provider"],
    sort: newestFirst("createdAt"),
  },
  AuditLog: {
    list: ["at", "actor", "action", "resource", "auditedRecord", "ip"],
    filter: ["at", "actor", "action", "resource", "recordId"],
    sort: newestFirst("at"),
  },
};

/** Welcome and exchange advantages are set up differently (manual p. 9 and 10): one screen each. */
export const partScreens: Readonly<Record<string, PartScreen>> = {
  WelcomeAdvantage: {
    model: "Advantage",
    fixed: { kind: "WELCOME" },
    notInForm: ["kind", "points", "perUserLimit", "perUserLimitPeriod", "onlineExchange", "onlineUrl", "usesUniqueCodes"],
    list: ["title", "ownerMunicipality", "grantStart", "grantEnd", "exchangeStart", "exchangeEnd", "redeemedCount"],
    filter: [TITLE_PATH, "ownerMunicipality", "grantStart", "exchangeStart"],
    sort: byName("title"),
  },
  ExchangeAdvantage: {
    model: "Advantage",
    fixed: { kind: "EXCHANGE" },
    notInForm: ["kind", "grantStart", "grantEnd"],
    list: ["title", "ownerMunicipality", "points", "exchangeStart", "exchangeEnd", "unitsAvailable", "redeemedCount"],
    filter: [TITLE_PATH, "ownerMunicipality", "exchangeStart", "onlineExchange"],
    sort: byName("title"),
  },
};

/** Every screen: one per model under the model's name, then the part screens. */
export function screenModels(datamodel: Datamodel): Array<{ id: string; model: DatamodelModel; part?: PartScreen }> {
  const parts = Object.entries(partScreens).map(([id, part]) => ({ id, model: datamodel.models.find((model) => model.name === part.model)!, part }));
  return [...datamodel.models.map((model) => ({ id: model.name, model })), ...parts];
}

export function screenOf(id: string): Screen | undefined {
  return partScreens[id] ?? screens[id];
}
