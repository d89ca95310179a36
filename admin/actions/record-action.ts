import type { PrismaClient, Role } from "@prisma/client";
import { ForbiddenError, type Action, type ActionContext, type ActionResponse, type ActionRequest, type CurrentAdmin, type RecordActionResponse, type RecordJSON } from "adminjs";
import { isCardSystemError, type CardSystemError } from "../../core/errors.js";
import type { RequestMeta } from "../../core/access/actor.js";
import { actorOf, type Actor } from "../access/actor.js";
import { requestMetaOf } from "../audit-origin.js";
import { roleMay } from "../../core/access/role-may.js";

/** The form fields of a custom action, as posted (AdminJS passes unknown fields on as strings). */
export type Payload = Record<string, unknown>;

/** What a core call gets from the action: the record (already loaded through the user's scope) and the form. */
export interface CoreCall {
  id: string;
  params: Record<string, unknown>;
  payload: Payload;
  actor: Actor;
  /** Where the request came from, for core's audit row. */
  request: RequestMeta;
  context: ActionContext;
}

/**
 * Role part of a custom action's access, checked by AdminJS on every call. Which records are reachable is
 * decided by the scoped resource: a record outside the user's municipality is never found.
 */
export function mayChange(model: string) {
  return ({ currentAdmin }: { currentAdmin?: CurrentAdmin }): boolean => roleMay((currentAdmin as { role?: Role } | undefined)?.role, model, "edit");
}

/** The signed-in user as the database knows them now (not as the session remembers), or a refusal. */
export async function actingUser(client: PrismaClient, context: ActionContext, model: string): Promise<Actor> {
  const actor = await actorOf(client, context);
  if (!actor || !roleMay(actor.role, model, "edit")) throw new ForbiddenError("anyForbiddenError");
  return actor;
}

/** "1 punt", "5 punten". */
export function pointsText(amount: number): string {
  return `${amount} ${Math.abs(amount) === 1 ? "punt" : "punten"}`;
}

/** A typed reason as the end of a sentence: without its own closing full stop. */
export function reasonText(reason: string): string {
  return reason.trim().replace(/[.!?\s]+$/, "");
}

export function text(payload: Payload, field: string): string {
  const value = payload[field];
  return typeof value === "string" ? value : "";
}

/** A refusal of core as AdminJS shows it: a Dutch error notice, and the message next to the field at fault. */
export function refusal(error: CardSystemError, record: RecordJSON): RecordActionResponse {
  const errors = error.field ? { [error.field]: { message: error.message, type: error.code } } : {};
  return { record: { ...record, errors }, notice: { type: "error", message: error.message } };
}

/** The form that asks the reason (and the number of a new card) before a reason action posts. */
export const REASON_FORM_COMPONENT = "ReasonForm";

export interface ReasonActionSpec {
  model: string;
  icon: string;
  /** Locale key of the confirmation AdminJS asks before the action runs. */
  guard: string;
  /** Whether the action makes sense for this record (e.g. not on a cancelled ticket); hides it, core still decides. */
  shownFor?: (params: Record<string, unknown>) => boolean;
  /** What the form needs beyond a reason typed in, e.g. the reasons to choose from for a new card. */
  custom?: Record<string, unknown>;
  /** Calls core with the form's reason (and other fields); answers the Dutch notice that says what was done. */
  run: (call: CoreCall) => Promise<string>;
}

/**
 * A record action that changes data through one core use case. A GET only answers the record (the form's
 * first step, and what AdminJS calls before showing it); the change needs a POST with the form, so it is
 * CSRF-protected. Refusals of core come back as Dutch notices, never as a server error.
 */
export function reasonRecordAction(client: PrismaClient, spec: ReasonActionSpec): Partial<Action<ActionResponse>> {
  const handler = async (request: ActionRequest, _response: unknown, context: ActionContext): Promise<RecordActionResponse> => {
    const record = context.record!;
    const before = record.toJSON(context.currentAdmin);
    if (request.method !== "post") return { record: before };
    const actor = await actingUser(client, context, spec.model);
    try {
      const message = await spec.run({ id: String(record.id()), params: record.params, payload: request.payload ?? {}, actor, request: requestMetaOf(request), context });
      const after = await context.resource.findOne(record.id(), context);
      // Back to the record, where the notice says what was done (the screen follows redirectUrl within the app).
      const redirectUrl = context.h.recordActionUrl({ resourceId: context.resource.id(), recordId: String(record.id()), actionName: "show" });
      return { record: (after ?? record).toJSON(context.currentAdmin), notice: { type: "success", message }, redirectUrl };
    } catch (error) {
      if (isCardSystemError(error)) return refusal(error, before);
      throw error;
    }
  };
  return {
    actionType: "record",
    icon: spec.icon,
    guard: spec.guard,
    component: REASON_FORM_COMPONENT,
    custom: spec.custom,
    isAccessible: mayChange(spec.model),
    isVisible: ({ currentAdmin, record }) => mayChange(spec.model)({ currentAdmin }) && (!record || !spec.shownFor || spec.shownFor(record.params)),
    handler,
  };
}
