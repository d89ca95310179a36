import type { TicketSale } from "@prisma/client";
import { actorLabel, type Actor, type RequestMeta } from "../access/actor.js";
import { counterForActor, mayActInMunicipality } from "../access/authorize.js";
import { recordAudit } from "../audit/record-audit.js";
import { CardSystemError } from "../errors.js";
import { inTransaction, type Db } from "../transaction.js";
import { requireUuid } from "../validation/ids.js";
import { requireReason } from "../validation/reason.js";

export interface CancelTicketInput {
  ticketId: string;
  reason: string;
  /** At a counter: only a kansentarief that counter granted. Without one (backoffice), the actor's municipality decides. */
  counterId?: unknown;
  actor: Actor;
  request?: RequestMeta;
  at?: Date;
}

/** Cancels a wrongly granted kansentarief; the ticket stays on record and frees its place in the MIA constraint. */
export async function cancelTicket(db: Db, input: CancelTicketInput): Promise<TicketSale> {
  const ticketId = requireUuid(input.ticketId, "ticketId", "TICKET_NOT_FOUND");
  const reason = requireReason(input.reason);
  return inTransaction(db, async (tx) => {
    const counter = input.counterId === undefined ? undefined : await counterForActor(tx, input.actor, input.counterId);
    const found = await tx.ticketSale.findUnique({
      where: { id: ticketId },
      select: { counterId: true, counter: { select: { municipalityId: true } }, event: { select: { municipalityId: true } } },
    });
    const allowed = found && (counter ? found.counterId === counter.id : mayActInMunicipality(input.actor, found.event.municipalityId, found.counter.municipalityId));
    if (!allowed) throw new CardSystemError("TICKET_NOT_FOUND", { field: "ticketId" });
    const cancelled = await tx.ticketSale.updateMany({
      where: { id: ticketId, status: "ACTIVE" },
      data: { status: "CANCELLED", cancelledAt: input.at ?? new Date(), cancelledBy: actorLabel(input.actor), cancelReason: reason },
    });
    const ticket = await tx.ticketSale.findUniqueOrThrow({ where: { id: ticketId } });
    if (cancelled.count === 0) throw new CardSystemError("TICKET_ALREADY_CANCELLED", { field: "ticketId" });
    await recordAudit(tx, {
      actor: input.actor,
      request: input.request,
      action: "ticket.cancel",
      resource: "TicketSale",
      recordId: ticket.id,
      changes: { status: "CANCELLED", cancelReason: reason },
    });
    return ticket;
  });
}
