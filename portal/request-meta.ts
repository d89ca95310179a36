import type { Request } from "express";
import type { RequestMeta } from "../core/access/actor.js";

/** Where a portal or desk request came from, for core's audit trail; a user agent is cut at 300 characters. */
export function requestMeta(req: Request): RequestMeta {
  return { ip: req.ip, userAgent: req.get("user-agent")?.slice(0, 300) };
}
