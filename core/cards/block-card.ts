import type { Card } from "@prisma/client";
import { recordAudit } from "../audit/record-audit.js";
import { CardSystemError } from "../errors.js";
import { inTransaction, type Db } from "../transaction.js";
import { normalizeCardNumber } from "../validation/card-number.js";
import { requireReason } from "../validation/reason.js";
import { requireRegistrationCounter } from "./registration-counter.js";

export interface BlockCardInput {
  cardNumber: string;
  reason: string;
  /** When done at a counter, the counter must be allowed to register (and so to block and renew cards). */
  counterId?: number;
  actor: string;
  at?: Date;
}

/** Blocks a card: it can no longer save points or get advantages. The passholder and their points stay. */
export async function blockCard(db: Db, input: BlockCardInput): Promise<Card> {
  const number = normalizeCardNumber(input.cardNumber);
  const reason = requireReason(input.reason);
  return inTransaction(db, async (tx) => {
    if (input.counterId !== undefined) await requireRegistrationCounter(tx, input.counterId);
    const blocked = await tx.card.updateMany({
      where: { number, status: "ACTIVE" },
      data: { status: "BLOCKED", blockedAt: input.at ?? new Date(), blockReason: reason },
    });
    const card = await tx.card.findUnique({ where: { number } });
    if (!card) throw new CardSystemError("CARD_NOT_FOUND", { field: "cardNumber" });
    if (blocked.count === 0) {
      throw new CardSystemError(card.status === "BLOCKED" ? "CARD_ALREADY_BLOCKED" : "CARD_REPLACED", { field: "cardNumber" });
    }
    await recordAudit(tx, { actor: input.actor, action: "card.block", resource: "Card", recordId: card.id, changes: { status: "BLOCKED", blockReason: reason } });
    return card;
  });
}
