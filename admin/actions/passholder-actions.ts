import type { CardIssueReason, PrismaClient } from "@prisma/client";
import type { Action, ActionResponse } from "adminjs";
import { giveNewCard, newCardReasons } from "../../core/cards/give-new-card.js";
import { dutchEnumLabel } from "../../core/labels/enum-labels.js";
import { blockCurrentCard, passholderName } from "./passholder-card.js";
import { blockCardsAction } from "./block-cards.js";
import { cardHistoryAction } from "./card-history-action.js";
import { passholderEditRules } from "./passholder-edit.js";
import { registerPassholderAction } from "./passholder-register.js";
import { gdprActions } from "./gdpr-actions.js";
import { reasonRecordAction, reasonText, text } from "./record-action.js";

/** The manual's reasons for a new card, as offered in the form (value and Dutch label). */
export const newCardReasonOptions = newCardReasons.map((value) => ({ value, label: reasonLabel(value) }));

function reasonLabel(reason: CardIssueReason): string {
  return dutchEnumLabel("CardIssueReason", reason);
}

/** Registering and editing by the rules of core, card tasks (block, new card, card history, block several) and the GDPR rights. */
export function passholderActions(client: PrismaClient, dataDir?: string) {
  return {
    new: registerPassholderAction(client),
    edit: { before: passholderEditRules(client) } as Partial<Action<ActionResponse>>,
    // A passholder is never deleted: cards, points and tickets keep referring to them (nothing is lost).
    delete: { isAccessible: false, isVisible: false },
    bulkDelete: { isAccessible: false, isVisible: false },
    blockCard: reasonRecordAction(client, {
      model: "Passholder",
      icon: "Lock",
      guard: "guardBlockCard",
      run: async ({ id, params, payload, actor, request }) => {
        const card = await blockCurrentCard(client, { passholderId: id, reason: text(payload, "reason"), actor, request });
        return `Kaart ${card.number} van ${passholderName(params)} geblokkeerd: ${reasonText(text(payload, "reason"))}.`;
      },
    }),
    newCard: reasonRecordAction(client, {
      model: "Passholder",
      icon: "CreditCard",
      guard: "guardNewCard",
      custom: { reasons: newCardReasonOptions },
      run: async ({ id, params, payload, actor, request }) => {
        const reason = text(payload, "reason") as CardIssueReason;
        const { card, previous } = await giveNewCard(client, {
          passholderId: id,
          newCardNumber: text(payload, "newCardNumber"),
          reason,
          kansenstatuutEnd: text(payload, "kansenstatuutEnd"),
          actor,
          request,
        });
        const replaced = previous ? `; de oude kaart ${previous.number} is vervangen` : "";
        return `Nieuwe kaart ${card.number} uitgereikt aan ${passholderName(params)} (${reasonLabel(reason)})${replaced}.`;
      },
    }),
    cardHistory: cardHistoryAction(client),
    blockCards: blockCardsAction(client),
    ...gdprActions(client, dataDir),
  };
}
