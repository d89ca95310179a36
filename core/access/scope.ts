import type { StaffActor } from "./actor.js";

/** What the scope of the backoffice's screens depends on. */
export type ScopedActor = Pick<StaffActor, "role" | "municipalityId">;

/** A Prisma `where` for one model; `{}` is everything, null is nothing. */
export type Where = Record<string, unknown>;

type ScopeRule = {
  /** Rows of this model that belong to municipality `m`. */
  read: (m: number) => Where;
  /** Rows the administrator may create, change or delete (defaults to `read`). */
  write?: (m: number) => Where;
  /** Rows the administrator may choose as a reference in a form they can save (defaults to `read`). */
  pick?: (m: number) => Where;
  /** The form field that places a row in a municipality: named in refusals, filled in on create when empty. */
  field: string;
  /** True when `field` is the municipality itself, so a new row can default to the administrator's own. */
  defaultsToOwn?: boolean;
};

const ofPassholder = (m: number): Where => ({ passholder: { municipalityId: m } });
const ofEvent = (m: number): Where => ({ event: { municipalityId: m } });
const visibleAdvantage = (m: number): Where => ({ OR: [{ ownerMunicipalityId: m }, { ownerMunicipalityId: null }] });
const ownAdvantage = (m: number): Where => ({ ownerMunicipalityId: m });

/** What a municipal administrator sees of each model; models not listed are out of reach for them. */
const municipalScope: Readonly<Record<string, ScopeRule>> = {
  Municipality: { read: (m) => ({ id: m }), field: "id" },
  SubMunicipality: { read: (m) => ({ municipalityId: m }), field: "municipality", defaultsToOwn: true },
  Passholder: { read: (m) => ({ municipalityId: m }), field: "municipality", defaultsToOwn: true },
  Card: { read: ofPassholder, field: "passholder" },
  Counter: { read: (m) => ({ municipalityId: m }), field: "municipality", defaultsToOwn: true },
  CounterStaff: { read: (m) => ({ counter: { municipalityId: m } }), field: "counter" },
  Event: { read: (m) => ({ municipalityId: m }), field: "municipality", defaultsToOwn: true },
  Pillar: { read: (m) => ({ municipalityId: m }), field: "municipality", defaultsToOwn: true },
  PillarCounter: {
    read: (m) => ({ pillar: { municipalityId: m } }),
    write: (m) => ({ pillar: { municipalityId: m }, counter: { municipalityId: m } }),
    field: "pillar",
  },
  Checkin: { read: ofEvent, field: "event" },
  TicketSale: { read: ofEvent, field: "event" },
  Redemption: { read: ofPassholder, field: "passholder" },
  PointsTransaction: { read: ofPassholder, field: "passholder" },
  CouponGrant: { read: ofPassholder, field: "passholder" },
  CouponUse: { read: (m) => ({ grant: ofPassholder(m) }), field: "grant" },
  Coupon: { read: () => ({}), field: "id" },
  CardSystem: { read: () => ({}), field: "id" },
  // Every form that references an advantage (its counters, municipalities, codes) changes the advantage itself.
  Advantage: { read: visibleAdvantage, write: ownAdvantage, pick: ownAdvantage, field: "ownerMunicipality", defaultsToOwn: true },
  AdvantageCounter: {
    read: (m) => ({ advantage: visibleAdvantage(m) }),
    write: (m) => ({ advantage: ownAdvantage(m), counter: { municipalityId: m } }),
    field: "advantage",
  },
  AdvantageMunicipality: { read: (m) => ({ advantage: visibleAdvantage(m) }), write: (m) => ({ advantage: ownAdvantage(m) }), field: "advantage" },
  AdvantageCode: { read: (m) => ({ advantage: visibleAdvantage(m) }), write: (m) => ({ advantage: ownAdvantage(m) }), field: "advantage" },
  Provider: { read: (m) => ({ municipalityId: m }), field: "municipality", defaultsToOwn: true },
  EmailMessage: { read: (m) => ({ provider: { municipalityId: m } }), field: "provider" },
};

/** Models nobody reaches through the backoffice's generic screens. */
const unreachable: ReadonlySet<string> = new Set(["Session", "RateLimit", "PortalSignInToken", "StaffTwoFactor"]);

function scope(actor: ScopedActor | null, model: string, kind: "read" | "write" | "pick"): Where | null {
  if (!actor || unreachable.has(model)) return null;
  if (actor.role === "COORDINATOR") return {};
  if (actor.role !== "MUNICIPAL_ADMIN" || actor.municipalityId === null) return null;
  const rule = municipalScope[model];
  if (!rule) return null;
  return (rule[kind] ?? rule.read)(actor.municipalityId);
}

/** Rows of `model` the actor may see (list, search, show, reference dropdowns). */
export function readScope(actor: ScopedActor | null, model: string): Where | null {
  return scope(actor, model, "read");
}

/** Rows of `model` the actor may create, change or delete; checked before and after each write. */
export function writeScope(actor: ScopedActor | null, model: string): Where | null {
  return scope(actor, model, "write");
}

/**
 * Rows of `model` the actor may choose as a reference (a form's dropdown, the search behind it): a write that
 * points to any other row is refused, so the dropdown does not offer it.
 */
export function pickScope(actor: ScopedActor | null, model: string): Where | null {
  return scope(actor, model, "pick");
}

/** The form field that decides a row's municipality, for refusals and defaults (municipal administrators only). */
export function scopeField(model: string): { field: string; defaultsToOwn: boolean } | undefined {
  const rule = municipalScope[model];
  return rule && { field: rule.field, defaultsToOwn: rule.defaultsToOwn ?? false };
}
