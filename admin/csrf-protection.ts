import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Request, RequestHandler, Response } from "express";
import { CSRF_COOKIE, CSRF_FIELD, CSRF_HEADER } from "./csrf-names.js";

declare module "express-session" {
  interface SessionData {
    csrfToken?: string;
  }
}

export interface CsrfOptions {
  /** Signs the tokens handed to visitors who are not signed in yet (the login form). */
  secret: string;
  secure: boolean;
  cookiePath: string;
  /** Origins besides the request's own that may post, e.g. the public address behind a proxy. */
  trustedOrigins: string[];
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const MAX_FORM_BYTES = 8 * 1024;
export const CSRF_REFUSED =
  "Deze aanvraag werd geweigerd omdat de beveiligingscode ontbreekt of niet klopt. Laad de pagina opnieuw en probeer het nog eens.";

/**
 * Synchronizer token per signed-in session, handed to the browser in a cookie that axios echoes as a header;
 * before login (no session exists yet) a signed token that the login form posts back in a hidden field.
 * Every state-changing request also needs a same-origin Origin (or Referer) when the browser sends one.
 * Must run after the session middleware and before anything that acts on the request.
 */
export function csrfProtection(options: CsrfOptions): RequestHandler {
  return (req, res, next) => {
    const expected = sessionToken(req);
    if (SAFE_METHODS.has(req.method)) {
      offerToken(req, res, expected, options);
      return next();
    }
    if (!fromTrustedOrigin(req, options.trustedOrigins)) return refuse(req, res);
    tokenSent(req)
      .then((sent) => {
        const valid = expected ? sameText(sent, expected) : sameText(sent, cookieValue(req)) && isSigned(sent!, options.secret);
        if (valid) next();
        else refuse(req, res);
      })
      .catch(next);
  };
}

function sessionToken(req: Request): string | undefined {
  if (!req.session?.adminUser) return undefined;
  return (req.session.csrfToken ??= randomBytes(32).toString("base64url"));
}

function offerToken(req: Request, res: Response, expected: string | undefined, options: CsrfOptions): void {
  const current = cookieValue(req);
  const wanted = expected ?? (current && isSigned(current, options.secret) ? current : signedToken(options.secret));
  if (current === wanted) return;
  // Readable by script on purpose: axios and the login form copy it into the request.
  res.cookie(CSRF_COOKIE, wanted, { path: options.cookiePath, httpOnly: false, sameSite: "strict", secure: options.secure });
}

function signedToken(secret: string): string {
  const nonce = randomBytes(24).toString("base64url");
  return `${nonce}.${signature(nonce, secret)}`;
}

function isSigned(token: string, secret: string): boolean {
  const [nonce, mac, ...rest] = token.split(".");
  return rest.length === 0 && !!nonce && sameText(mac, signature(nonce, secret));
}

function signature(nonce: string, secret: string): string {
  return createHmac("sha256", secret).update(`csrf-login:${nonce}`).digest("base64url");
}

function sameText(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function cookieValue(req: Request): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === CSRF_COOKIE) return decodeURIComponent(value.join("="));
  }
  return undefined;
}

function fromTrustedOrigin(req: Request, trustedOrigins: string[]): boolean {
  const origin = req.get("origin") ?? originOf(req.get("referer"));
  // Browsers send Origin on every POST; a client that sends neither still needs the token.
  if (origin === undefined) return true;
  return origin === `${req.protocol}://${req.get("host")}` || trustedOrigins.includes(origin);
}

function originOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return "null";
  }
}

/**
 * The header, or for a plain form post the field. Reading the form here hands the parsed fields on the way
 * express-formidable (AdminJS's parser) would, so AdminJS does not read the body a second time.
 */
async function tokenSent(req: Request): Promise<string | undefined> {
  const header = req.get(CSRF_HEADER);
  if (header) return header;
  if (!req.is("application/x-www-form-urlencoded")) return undefined;
  const fields = Object.fromEntries(new URLSearchParams(await readBody(req)));
  Object.assign(req, { fields, express_formidable: { parsed: true } });
  return fields[CSRF_FIELD];
}

function readBody(req: Request): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_FORM_BYTES) {
        req.destroy();
        reject(Object.assign(new Error("form too large"), { status: 413 }));
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function refuse(req: Request, res: Response): void {
  res.status(403);
  if (req.path.startsWith("/api/")) {
    res.json({ error: CSRF_REFUSED });
    return;
  }
  res
    .type("html")
    .send(`<!DOCTYPE html><html lang="nl"><meta charset="utf-8"><title>Geweigerd</title><p>${CSRF_REFUSED}</p><p><a href="${req.baseUrl}">Terug naar de backoffice</a></p></html>`);
}
