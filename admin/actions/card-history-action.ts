import type { PrismaClient } from "@prisma/client";
import type { Action, ActionContext, ActionResponse, RecordActionResponse } from "adminjs";
import { cardHistory } from "../../core/cards/card-history.js";
import { formatMoment } from "../../core/time/calendar-date.js";
import { readScope } from "../../core/access/scope.js";
import { dutchEnumLabel } from "../../core/labels/enum-labels.js";
import { outOfReach } from "../presentation/out-of-reach.js";
import { actingUser, mayChange } from "./record-action.js";

export const CARD_HISTORY_COMPONENT = "CardHistory";

/** One line of "Kaarthistoriek" as the table shows it: Dutch words, moments as dd/mm/jjjj uu:mm in Brussels. */
export interface CardHistoryRow {
  number: string;
  status: string;
  statusLabel: string;
  reason: string;
  blockReason: string | null;
  from: string;
  until: string;
  counter: string | null;
}

/** "Kaarthistoriek": every card the passholder had, newest first, on a page of its own; reads only. */
export function cardHistoryAction(client: PrismaClient): Partial<Action<ActionResponse>> {
  return {
    actionType: "record",
    icon: "List",
    component: CARD_HISTORY_COMPONENT,
    isAccessible: mayChange("Passholder"),
    handler: async (_request: unknown, _response: unknown, context: ActionContext): Promise<RecordActionResponse & { cards: CardHistoryRow[] }> => {
      const actor = await actingUser(client, context, "Passholder");
      const record = context.record!;
      const cards = await cardHistory(client, String(record.id()));
      const counterIds = [...new Set(cards.flatMap((card) => card.issuedAtCounterId ?? []))];
      const scope = readScope(actor, "Counter");
      const reachable = new Set(
        scope ? (await client.counter.findMany({ where: { AND: [{ id: { in: counterIds } }, scope] }, select: { id: true } })).map((counter) => counter.id) : [],
      );
      return {
        record: record.toJSON(context.currentAdmin),
        cards: cards.map((card) => ({
          number: card.number,
          status: card.status,
          statusLabel: dutchEnumLabel("CardStatus", card.status),
          reason: dutchEnumLabel("CardIssueReason", card.issueReason),
          blockReason: card.blockReason,
          from: formatMoment(card.issuedAt),
          // A blocked card that was then replaced went out of use when it was blocked.
          until: formatMoment(card.blockedAt ?? card.replacedAt),
          counter: card.issuedAtCounterId === null ? null : reachable.has(card.issuedAtCounterId) ? (card.issuedAtCounter?.name ?? null) : outOfReach("Counter"),
        })),
      };
    },
  };
}
