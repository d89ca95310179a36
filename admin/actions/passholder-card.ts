import type { Card, PrismaClient } from "@prisma/client";
import type { Caller } from "../../core/access/actor.js";
import { blockCard } from "../../core/cards/block-card.js";
import { CardSystemError } from "../../core/errors.js";

/**
 * Blocks the passholder's current card (the one not replaced by another). A current card that is already
 * blocked is left to blockCard, which refuses it in its own words.
 */
export async function blockCurrentCard(client: PrismaClient, input: { passholderId: string; reason: string } & Caller): Promise<Card> {
  const card = await client.card.findFirst({
    where: { passholderId: input.passholderId, replacedByCardId: null },
    orderBy: [{ issuedAt: "desc" }, { id: "desc" }],
  });
  if (!card) throw new CardSystemError("CARD_NOT_FOUND", { field: "cardNumber", message: "Deze pashouder heeft geen kaart." });
  return blockCard(client, { cardNumber: card.number, reason: input.reason, actor: input.actor, request: input.request });
}

export function passholderName(params: Record<string, unknown>): string {
  return [params.firstName, params.lastName].filter((part) => typeof part === "string" && part).join(" ");
}
