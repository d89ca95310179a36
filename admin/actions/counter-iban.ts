import type { Action, ActionRequest, ActionResponse } from "adminjs";
import { isCardSystemError } from "../../core/errors.js";
import { normalizeBelgianIban } from "../../core/validation/iban.js";
import { coreRefusal } from "../write-errors.js";

/** A counter's IBAN (for the kansentarief settlement) is checked and written in groups of four, as core does. */
async function checkedIban(request: ActionRequest): Promise<ActionRequest> {
  const iban = request.payload?.iban;
  if (request.method !== "post" || typeof iban !== "string" || iban.trim() === "") return request;
  try {
    return { ...request, payload: { ...request.payload, iban: normalizeBelgianIban(iban) } };
  } catch (error) {
    if (isCardSystemError(error)) throw coreRefusal(error);
    throw error;
  }
}

export const counterActions: Record<string, Partial<Action<ActionResponse>>> = {
  new: { before: checkedIban },
  edit: { before: checkedIban },
};
