import type { Card } from "@prisma/client";
import type { Actor, RequestMeta } from "../access/actor.js";
import { mayServePassholder } from "../access/authorize.js";
import { recordAudit } from "../audit/record-audit.js";
import { CardSystemError } from "../errors.js";
import { inTransaction, type Db } from "../transaction.js";
import { normalizeCardNumber } from "../validation/card-number.js";
import { requireReason } from "../validation/reason.js";
import { requireRegistrationCounter } from "./registration-counter.js";

export interface BlockCardInput {
  cardNumber: string;
  reason: string;
  /** When done at a counter, one the actor works for that may register (and so block and renew cards). */
  counterId?: unknown;
  actor: Actor;
  request?: RequestMeta;
  at?: Date;
}

/** Blocks a card: it can no longer save points or get advantages. The passholder and their points stay. */
export async function blockCard(db: Db, input: BlockCardInput): Promise<Card> {
  const number = normalizeCardNumber(input.cardNumber);
  const reason = requireReason(input.reason);
  return inTransaction(db, async (tx) => {
    const counter = input.counterId === undefined ? undefined : await requireRegistrationCounter(tx, input.actor, input.counterId);
    const found = await tx.card.findUnique({ where: { number }, include: { passholder: { select: { id: true, municipalityId: true, cardSystemId: true } } } });
    if (!found || !mayServePassholder(input.actor, found.passholder, counter)) throw new CardSystemError("CARD_NOT_FOUND", { field: "cardNumber" });
    const blocked = await tx.card.updateMany({
      where: { number, status: "ACTIVE" },
      data: { status: "BLOCKED", blockedAt: input.at ?? new Date(), blockReason: reason },
    });
    const card = await tx.card.findUniqueOrThrow({ where: { number } });
    if (blocked.count === 0) {
      throw new CardSystemError(card.status === "BLOCKED" ? "CARD_ALREADY_BLOCKED" : "CARD_REPLACED", { field: "cardNumber" });
    }
    await recordAudit(tx, {
      actor: input.actor,
      request: input.request,
      action: "card.block",
      resource: "Card",
      recordId: card.id,
      changes: { status: "BLOCKED", blockReason: reason, ...(counter ? { counterId: counter.id } : {}) },
    });
    return card;
  });
}
