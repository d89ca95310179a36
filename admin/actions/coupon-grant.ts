import type { PrismaClient, Role } from "@prisma/client";
import { ForbiddenError, type Action, type ActionContext, type ActionRequest, type ActionResponse, type CurrentAdmin, type PropertyOptions, type RecordActionResponse, type RecordJSON } from "adminjs";
import { requestMetaOf } from "../audit-origin.js";
import { couponGrantCounts, couponReach } from "../../core/coupons/coupon-reach.js";
import { grantCouponToTarget } from "../../core/coupons/grant-coupon-to-target.js";
import { isCardSystemError } from "../../core/errors.js";
import { actorOf } from "../access/actor.js";
import { roleMay } from "../../core/access/role-may.js";
import { refusal, text } from "./record-action.js";

export const COUPON_GRANT_COMPONENT = "CouponGrant";

/** How many passholders hold the coupon (within a municipal administrator's municipality): a column and a field of the show page. */
export const couponProperties: Record<string, PropertyOptions> = {
  grantCount: { type: "number", isSortable: false, isVisible: { list: true, show: true, edit: false, filter: false } },
};

// Coupons stay read-only for a municipal administrator, but they grant them to their own passholders (core decides whom).
const mayGrant = ({ currentAdmin }: { currentAdmin?: CurrentAdmin }): boolean => roleMay((currentAdmin as { role?: Role } | undefined)?.role, "Coupon", "grantCoupon");

/**
 * Coupon → "Toekennen". A GET answers whom the coupon is for and how many of them hold it already; each POST grants
 * one batch (continuing `after` the previous one), so the screen shows the progress of a large target.
 */
function grantCouponAction(client: PrismaClient): Partial<Action<ActionResponse>> {
  const handler = async (request: ActionRequest, response: unknown, context: ActionContext): Promise<RecordActionResponse> => {
    const record = context.record!;
    const json = record.toJSON(context.currentAdmin);
    const actor = await actorOf(client, context);
    if (!actor) throw new ForbiddenError("anyForbiddenError");
    try {
      if (request.method !== "post") {
        const { coupon, matched, alreadyGranted, expired } = await couponReach(client, { couponId: record.id(), actor });
        const { target, segmentMunicipality, segmentMinAge, segmentMaxAge, scope } = coupon;
        return { record: json, reach: { target, segmentMunicipality, segmentMinAge, segmentMaxAge, scope: scope?.name ?? null, matched, alreadyGranted, expired } };
      }
      const after = text(request.payload ?? {}, "after");
      const progress = await grantCouponToTarget(client, {
        couponId: record.id(),
        actor,
        after: after === "" ? null : after,
        request: requestMetaOf(request),
      });
      return { record: json, progress };
    } catch (error) {
      if (!isCardSystemError(error)) throw error;
      return refusal(error, json);
    }
  };
  return { actionType: "record", icon: "Send", component: COUPON_GRANT_COMPONENT, isAccessible: mayGrant, isVisible: mayGrant, handler };
}

/** Fills each listed or shown coupon's grantCount, counted within the user's reach like the grants themselves. */
function withGrantCounts(client: PrismaClient) {
  return async (response: ActionResponse, _request: ActionRequest, context: ActionContext): Promise<ActionResponse> => {
    const actor = await actorOf(client, context);
    const { records, record } = response as { records?: RecordJSON[]; record?: RecordJSON };
    const shown = records ?? (record ? [record] : []);
    if (!actor || shown.length === 0) return response;
    const counts = await couponGrantCounts(client, shown.map((coupon) => Number(coupon.id)), actor.role === "COORDINATOR" ? null : actor.municipalityId);
    for (const coupon of shown) coupon.params.grantCount = counts.get(Number(coupon.id)) ?? 0;
    return response;
  };
}

export function couponActions(client: PrismaClient) {
  const after = withGrantCounts(client);
  return { grantCoupon: grantCouponAction(client), list: { after }, show: { after } };
}
