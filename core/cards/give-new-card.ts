import type { Card, CardIssueReason } from "@prisma/client";
import type { Actor, RequestMeta } from "../access/actor.js";
import { passholderForActor } from "../access/authorize.js";
import { recordAudit } from "../audit/record-audit.js";
import { CardSystemError } from "../errors.js";
import { lockPassholder } from "../passholders/lock-passholder.js";
import { inTransaction, isUniqueViolation, type Db } from "../transaction.js";
import { localDate } from "../time/periods.js";
import { normalizeCardNumber } from "../validation/card-number.js";
import { requiredDate } from "../validation/fields.js";
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
  /** With "Verkrijgen kansenstatuut": until when the new kansenstatuut runs (dd/mm/jjjj). */
  kansenstatuutEnd?: string | Date;
  /** When done at a counter, one the actor works for that may register. */
  counterId?: unknown;
  actor: Actor;
  request?: RequestMeta;
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
  const kansenstatuut = input.reason === "KANSENSTATUUT_OBTAINED" ? obtainedKansenstatuut(input.kansenstatuutEnd, at) : undefined;
  try {
    return await inTransaction(db, async (tx) => {
      const counter = input.counterId === undefined ? undefined : await requireRegistrationCounter(tx, input.actor, input.counterId);
      await passholderForActor(tx, input.actor, passholderId, counter);
      await lockPassholder(tx, passholderId);
      const previous = await tx.card.findFirst({ where: { passholderId, replacedByCardId: null }, orderBy: { issuedAt: "desc" } });
      if (previous?.status === "ACTIVE") {
        await tx.card.update({ where: { id: previous.id }, data: { status: "REPLACED", replacedAt: at } });
      }
      const card = await tx.card.create({
        data: { number, passholderId, issueReason: input.reason, issuedAt: at, issuedAtCounterId: counter?.id },
      });
      if (previous) await tx.card.update({ where: { id: previous.id }, data: { replacedByCardId: card.id, replacedAt: previous.replacedAt ?? at } });
      if (kansenstatuut) await tx.passholder.update({ where: { id: passholderId }, data: kansenstatuut });
      await recordAudit(tx, {
        actor: input.actor,
        request: input.request,
        action: "card.new",
        resource: "Card",
        recordId: card.id,
        changes: {
          number,
          issueReason: input.reason,
          passholderId,
          ...(counter ? { counterId: counter.id } : {}),
          replacedCardId: previous?.id ?? null,
          ...(kansenstatuut ? { kansenstatuutEnd: kansenstatuut.kansenstatuutEnd.toISOString().slice(0, 10) } : {}),
        },
      });
      return { card, previous: previous ? await tx.card.findUnique({ where: { id: previous.id } }) : null };
    });
  } catch (error) {
    if (isUniqueViolation(error, "number")) throw new CardSystemError("CARD_NUMBER_TAKEN", { field: "newCardNumber" });
    throw error;
  }
}

/** A card given because the passholder obtained kansenstatuut starts it today, until the end asked in the form. */
function obtainedKansenstatuut(end: string | Date | undefined, at: Date): { kansenstatuutStart: Date; kansenstatuutEnd: Date } {
  const field = "kansenstatuutEnd";
  if (end === undefined || end === "") {
    throw new CardSystemError("VALIDATION", { field, message: "Vul in tot wanneer het kansenstatuut geldt (standaard 30 april van volgend jaar)." });
  }
  const kansenstatuutEnd = requiredDate(end, field, "Einde kansenstatuut");
  const today = localDate(at);
  if (kansenstatuutEnd.toISOString().slice(0, 10) < today) {
    throw new CardSystemError("VALIDATION", { field, message: "Het einde van het kansenstatuut ligt in het verleden: kies een datum vanaf vandaag." });
  }
  return { kansenstatuutStart: new Date(`${today}T00:00:00Z`), kansenstatuutEnd };
}
