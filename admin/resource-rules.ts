import type { ActionRequest, ResourceOptions } from "adminjs";

// What the generic backoffice screens may do with each model, until dedicated actions (calling core/) exist.

/** Models whose rows nobody may see in the backoffice, not even the coordinator. */
export const hiddenModels: ReadonlySet<string> = new Set(["Session", "RateLimit"]);

/**
 * History that is never edited or deleted as a row: points are a ledger, cancellations and removals are
 * recorded, and the audit trail is evidence. Corrections come as their own actions.
 */
export const historyModels: ReadonlySet<string> = new Set([
  "Checkin",
  "TicketSale",
  "Redemption",
  "PointsTransaction",
  "CouponUse",
  "AuditLog",
  "EmailMessage",
]);

/** Values kept up to date by the rules in core/ (e.g. the balance is the sum of the ledger); never typed in. */
export const derivedFields: Readonly<Record<string, string[]>> = {
  Passholder: ["points"],
  Advantage: ["redeemedCount"],
  CouponGrant: ["usedCount"],
};

/**
 * Fields shown, filtered and written only by users with User.mayViewInsz, coordinators included: the national
 * register number is needed only for some registrations, so nobody sees it by role alone.
 */
export const inszFields: Readonly<Record<string, string[]>> = { Passholder: ["insz"] };

/** Fields that may be written but never leave the database (see PrismaResource). */
export const secretFields: Readonly<Record<string, string[]>> = { User: ["passwordHash"] };

const forbidden = { isAccessible: false, isVisible: false };
export const noActions: ResourceOptions["actions"] = {
  list: forbidden,
  search: forbidden,
  show: forbidden,
  new: forbidden,
  edit: forbidden,
  delete: forbidden,
  bulkDelete: forbidden,
};
export const readOnlyActions: ResourceOptions["actions"] = {
  new: forbidden,
  edit: forbidden,
  delete: forbidden,
  bulkDelete: forbidden,
};

/** A `before` hook that drops fields from a submitted form, whatever the browser sent. */
export function ignoreSubmitted(fields: string[]) {
  return async (request: ActionRequest): Promise<ActionRequest> => {
    if (request.method !== "post" || !request.payload) return request;
    const payload = { ...(request.payload as Record<string, unknown>) };
    for (const field of fields) delete payload[field];
    return { ...request, payload };
  };
}
