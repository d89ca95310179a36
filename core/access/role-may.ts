import type { Role } from "@prisma/client";

const READ_ACTIONS: ReadonlySet<string> = new Set(["list", "search", "show"]);

/** Whether an action only reads (list, search, show). */
export function isReadAction(action: string): boolean {
  return READ_ACTIONS.has(action);
}

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

/** Actions only the region's coordinator may use: the GDPR rights of a passholder are the controller's to answer. */
export const coordinatorOnlyActions: Readonly<Record<string, ReadonlySet<string>>> = { Passholder: new Set(["exportPersonalData", "anonymise"]) };

/**
 * Role-level permission for an action on a model (by its Prisma name). Which rows are reachable is decided
 * separately (see scope.ts); this only says whether the role may use the action on the model at all. Any
 * other action (by its name) is judged like "edit", unless named in municipalActionsOnReadOnly.
 */
export function roleMay(role: Role | undefined, model: string, action: string): boolean {
  if (role === "COORDINATOR") return true;
  if (role !== "MUNICIPAL_ADMIN") return false;
  if (coordinatorOnlyActions[model]?.has(action)) return false;
  if (model === "User" || model === "AuditLog") return false;
  if (READ_ACTIONS.has(action)) return true;
  if (municipalReadOnly.has(model)) return municipalActionsOnReadOnly[model]?.has(action) ?? false;
  if ((action === "delete" || action === "bulkDelete") && municipalNoDelete.has(model)) return false;
  return true;
}
