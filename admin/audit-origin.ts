import type { ActionContext, ActionRequest } from "adminjs";
import type { Request } from "express";

/** Where a backoffice change came from, as written to the audit trail. */
export interface AuditOrigin {
  ip?: string;
  userAgent?: string;
}

const ORIGIN_KEY = "auditOrigin";

/**
 * A `before` hook that keeps the client's address and user agent on the action context, where the resource
 * writing the audit row finds it. @adminjs/express passes a plain copy of the Express request, which lost the
 * prototype getters (`ip` honours `trust proxy`); the original is still reachable through `res.req`.
 */
export async function captureAuditOrigin(request: ActionRequest, context: ActionContext): Promise<ActionRequest> {
  const original = (request as { res?: { req?: Request } }).res?.req;
  const origin: AuditOrigin = {
    ip: original?.ip ?? undefined,
    userAgent: original?.get("user-agent") ?? undefined,
  };
  (context as Record<string, unknown>)[ORIGIN_KEY] = origin;
  return request;
}

export function auditOriginOf(context: Partial<ActionContext> | undefined): AuditOrigin {
  return ((context as Record<string, unknown> | undefined)?.[ORIGIN_KEY] as AuditOrigin | undefined) ?? {};
}
