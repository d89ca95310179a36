import type { Actor } from "../access/actor.js";
import { counterForActor } from "../access/authorize.js";
import { CardSystemError } from "../errors.js";
import type { Db } from "../transaction.js";
import { normalizeCardNumber } from "../validation/card-number.js";
import { normalizeInsz } from "../validation/insz.js";

export interface Identified {
  passholderId: string;
  /** The active card the desk acts with. */
  cardNumber: string;
}

const FIELD = "kaart";

const digitsOf = (typed: unknown) => (typeof typed === "string" ? typed.trim() : "").replace(/[\s.\-/]/g, "");

/** Whether the typed value is looked up as a national register number (11 digits) rather than a card number. */
export function isInszLookup(typed: unknown): boolean {
  return digitsOf(typed).length === 11;
}

/**
 * Who stands at the counter: the passholder of a scanned or typed card number (13 digits) or, when the card was
 * forgotten, of a national register number (11 digits), in the counter's card system. A blocked or replaced card
 * is refused with what the desk needs to help further (the block reason, the passholder to give a new card).
 */
export async function identifyPassholder(db: Db, { actor, counterId, typed }: { actor: Actor; counterId: unknown; typed: unknown }): Promise<Identified> {
  const counter = await counterForActor(db, actor, counterId);
  const digits = digitsOf(typed);
  if (!digits) throw new CardSystemError("VALIDATION", { field: FIELD, message: "Scan de kaart of typ het kaartnummer (13 cijfers) of het rijksregisternummer (11 cijfers)." });

  if (isInszLookup(digits)) {
    const insz = normalizeInsz(digits, FIELD);
    const passholder = await db.passholder.findFirst({ where: { insz, cardSystemId: counter.cardSystemId }, select: { id: true } });
    if (!passholder) throw new CardSystemError("PASSHOLDER_NOT_FOUND", { field: FIELD, message: "Er is geen pashouder met dit rijksregisternummer (INSZ)." });
    const card = await db.card.findFirst({ where: { passholderId: passholder.id, status: "ACTIVE" } });
    if (!card) {
      throw new CardSystemError("CARD_NOT_FOUND", {
        field: FIELD,
        message: "Deze pashouder heeft geen actieve kaart.",
        details: { passholderId: passholder.id },
      });
    }
    return { passholderId: passholder.id, cardNumber: card.number };
  }

  const number = normalizeCardNumber(digits, FIELD);
  const card = await db.card.findUnique({ where: { number }, include: { passholder: { select: { cardSystemId: true } } } });
  if (!card || card.passholder.cardSystemId !== counter.cardSystemId) throw new CardSystemError("CARD_NOT_FOUND", { field: FIELD });
  if (card.status === "BLOCKED") {
    throw new CardSystemError("CARD_BLOCKED", {
      field: FIELD,
      details: { passholderId: card.passholderId, blockReason: card.blockReason, blockedAt: card.blockedAt },
    });
  }
  if (card.status === "REPLACED") {
    const active = await db.card.findFirst({ where: { passholderId: card.passholderId, status: "ACTIVE" }, select: { number: true } });
    throw new CardSystemError("CARD_REPLACED", { field: FIELD, details: { passholderId: card.passholderId, activeCardNumber: active?.number } });
  }
  return { passholderId: card.passholderId, cardNumber: card.number };
}
