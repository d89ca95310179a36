import type { PrismaClient } from "@prisma/client";
import { eventsOpenForCheckin } from "../../core/checkins/checkin-window.js";
import type { Where } from "../../core/access/scope.js";
import type { Datamodel } from "../datamodel.js";
import { TITLE_PATH } from "./screen-hooks.js";

type ScopeOf = (model: string) => Where | null;

/**
 * The text fields a screen's search box (and every dropdown that picks one of its records) looks in, as paths
 * through relations: "passholder.cards.number" is the number of any card of the record's passholder.
 */
export const searchPaths: Readonly<Record<string, string[]>> = {
  CardSystem: ["name"],
  Municipality: ["name", "nisCode"],
  SubMunicipality: ["name", "postalCode"],
  Passholder: ["firstName", "lastName", "cards.number"],
  Card: ["number"],
  Counter: ["name", "consumerKey"],
  User: ["name", "email"],
  CounterStaff: ["user.name", "user.email", "counter.name"],
  Event: ["name", "cdbid"],
  Pillar: ["name", "cid"],
  PillarCounter: ["pillar.name", "counter.name"],
  Checkin: ["passholder.firstName", "passholder.lastName", "passholder.cards.number", "event.name", "event.cdbid"],
  TicketSale: ["passholder.firstName", "passholder.lastName", "passholder.cards.number", "event.name", "event.cdbid"],
  Coupon: ["name"],
  CouponGrant: ["coupon.name", "passholder.firstName", "passholder.lastName"],
  CouponUse: ["grant.coupon.name", "grant.passholder.firstName", "grant.passholder.lastName"],
  Advantage: ["title", "description"],
  AdvantageCounter: ["advantage.title", "counter.name"],
  AdvantageMunicipality: ["advantage.title", "municipality.name"],
  AdvantageCode: ["code", "advantage.title"],
  Redemption: ["advantage.title", "passholder.firstName", "passholder.lastName", "passholder.cards.number"],
  PointsTransaction: ["passholder.firstName", "passholder.lastName", "note"],
  Provider: ["name", "contactName", "uitidEmail"],
  ProviderAgreement: ["fileName", "provider.name"],
  EmailMessage: ["toAddress", "subject"],
  AuditLog: ["actor", "action", "resource", "recordId"],
};

/**
 * Filters that look in other fields than their own path (a passholder's card number), or that match names as
 * typed, in any case ("peeters" finds Peeters).
 */
export const compoundFilters: Readonly<Record<string, Readonly<Record<string, string[]>>>> = {
  Passholder: { cardNumber: ["cards.number"], lastName: ["lastName"], firstName: ["firstName"], city: ["city"] },
  // A CDBID is pasted from a link, often with spaces around it or in capitals, or typed in part.
  Event: { name: ["name"], cdbid: ["cdbid"] },
  Counter: { name: ["name"] },
  Pillar: { name: ["name"] },
  Municipality: { name: ["name"] },
  SubMunicipality: { name: ["name"] },
  Coupon: { name: ["name"] },
  Provider: { name: ["name"] },
  User: { name: ["name"], email: ["email"] },
  EmailMessage: { toAddress: ["toAddress"], subject: ["subject"] },
};

/**
 * The Prisma condition of a search or compound filter on `model`: every word of `value` occurs (in any case)
 * in one of the paths. A path through a relation only matches rows of it the reader may see, so a search
 * never reveals what its reader may not open. Undefined when `path` is no such filter or `value` is empty.
 */
export function searchWhere(datamodel: Datamodel, model: string, path: string, value: unknown, scopeOf: ScopeOf): Where | undefined {
  const paths = path === TITLE_PATH ? searchPaths[model] : compoundFilters[model]?.[path];
  // Prisma passes `contains` on as LIKE: a typed % or _ is a character here, not a wildcard.
  const words = String(value ?? "").trim().split(/\s+/).filter(Boolean).map((word) => word.replace(/[\\%_]/g, "\\$&"));
  if (!paths || words.length === 0) return undefined;
  const byWord = words.map((word) => ({
    OR: paths.map((fieldPath) => condition(datamodel, model, fieldPath.split("."), word, scopeOf)).filter((where): where is Where => !!where),
  }));
  return byWord.length === 1 ? byWord[0] : { AND: byWord };
}

function condition(datamodel: Datamodel, model: string, [name, ...rest]: string[], word: string, scopeOf: ScopeOf): Where | undefined {
  const field = datamodel.models.find((candidate) => candidate.name === model)?.fields.find((candidate) => candidate.name === name);
  if (!field || !name) throw new Error(`No field ${model}.${String(name)} to search in`);
  if (field.kind !== "object") return { [name]: { contains: word, mode: "insensitive" } };
  const inner = condition(datamodel, field.type, rest, word, scopeOf);
  const scope = scopeOf(field.type);
  if (!inner || !scope) return undefined;
  const within = Object.keys(scope).length ? { AND: [inner, scope] } : inner;
  return { [name]: field.isList ? { some: within } : within };
}

/**
 * Yes/no filters whose rows a rule of core finds at the moment of the request, in SQL, so that the list pages
 * over exactly those rows: an event open for check-in now (its window with margins, checkin-window.ts).
 */
export const momentFilters: Readonly<Record<string, Readonly<Record<string, (client: PrismaClient, at: Date) => Promise<string[]>>>>> = {
  Event: { openForCheckin: eventsOpenForCheckin },
};

/** The Prisma condition of a moment filter ("yes": the rows the rule finds now, "no": the others); undefined when `path` is none. */
export async function momentWhere(client: PrismaClient, model: string, path: string, value: unknown, at = new Date()): Promise<Where | undefined> {
  const rows = momentFilters[model]?.[path];
  const wanted = String(value ?? "").trim().toLowerCase();
  if (!rows || (wanted !== "true" && wanted !== "false")) return undefined;
  const ids = await rows(client, at);
  return { id: wanted === "true" ? { in: ids } : { notIn: ids } };
}
