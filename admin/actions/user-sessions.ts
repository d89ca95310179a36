import type { PrismaClient, User } from "@prisma/client";
import type { ActionContext, ActionRequest, ActionResponse } from "adminjs";
import { resetTwoFactor } from "../../core/auth/two-factor.js";
import { endUserSessions, sessionEndingChange } from "../../core/users/sessions.js";
import { requestMetaOf } from "../audit-origin.js";
import { hashPasswordField, withoutHash } from "../user-password.js";
import { actingUser, reasonRecordAction, text } from "./record-action.js";

// The Session row (hash of the cookie) of the signed-in user's own request, set by refreshSessionUser.
const sessionRows = new WeakMap<object, string>();

export function rememberSessionRow(sessionUser: object, rowId: string): void {
  sessionRows.set(sessionUser, rowId);
}

const sessionRowOf = (context: ActionContext) => (context.currentAdmin ? sessionRows.get(context.currentAdmin as object) : undefined);

type AccountFields = Pick<User, "passwordHash" | "active" | "role" | "municipalityId">;
const ACCOUNT_FIELDS = { passwordHash: true, active: true, role: true, municipalityId: true } as const;
const accountsBefore = new WeakMap<ActionContext, AccountFields>();

/**
 * A password change, deactivation or role change in the backoffice ends every other session of that user at once
 * (backoffice and desk); the session that made the change stays.
 */
function endSessionsAfterAccountChange(client: PrismaClient) {
  const remember = async (request: ActionRequest, context: ActionContext): Promise<ActionRequest> => {
    const id = Number(request.params.recordId);
    if (request.method === "post" && Number.isInteger(id)) {
      const before = await client.user.findUnique({ where: { id }, select: ACCOUNT_FIELDS });
      if (before) accountsBefore.set(context, before);
    }
    return request;
  };
  const compare = async (response: ActionResponse, request: ActionRequest, context: ActionContext): Promise<ActionResponse> => {
    const before = accountsBefore.get(context);
    const errors = (response.record as { errors?: Record<string, unknown> } | undefined)?.errors;
    if (!before || (errors && Object.keys(errors).length > 0)) return response;
    const userId = Number(request.params.recordId);
    const after = await client.user.findUnique({ where: { id: userId }, select: ACCOUNT_FIELDS });
    const reason = after && sessionEndingChange(before, after);
    if (!reason) return response;
    const actor = await actingUser(client, context, "User");
    await endUserSessions(client, { userId, actor, request: requestMetaOf(request), keepSessionId: sessionRowOf(context), reason });
    return response;
  };
  return { remember, compare };
}

/** "Sessies beëindigen": a coordinator signs a user out everywhere (backoffice and desk) at once, with a reason. */
const endSessionsAction = (client: PrismaClient) =>
  reasonRecordAction(client, {
    model: "User",
    icon: "LogOut",
    guard: "guardEndSessions",
    run: async ({ id, payload, actor, request, context }) => {
      const ended = await endUserSessions(client, { userId: Number(id), actor, request, keepSessionId: sessionRowOf(context), reason: text(payload, "reason") });
      return ended === 1 ? "1 sessie beëindigd." : `${ended} sessies beëindigd.`;
    },
  });

/** "Tweestapsverificatie resetten": for a user who lost their phone and their recovery codes. */
const resetTwoFactorAction = (client: PrismaClient) =>
  reasonRecordAction(client, {
    model: "User",
    icon: "Smartphone",
    guard: "guardResetTwoFactor",
    run: async ({ id, payload, actor, request }) =>
      (await resetTwoFactor(client, { userId: Number(id), actor, request, reason: text(payload, "reason") }))
        ? "Tweestapsverificatie gereset: de gebruiker is overal afgemeld en stelt ze opnieuw in."
        : "Deze gebruiker had geen tweestapsverificatie ingesteld.",
  });

export function userActions(client: PrismaClient) {
  const sessions = endSessionsAfterAccountChange(client);
  return {
    edit: { before: [hashPasswordField(false), sessions.remember], after: [withoutHash, sessions.compare] },
    endSessions: endSessionsAction(client),
    resetTwoFactor: resetTwoFactorAction(client),
  };
}
