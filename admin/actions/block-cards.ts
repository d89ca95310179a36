import type { PrismaClient } from "@prisma/client";
import type { Action, ActionContext, ActionResponse, ActionRequest, BulkActionResponse } from "adminjs";
import { isCardSystemError } from "../../core/errors.js";
import { requireReason } from "../../core/validation/reason.js";
import { requestMetaOf } from "../audit-origin.js";
import { blockCurrentCard, passholderName } from "./passholder-card.js";
import { actingUser, mayChange, text } from "./record-action.js";

interface Outcome {
  passholderId: string;
  name: string;
  blocked: boolean;
  message: string;
}

/** "Kaarten blokkeren": one reason for several passholders, each through blockCard, each reported. */
export function blockCardsAction(client: PrismaClient): Partial<Action<ActionResponse>> {
  return {
    actionType: "bulk",
    icon: "Lock",
    guard: "guardBlockCards",
    component: false,
    isAccessible: mayChange("Passholder"),
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext): Promise<BulkActionResponse> => {
      const records = context.records ?? [];
      const json = () => records.map((record) => record.toJSON(context.currentAdmin));
      if (request.method !== "post") return { records: json() };
      const actor = await actingUser(client, context, "Passholder");
      let reason: string;
      try {
        reason = requireReason(text(request.payload ?? {}, "reason"));
      } catch (error) {
        if (!isCardSystemError(error)) throw error;
        return { records: json(), notice: { type: "error", message: error.message }, errors: { reason: { message: error.message } } };
      }
      const outcomes: Outcome[] = [];
      // One after another: each block is its own transaction and audit row.
      for (const record of records) {
        const name = passholderName(record.params);
        try {
          const card = await blockCurrentCard(client, { passholderId: String(record.id()), reason, actor, request: requestMetaOf(request) });
          outcomes.push({ passholderId: String(record.id()), name, blocked: true, message: `kaart ${card.number} geblokkeerd` });
        } catch (error) {
          if (!isCardSystemError(error)) throw error;
          outcomes.push({ passholderId: String(record.id()), name, blocked: false, message: error.message });
        }
      }
      const blocked = outcomes.filter((outcome) => outcome.blocked).length;
      const message = `${blocked} van ${outcomes.length} kaarten geblokkeerd. ${outcomes.map((outcome) => `${outcome.name}: ${outcome.message}`).join("; ")}`;
      return { records: json(), outcomes, notice: { type: blocked === outcomes.length ? "success" : "error", message } };
    },
  };
}
