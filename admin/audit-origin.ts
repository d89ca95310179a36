import type { ActionContext, ActionRequest } from "adminjs";
import type { Request } from "express";
import type { RequestMeta } from "../core/access/actor.js";

const ORIGIN_KEY = "auditOrigin";

/**
 * Where an AdminJS request came from, for the audit trail. @adminjs/express passes a plain copy of the Express
 * request, which lost the prototype getters (`ip` honours `trust proxy`); the original is still reachable through `res.req`.
 */
export function requestMetaOf(request: ActionRequest): RequestMeta {
  const original = (request as { res?: { req?: Request } }).res?.req;
  return { ip: original?.ip ?? undefined, userAgent: original?.get("user-agent") ?? undefined };
}

/** A `before` hook that keeps the request's origin on the action context, where the resource writing the audit row finds it. */
export async function captureAuditOrigin(request: ActionRequest, context: ActionContext): Promise<ActionRequest> {
  (context as Record<string, unknown>)[ORIGIN_KEY] = requestMetaOf(request);
  return request;
}

export function auditOriginOf(context: Partial<ActionContext> | undefined): RequestMeta {
  return ((context as Record<string, unknown> | undefined)?.[ORIGIN_KEY] as RequestMeta | undefined) ?? {};
}
