import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Request, RequestHandler } from "express";

export const CSRF_FIELD = "csrf";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface PortalCsrfOptions {
  secret: string;
  cookieName: string;
  secure: boolean;
  /** The public origin (behind a proxy the request's own may differ). */
  publicOrigin: string;
  /** Answers a refused post. */
  refuse: RequestHandler;
}

declare module "express-serve-static-core" {
  interface Request {
    portalCsrfToken?: string;
  }
}

/**
 * Signed double-submit: an HttpOnly cookie holds a random nonce, every form carries its HMAC. A post needs
 * both, matching, and a same-origin Origin (or Referer) when the browser sends one. Runs after a body parser
 * that leaves url-encoded forms as text.
 */
export function portalCsrf(options: PortalCsrfOptions): RequestHandler {
  const tokenFor = (nonce: string) => createHmac("sha256", options.secret).update(`portal-csrf:${nonce}`).digest("base64url");
  return (req, res, next) => {
    let nonce = cookie(req, options.cookieName);
    if (SAFE_METHODS.has(req.method)) {
      if (!nonce || !/^[\w-]{32}$/.test(nonce)) {
        nonce = randomBytes(24).toString("base64url");
        res.cookie(options.cookieName, nonce, { path: "/", httpOnly: true, sameSite: "lax", secure: options.secure });
      }
      req.portalCsrfToken = tokenFor(nonce);
      return next();
    }
    const sent = typeof req.body === "string" ? new URLSearchParams(req.body).get(CSRF_FIELD) : null;
    if (!nonce || !sent || !sameOrigin(req, options.publicOrigin) || !equal(sent, tokenFor(nonce))) return options.refuse(req, res, next);
    req.portalCsrfToken = tokenFor(nonce);
    next();
  };
}

function equal(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function cookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const at = part.indexOf("=");
    if (part.slice(0, at).trim() === name) return decodeURIComponent(part.slice(at + 1).trim());
  }
  return undefined;
}

function sameOrigin(req: Request, publicOrigin: string): boolean {
  const sent = req.get("origin") ?? req.get("referer");
  if (sent === undefined) return true;
  let origin: string;
  try {
    origin = new URL(sent).origin;
  } catch {
    return false;
  }
  return origin === `${req.protocol}://${req.get("host")}` || origin === publicOrigin;
}
