import type { Card, Passholder } from "@prisma/client";
import { CardSystemError } from "../errors.js";
import type { Db } from "../transaction.js";
import { normalizeCardNumber } from "../validation/card-number.js";

/** The card behind a number typed or scanned at a counter or pillar, refused unless it is active. */
export async function findActiveCard(db: Db, cardNumber: string, field = "cardNumber"): Promise<Card & { passholder: Passholder }> {
  const number = normalizeCardNumber(cardNumber, field);
  const card = await db.card.findUnique({ where: { number }, include: { passholder: true } });
  if (!card) throw new CardSystemError("CARD_NOT_FOUND", { field });
  refuseInactive(card, field);
  return card;
}

/** The passholder's active card (portal and QR saving know the passholder, not the card). */
export async function findActiveCardOfPassholder(db: Db, passholderId: string): Promise<Card> {
  const active = await db.card.findFirst({ where: { passholderId, status: "ACTIVE" } });
  if (active) return active;
  const latest = await db.card.findFirst({ where: { passholderId }, orderBy: { issuedAt: "desc" } });
  if (!latest) throw new CardSystemError("CARD_NOT_FOUND", { field: "passholderId" });
  refuseInactive(latest, "passholderId");
  return latest;
}

function refuseInactive(card: Card, field: string): void {
  if (card.status === "BLOCKED") throw new CardSystemError("CARD_BLOCKED", { field });
  if (card.status === "REPLACED") throw new CardSystemError("CARD_REPLACED", { field });
}
