import type { Role } from "@prisma/client";
import type { ActionContext } from "adminjs";
import { scopeField } from "./scope.js";

export const GENERIC_ACTIONS = ["list", "search", "show", "new", "edit", "delete", "bulkDelete"] as const;
export type GenericAction = (typeof GENERIC_ACTIONS)[number];

const READ_ACTIONS: ReadonlySet<string> = new Set(["list", "search", "show"]);

/** Reference data and history a municipal administrator may look at but not change. */
const municipalReadOnly: ReadonlySet<string> = new Set([
  "CardSystem",
  "Municipality",
  "SubMunicipality",
  "Coupon",
  "CouponGrant",
  "CouponUse",
  "CounterStaff",
  "EmailMessage",
]);

/** Actions of their own a municipal administrator may use on a model they only read ("Toekennen": to their own passholders). */
const municipalActionsOnReadOnly: Readonly<Record<string, ReadonlySet<string>>> = { Coupon: new Set(["grantCoupon"]) };

/** Rows a municipal administrator may change but not delete: they carry history ("nothing is lost"). */
const municipalNoDelete: ReadonlySet<string> = new Set(["Passholder", "Card", "Counter", "Event", "Advantage", "Provider"]);

/**
 * Role-level permission for a generic action. Which rows are reachable is decided separately by the
 * resource (see scope.ts); this only says whether the role may use the action on the model at all. A custom
 * action (by its name) is judged like "edit", unless named in municipalActionsOnReadOnly.
 */
export function roleMay(role: Role | undefined, model: string, action: string): boolean {
  if (role === "COORDINATOR") return true;
  if (role !== "MUNICIPAL_ADMIN") return false;
  if (model === "User" || model === "AuditLog") return false;
  if (READ_ACTIONS.has(action)) return true;
  if (municipalReadOnly.has(model)) return municipalActionsOnReadOnly[model]?.has(action) ?? false;
  if ((action === "delete" || action === "bulkDelete") && municipalNoDelete.has(model)) return false;
  return true;
}

type SessionAdmin = { role?: Role; municipalityId?: number | null } | undefined;

/**
 * An AdminJS `isAccessible` for one model and action. With a record at hand, a municipal administrator's
 * write also needs the record to be placed in their own municipality (e.g. not a regional advantage they
 * may only view); the resource checks the same again inside the write's transaction.
 */
export function accessibleFor(model: string, action: string) {
  return ({ currentAdmin, record }: Pick<ActionContext, "currentAdmin" | "record">): boolean => {
    const admin = currentAdmin as SessionAdmin;
    if (!roleMay(admin?.role, model, action)) return false;
    const placement = scopeField(model);
    if (admin?.role !== "MUNICIPAL_ADMIN" || READ_ACTIONS.has(action) || !record || !placement?.defaultsToOwn) return true;
    return record.params[placement.field] === admin.municipalityId;
  };
}
