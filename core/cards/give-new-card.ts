import type { Card, CardIssueReason } from "@prisma/client";
import { recordAudit } from "../audit/record-audit.js";
import { CardSystemError } from "../errors.js";
import { lockPassholder } from "../passholders/lock-passholder.js";
import { inTransaction, isUniqueViolation, type Db } from "../transaction.js";
import { normalizeCardNumber } from "../validation/card-number.js";
import { requireUuid } from "../validation/ids.js";
import { requireRegistrationCounter } from "./registration-counter.js";

/** The manual's reasons for a new card (plus UiTPAS's losing kansenstatuut and upgrade). */
export const newCardReasons: Exclude<CardIssueReason, "FIRST_CARD">[] = [
  "EXTRA_CARD",
  "DEFECT",
  "THEFT_LOSS",
  "KANSENSTATUUT_OBTAINED",
  "KANSENSTATUUT_LOST",
  "UPGRADE",
];

export interface GiveNewCardInput {
  passholderId: string;
  newCardNumber: string;
  reason: CardIssueReason;
  counterId?: number;
  actor: string;
  at?: Date;
}

/**
 * Gives a passholder a new card: the current card goes out of use (replaced), the new one becomes the
 * active card. Points belong to the passholder, so they stay.
 */
export async function giveNewCard(db: Db, input: GiveNewCardInput): Promise<{ card: Card; previous: Card | null }> {
  const passholderId = requireUuid(input.passholderId, "passholderId", "PASSHOLDER_NOT_FOUND");
  const number = normalizeCardNumber(input.newCardNumber, "newCardNumber");
  if (!(newCardReasons as string[]).includes(input.reason)) {
    throw new CardSystemError("VALIDATION", { field: "reason", message: "Kies een reden voor de nieuwe kaart." });
  }
  const at = input.at ?? new Date();
  try {
    return await inTransaction(db, async (tx) => {
      const counter = input.counterId !== undefined ? await requireRegistrationCounter(tx, input.counterId) : undefined;
      await lockPassholder(tx, passholderId);
      const previous = await tx.card.findFirst({ where: { passholderId, replacedByCardId: null }, orderBy: { issuedAt: "desc" } });
      if (previous?.status === "ACTIVE") {
        await tx.card.update({ where: { id: previous.id }, data: { status: "REPLACED", replacedAt: at } });
      }
      const card = await tx.card.create({
        data: { number, passholderId, issueReason: input.reason, issuedAt: at, issuedAtCounterId: counter?.id },
      });
      if (previous) await tx.card.update({ where: { id: previous.id }, data: { replacedByCardId: card.id, replacedAt: previous.replacedAt ?? at } });
      await recordAudit(tx, {
        actor: input.actor,
        action: "card.new",
        resource: "Card",
        recordId: card.id,
        changes: { number, issueReason: input.reason, passholderId, replacedCardId: previous?.id ?? null },
      });
      return { card, previous: previous ? await tx.card.findUnique({ where: { id: previous.id } }) : null };
    });
  } catch (error) {
    if (isUniqueViolation(error, "number")) throw new CardSystemError("CARD_NUMBER_TAKEN", { field: "newCardNumber" });
    throw error;
  }
}
