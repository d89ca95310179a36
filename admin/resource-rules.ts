import type { PropertyOptions, ResourceOptions } from "adminjs";
import { passholderEditProperties } from "./actions/passholder-edit.js";
import { registrationProperties } from "./actions/passholder-register.js";
import { auditActions } from "./locale/audit-actions.js";
import { resourcePresentation } from "./locale/resource-names.js";
import { couponProperties } from "./actions/coupon-grant.js";
import { emailMessageProperties } from "./actions/email-outbox.js";

// What the generic backoffice screens may do with each model, until dedicated actions (calling core/) exist.

/** Models whose rows nobody may see in the backoffice, not even the coordinator. */
export const hiddenModels: ReadonlySet<string> = new Set(["Session", "RateLimit", "PortalSignInToken", "StaffTwoFactor"]);

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

/**
 * Models whose rows change only through their own actions that call core/: a card is blocked with "Kaart
 * blokkeren" and issued with "Nieuwe kaart" (on the passholder), never created or edited by hand.
 */
export const coreManagedModels: ReadonlySet<string> = new Set(["Card"]);

/**
 * Values kept up to date by the rules in core/ (e.g. the balance is the sum of the ledger, stock counts the
 * redemptions, a code belongs to the redemption it was handed out for); never typed in. The resource drops
 * them from every write.
 */
export const derivedFields: Readonly<Record<string, string[]>> = {
  Passholder: ["points"],
  Advantage: ["redeemedCount"],
  CouponGrant: ["usedCount"],
  AdvantageCode: ["redemption"],
  // Made by the database, and replaced there when the QR save-code's version is raised.
  Event: ["manualCode"],
  // Set by "Overeenkomst opladen", "Onboardingmail versturen" and "Regio verwittigen", which also write the outbox.
  Provider: ["agreementFile", "welcomeMailSentAt", "welcomeMailSentBy", "coordinatorNotifiedAt", "coordinatorNotifiedBy"],
};

const bookkeeping: PropertyOptions = { isVisible: false };

/** Form fields beyond the columns, and columns a form shows but does not change (see the actions they serve). */
export const formProperties: Readonly<Record<string, Record<string, PropertyOptions>>> = {
  Passholder: { ...registrationProperties, ...passholderEditProperties },
  // The keys that make the limits per period hold in the database: bookkeeping, not something a person reads.
  Checkin: { periodKey: bookkeeping, slot: bookkeeping },
  TicketSale: { periodKey: bookkeeping },
  Redemption: { periodKey: bookkeeping },
  // Shown and filtered by what they mean; the labels are in the locale (admin/locale/audit-actions.ts).
  AuditLog: {
    action: { availableValues: Object.keys(auditActions).map((action) => ({ value: action, label: action })) },
    resource: { availableValues: Object.keys(resourcePresentation).map((model) => ({ value: model, label: model })) },
  },
  EmailMessage: emailMessageProperties,
  Coupon: couponProperties,
};

/** Text filters that match the whole value: the audit trail of "Card" 5 is not that of "CardSystem" or of 15. */
export const exactFilterFields: Readonly<Record<string, string[]>> = { AuditLog: ["resource", "recordId"] };

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

