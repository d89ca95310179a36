import type { PrismaClient } from "@prisma/client";
import { removeRedemption } from "../../core/advantages/remove-redemption.js";
import { pointsText, reasonRecordAction, text } from "./record-action.js";

/** "Opname verwijderen": the passholder sees the advantage again and gets the points back. */
export function redemptionActions(client: PrismaClient) {
  return {
    removeRedemption: reasonRecordAction(client, {
      model: "Redemption",
      icon: "Trash2",
      guard: "guardRemoveRedemption",
      shownFor: (params) => params.status === "ACTIVE",
      run: async ({ id, payload, actor, request }) => {
        const { pointsReturned, balance } = await removeRedemption(client, { redemptionId: id, reason: text(payload, "reason"), actor, request });
        const returned = pointsReturned > 0 ? ` ${pointsText(pointsReturned)} teruggegeven; saldo nu ${balance}.` : "";
        return `Opname verwijderd: de pashouder ziet het voordeel opnieuw.${returned}`;
      },
    }),
  };
}
