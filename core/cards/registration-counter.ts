import type { Counter } from "@prisma/client";
import type { Actor } from "../access/actor.js";
import { counterForActor } from "../access/authorize.js";
import type { Db } from "../transaction.js";

/** Only counters of a registration permission group may register passholders, block and renew cards; and only their own staff there. */
export function requireRegistrationCounter(db: Db, actor: Actor, counterId: unknown): Promise<Counter> {
  return counterForActor(db, actor, counterId, { groups: ["AUTHORISED_REGISTRATION", "NON_AUTHORISED_REGISTRATION"], refusal: "COUNTER_MAY_NOT_REGISTER" });
}
