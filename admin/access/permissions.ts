import type { Role } from "@prisma/client";
import type { ActionContext } from "adminjs";
import { isReadAction, roleMay } from "../../core/access/role-may.js";
import { scopeField } from "../../core/access/scope.js";

export const GENERIC_ACTIONS = ["list", "search", "show", "new", "edit", "delete", "bulkDelete"] as const;
export type GenericAction = (typeof GENERIC_ACTIONS)[number];

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
    if (admin?.role !== "MUNICIPAL_ADMIN" || isReadAction(action) || !record || !placement?.defaultsToOwn) return true;
    return record.params[placement.field] === admin.municipalityId;
  };
}
