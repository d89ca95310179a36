import type { Role } from "@prisma/client";
import type { Action, ActionContext, ActionResponse, RecordActionResponse } from "adminjs";
import { roleMay } from "../../core/access/role-may.js";

/**
 * "Geschiedenis van wijzigingen" on any record: opens the audit trail filtered on that record (who, what,
 * which fields, when, from where). Only for those who may read the audit trail, which checks them again.
 */
export function auditTrailAction(model: string): Partial<Action<ActionResponse>> {
  return {
    actionType: "record",
    icon: "Clock",
    component: false,
    // Also only where the record itself may be shown: a model closed as rows (e.g. agreements) is not opened this way.
    isAccessible: ({ currentAdmin, resource, record }: ActionContext) =>
      roleMay((currentAdmin as { role?: Role } | undefined)?.role, "AuditLog", "list") && resource.decorate().actions.show?.isAccessible(currentAdmin, record) === true,
    handler: async (_request, _response, context: ActionContext): Promise<RecordActionResponse> => {
      const record = context.record!;
      const filters = new URLSearchParams({ "filters.resource": model, "filters.recordId": String(record.id()) });
      return { record: record.toJSON(context.currentAdmin), redirectUrl: `${context.h.resourceUrl({ resourceId: "AuditLog" })}?${filters}` };
    },
  };
}
