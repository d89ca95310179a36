import type { Role } from "@prisma/client";
import type { Action, ActionContext, ActionResponse } from "adminjs";
import { formatManualCode } from "../../core/savecodes/manual-code.js";
import { roleMay } from "../../core/access/role-may.js";
import { saveCodePaths } from "../qr-routes.js";

export const EVENT_SAVE_CODE_COMPONENT = "EventSaveCode";

/**
 * Evenement → "QR-spaarcode downloaden": a page with the code, the code to type and the downloads. The record comes from the
 * scoped resource (another municipality's event is not found); the files themselves are served by qr-routes,
 * which checks the user again.
 */
export const eventSaveCodeAction: Partial<Action<ActionResponse>> = {
  actionType: "record",
  icon: "Download",
  component: EVENT_SAVE_CODE_COMPONENT,
  isAccessible: ({ currentAdmin }: ActionContext) => roleMay((currentAdmin as { role?: Role } | undefined)?.role, "Event", "show"),
  handler: async (_request, _response, context: ActionContext) => {
    const record = context.record!;
    return {
      record: record.toJSON(context.currentAdmin),
      downloads: saveCodePaths(context._admin.options.rootPath, String(record.id())),
      manualCode: formatManualCode(String(record.param("manualCode"))),
    };
  },
};
