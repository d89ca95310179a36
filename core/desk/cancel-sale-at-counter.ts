import type { TicketSale } from "@prisma/client";
import type { Actor, RequestMeta } from "../access/actor.js";
import { counterForActor } from "../access/authorize.js";
import { CardSystemError } from "../errors.js";
import { cancelTicket } from "../tickets/cancel-ticket.js";
import { localDate } from "../time/periods.js";
import type { Db } from "../transaction.js";
import { requireUuid } from "../validation/ids.js";

/**
 * At the desk only a sale of this counter, made today, can be cancelled (the backoffice corrects older ones).
 * Another counter's sale reads as unknown.
 */
export async function cancelSaleAtCounter(
  db: Db,
  input: { ticketId: unknown; counterId: unknown; reason: string; actor: Actor; request?: RequestMeta; at?: Date },
): Promise<TicketSale> {
  const at = input.at ?? new Date();
  const counter = await counterForActor(db, input.actor, input.counterId);
  const ticketId = requireUuid(input.ticketId, "ticketId", "TICKET_NOT_FOUND");
  const ticket = await db.ticketSale.findUnique({ where: { id: ticketId }, select: { counterId: true, soldAt: true } });
  if (!ticket || ticket.counterId !== counter.id) throw new CardSystemError("TICKET_NOT_FOUND", { field: "ticketId" });
  if (localDate(ticket.soldAt) !== localDate(at)) {
    throw new CardSystemError("NOT_ALLOWED", {
      field: "ticketId",
      message: "Aan de balie kan je enkel een kansentarief van vandaag annuleren. Vraag de lokale verantwoordelijke om een oudere verkoop recht te zetten.",
    });
  }
  return cancelTicket(db, { ticketId, reason: input.reason, counterId: counter.id, actor: input.actor, request: input.request, at });
}
