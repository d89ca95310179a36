import { ACTIONS, actionErrorHandler, ValidationError, type ActionContext, type ActionHandler, type ActionRequest, type ActionResponse, type Before } from "adminjs";

type Answer = ActionResponse & { record?: { params?: Record<string, unknown>; populated?: Record<string, unknown>; errors?: Record<string, unknown> } };

/**
 * A create or edit form that is refused comes back as the user typed it, with the errors next to the fields.
 * AdminJS answers a refusal with the stored record (or the values it converted, an unreadable date as empty),
 * and its form replaces what was typed with that. The form's own `before` hooks run inside, so that their
 * refusals are answered the same way. Passwords are never sent back.
 */
export function keepingTypedValues(name: "new" | "edit", handler: ActionHandler<ActionResponse> | undefined, before: Before[]): ActionHandler<ActionResponse> {
  const run: ActionHandler<ActionResponse> = handler ?? ACTIONS[name].handler;
  return async (request: ActionRequest, response: unknown, context: ActionContext) => {
    let answer: Answer;
    try {
      let prepared = request;
      for (const hook of before) prepared = await hook(prepared, context);
      answer = await run(prepared, response, context);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      answer = (await actionErrorHandler(error, context)) as Answer;
    }
    return request.method === "post" ? asTyped(answer, request.payload ?? {}) : answer;
  };
}

function asTyped(answer: Answer, payload: Record<string, unknown>): Answer {
  const record = answer.record;
  if (!record || Object.keys(record.errors ?? {}).length === 0) return answer;
  const typed = Object.fromEntries(Object.entries(payload).filter(([field]) => !/password/i.test(field)));
  const populated = Object.fromEntries(Object.entries(record.populated ?? {}).filter(([field]) => !(field in typed)));
  return { ...answer, record: { ...record, params: { ...record.params, ...typed }, populated } } as Answer;
}
