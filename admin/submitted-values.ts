import type { ActionContext, ActionRequest } from "adminjs";

const SUBMITTED_KEY = "submittedValues";

/**
 * A `before` hook of the writing actions: keeps the form's values as posted on the action context. AdminJS
 * converts them before the resource sees them ("0x1F" becomes 31, "misschien" true, 30 February 2 March), so
 * the resource judges what the user typed from here.
 */
export async function captureSubmittedValues(request: ActionRequest, context: ActionContext): Promise<ActionRequest> {
  (context as Record<string, unknown>)[SUBMITTED_KEY] = { ...request.payload };
  return request;
}

export function submittedValuesOf(context: Partial<ActionContext> | undefined): Record<string, unknown> {
  return ((context as Record<string, unknown> | undefined)?.[SUBMITTED_KEY] as Record<string, unknown> | undefined) ?? {};
}
