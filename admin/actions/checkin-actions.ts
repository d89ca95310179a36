import type { PrismaClient } from "@prisma/client";
import { correctCheckin } from "../../core/checkins/correct-checkin.js";
import { reasonRecordAction, text } from "./record-action.js";

/** "Corrigeren": the check-in stays, marked corrected, and the ledger gets its counter-entry. */
export function checkinActions(client: PrismaClient) {
  return {
    correctCheckin: reasonRecordAction(client, {
      model: "Checkin",
      icon: "RotateCcw",
      guard: "guardCorrectCheckin",
      shownFor: (params) => params.corrected !== true,
      run: async ({ id, payload, actor }) => {
        const { balance } = await correctCheckin(client, { checkinId: id, reason: text(payload, "reason"), actor: actor.email });
        return `De check-in werd gecorrigeerd; het punt werd teruggeboekt. Nieuw saldo: ${balance} punten.`;
      },
    }),
  };
}
