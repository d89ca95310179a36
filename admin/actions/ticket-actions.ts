import type { PrismaClient } from "@prisma/client";
import { cancelTicket } from "../../core/tickets/cancel-ticket.js";
import { reasonRecordAction, text } from "./record-action.js";

/** "Annuleren" of a wrongly granted kansentarief; the ticket stays on record. */
export function ticketActions(client: PrismaClient) {
  return {
    cancelTicket: reasonRecordAction(client, {
      model: "TicketSale",
      icon: "XCircle",
      guard: "guardCancelTicket",
      shownFor: (params) => params.status === "ACTIVE",
      run: async ({ id, payload, actor, request }) => {
        await cancelTicket(client, { ticketId: id, reason: text(payload, "reason"), actor, request });
        return "Kansentarief geannuleerd.";
      },
    }),
  };
}
