import type { PrismaClient } from "@prisma/client";
import type { Action, ActionContext, ActionResponse, RecordActionResponse } from "adminjs";
import { cardHistory } from "../../core/cards/card-history.js";
import { enumLabels } from "../locale/field-labels.js";
import { actingUser, mayChange } from "./record-action.js";

const day = new Intl.DateTimeFormat("nl-BE", { dateStyle: "short", timeZone: "Europe/Brussels" });

/** "Kaarthistoriek": every card the passholder had, newest first; reads only. */
export function cardHistoryAction(client: PrismaClient): Partial<Action<ActionResponse>> {
  return {
    actionType: "record",
    icon: "List",
    component: false,
    isAccessible: mayChange("Passholder"),
    handler: async (_request: unknown, _response: unknown, context: ActionContext): Promise<RecordActionResponse> => {
      await actingUser(client, context, "Passholder");
      const record = context.record!;
      const cards = await cardHistory(client, String(record.id()));
      const lines = cards.map((card) => {
        const status = enumLabels.CardStatus?.[card.status]?.nl ?? card.status;
        const reason = enumLabels.CardIssueReason?.[card.issueReason]?.nl ?? card.issueReason;
        const where = card.issuedAtCounter ? ` aan ${card.issuedAtCounter.name}` : "";
        return `${card.number}: ${status} (${reason}, uitgereikt ${day.format(card.issuedAt)}${where})`;
      });
      const message = lines.length ? `Kaarthistoriek: ${lines.join("; ")}` : "Deze pashouder heeft nog geen kaart.";
      return {
        record: record.toJSON(context.currentAdmin),
        cards: cards.map((card) => ({ number: card.number, status: card.status, issueReason: card.issueReason, issuedAt: card.issuedAt, counter: card.issuedAtCounter?.name ?? null })),
        notice: { type: "info", message },
      };
    },
  };
}
