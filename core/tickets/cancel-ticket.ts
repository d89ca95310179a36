import type { TicketSale } from "@prisma/client";
import { recordAudit } from "../audit/record-audit.js";
import { CardSystemError } from "../errors.js";
import { inTransaction, type Db } from "../transaction.js";
import { requireUuid } from "../validation/ids.js";
import { requireReason } from "../validation/reason.js";

/** Cancels a wrongly granted kansentarief; the ticket stays on record and frees its place in the MIA constraint. */
export async function cancelTicket(db: Db, input: { ticketId: string; reason: string; actor: string; at?: Date }): Promise<TicketSale> {
  const ticketId = requireUuid(input.ticketId, "ticketId", "TICKET_NOT_FOUND");
  const reason = requireReason(input.reason);
  return inTransaction(db, async (tx) => {
    const cancelled = await tx.ticketSale.updateMany({
      where: { id: ticketId, status: "ACTIVE" },
      data: { status: "CANCELLED", cancelledAt: input.at ?? new Date(), cancelledBy: input.actor, cancelReason: reason },
    });
    const ticket = await tx.ticketSale.findUnique({ where: { id: ticketId } });
    if (!ticket) throw new CardSystemError("TICKET_NOT_FOUND", { field: "ticketId" });
    if (cancelled.count === 0) throw new CardSystemError("TICKET_ALREADY_CANCELLED", { field: "ticketId" });
    await recordAudit(tx, { actor: input.actor, action: "ticket.cancel", resource: "TicketSale", recordId: ticket.id, changes: { status: "CANCELLED", cancelReason: reason } });
    return ticket;
  });
}
