import type { PrismaClient } from "@prisma/client";
import { correctCheckin } from "../../core/checkins/correct-checkin.js";
import { pointsText, reasonRecordAction, text } from "./record-action.js";

/** "Corrigeren": the check-in stays, marked corrected, and the ledger gets its counter-entry. */
export function checkinActions(client: PrismaClient) {
  return {
    correctCheckin: reasonRecordAction(client, {
      model: "Checkin",
      icon: "RotateCcw",
      guard: "guardCorrectCheckin",
      shownFor: (params) => params.corrected !== true,
      run: async ({ id, params, payload, actor, request }) => {
        const { balance } = await correctCheckin(client, { checkinId: id, reason: text(payload, "reason"), actor, request });
        return `Check-in gecorrigeerd: ${pointsText(Number(params.points))} teruggenomen; saldo nu ${balance}.`;
      },
    }),
  };
}
