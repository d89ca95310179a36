import type { Counter, Passholder, PermissionGroup, Role } from "@prisma/client";
import { CardSystemError, type ErrorCode } from "../errors.js";
import type { Db } from "../transaction.js";
import { requireIntId, requireUuid } from "../validation/ids.js";
import type { Actor, StaffActor } from "./actor.js";

/** Refuses anyone but a staff member, or one of `roles` when given. */
export function requireStaff(actor: Actor, roles?: readonly Role[]): StaffActor {
  if (actor.kind !== "STAFF" || (roles && !roles.includes(actor.role))) throw new CardSystemError("NOT_ALLOWED");
  return actor;
}

/**
 * Whether the actor works for this counter: a coordinator for every counter, a municipal administrator for their
 * municipality's, counter staff for their own. The system (seeds, command-line tools) acts for any counter.
 */
export function mayActAtCounter(actor: Actor, counter: Pick<Counter, "id" | "municipalityId">): boolean {
  if (actor.kind === "SYSTEM") return true;
  if (actor.kind !== "STAFF") return false;
  if (actor.role === "COORDINATOR") return true;
  if (actor.role === "MUNICIPAL_ADMIN") return actor.municipalityId !== null && actor.municipalityId === counter.municipalityId;
  return actor.counterIds.includes(counter.id);
}

/**
 * The counter the actor acts for, read from an untrusted form field or URL: it must exist, the actor must work
 * for it and, when `permission` is given, the counter must hold one of those permission groups.
 */
export async function counterForActor(
  db: Db,
  actor: Actor,
  counterId: unknown,
  permission?: { groups: readonly PermissionGroup[]; refusal: ErrorCode },
  field = "counterId",
): Promise<Counter> {
  const id = requireIntId(counterId, field, "COUNTER_NOT_FOUND");
  const counter = await db.counter.findUnique({ where: { id } });
  if (!counter) throw new CardSystemError("COUNTER_NOT_FOUND", { field });
  if (!mayActAtCounter(actor, counter)) {
    const municipal = actor.kind === "STAFF" && actor.role === "MUNICIPAL_ADMIN";
    throw new CardSystemError("COUNTER_NOT_YOURS", { field, ...(municipal ? { message: "Kies een balie van uw eigen gemeente." } : {}) });
  }
  if (permission && !counter.permissionGroups.some((group) => permission.groups.includes(group))) {
    throw new CardSystemError(permission.refusal, { field });
  }
  return counter;
}

/** Whether the actor may see and change this passholder's data outside a counter (backoffice, portal). */
export function mayActForPassholder(actor: Actor, passholder: Pick<Passholder, "id" | "municipalityId">): boolean {
  switch (actor.kind) {
    case "STAFF":
      if (actor.role === "COORDINATOR") return true;
      return actor.role === "MUNICIPAL_ADMIN" && actor.municipalityId === passholder.municipalityId;
    case "PASSHOLDER":
      return actor.passholderId === passholder.id;
    case "SYSTEM":
      return true;
    case "PILLAR":
      return false;
  }
}

/**
 * Whether the actor may serve this passholder: at a counter the actor already works for, any passholder of that
 * counter's card system (passholders go to counters all over the region); without one, the actor's own scope.
 */
export function mayServePassholder(
  actor: Actor,
  passholder: Pick<Passholder, "id" | "municipalityId" | "cardSystemId">,
  atCounter?: Pick<Counter, "cardSystemId">,
): boolean {
  return atCounter ? passholder.cardSystemId === atCounter.cardSystemId : mayActForPassholder(actor, passholder);
}

/**
 * Whether the actor may act on a record placed in these municipalities outside a counter (the backoffice): the
 * system and coordinators for every record, a municipal administrator when one of them is their own.
 */
export function mayActInMunicipality(actor: Actor, ...municipalityIds: Array<number | null | undefined>): boolean {
  if (actor.kind === "SYSTEM") return true;
  if (actor.kind !== "STAFF") return false;
  if (actor.role === "COORDINATOR") return true;
  return actor.role === "MUNICIPAL_ADMIN" && actor.municipalityId !== null && municipalityIds.includes(actor.municipalityId);
}

/**
 * The passholder the actor acts for. At a counter the actor already works for, any passholder of that counter's
 * card system may be served (passholders go to counters all over the region); without one, the actor's own
 * scope decides. Out of scope reads as unknown, so an id outside it reveals nothing.
 */
export async function passholderForActor(
  db: Db,
  actor: Actor,
  passholderId: unknown,
  atCounter?: Pick<Counter, "cardSystemId">,
  field = "passholderId",
): Promise<Passholder> {
  const id = requireUuid(passholderId, field, "PASSHOLDER_NOT_FOUND");
  const passholder = await db.passholder.findUnique({ where: { id } });
  if (!passholder || !mayServePassholder(actor, passholder, atCounter)) throw new CardSystemError("PASSHOLDER_NOT_FOUND", { field });
  return passholder;
}

/** Refuses a municipal administrator outside their own municipality; coordinators and the system pass. */
export function requireMunicipality(actor: Actor, municipalityId: number, field = "municipality"): void {
  if (actor.kind === "SYSTEM") return;
  if (actor.kind === "STAFF" && actor.role === "COORDINATOR") return;
  if (actor.kind === "STAFF" && actor.role === "MUNICIPAL_ADMIN" && actor.municipalityId === municipalityId) return;
  throw new CardSystemError("NOT_ALLOWED", { field });
}
