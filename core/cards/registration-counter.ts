import type { Counter } from "@prisma/client";
import { counterWithPermission } from "../counters/require-permission.js";
import type { Tx } from "../transaction.js";
import { requireIntId } from "../validation/ids.js";

/** Only counters of a registration permission group may register passholders, block and renew cards. */
export function requireRegistrationCounter(tx: Tx, counterId: unknown): Promise<Counter> {
  return counterWithPermission(
    tx,
    requireIntId(counterId, "counterId", "COUNTER_NOT_FOUND"),
    ["AUTHORISED_REGISTRATION", "NON_AUTHORISED_REGISTRATION"],
    "COUNTER_MAY_NOT_REGISTER",
  );
}
