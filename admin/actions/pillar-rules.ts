import type { PrismaClient } from "@prisma/client";
import type { ActionContext, ActionRequest } from "adminjs";
import { isCardSystemError } from "../../core/errors.js";
import { checkFixedEventChoice } from "../../core/pillars/fixed-event-choice.js";
import { isUuid } from "../../core/validation/ids.js";
import { actorOf } from "../access/actor.js";
import { pickScope } from "../../core/access/scope.js";
import { coreRefusal } from "../write-errors.js";

/** A `before` hook of "Nieuw" and "Bewerken" on a pillar: a fixed event newly chosen must still award points. */
export function pillarFixedEventRule(client: PrismaClient) {
  return async (request: ActionRequest, context: ActionContext): Promise<ActionRequest> => {
    const chosen = request.payload?.fixedEvent;
    if (request.method !== "post" || typeof chosen !== "string" || !chosen || chosen === context.record?.params.fixedEvent) return request;
    // An event out of the user's reach is refused by the resource, in the words of the scope.
    const events = pickScope(await actorOf(client, context), "Event");
    if (!isUuid(chosen) || !events || (await client.event.count({ where: { AND: [{ id: chosen }, events] } })) === 0) return request;
    try {
      await checkFixedEventChoice(client, chosen);
    } catch (error) {
      if (isCardSystemError(error)) throw coreRefusal(error);
      throw error;
    }
    return request;
  };
}
