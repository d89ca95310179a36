import type { CookieOptions, Router } from "express";
import { CSRF_COOKIE } from "./csrf-names.js";

export interface LogoutOptions {
  loginPath: string;
  rootPath: string;
  /** Name and attributes of the session cookie (without maxAge: clearing it must not set one). */
  sessionCookie: { name: string } & Pick<CookieOptions, "path" | "httpOnly" | "sameSite" | "secure">;
  csrfCookiePath: string;
}

/**
 * Logout by POST only (the CSRF check runs before it). AdminJS's own GET route would let any page log a user
 * out with an <img>; registered before AdminJS's routes, these answer first.
 */
export function withPostLogout(router: Router, { loginPath, rootPath, sessionCookie, csrfCookiePath }: LogoutOptions): void {
  const { name, ...cookieOptions } = sessionCookie;
  router.get("/logout", (_req, res) => res.redirect(rootPath));
  router.post("/logout", (req, res, next) => {
    req.session.destroy((error) => {
      if (error) return next(error);
      res.clearCookie(name, cookieOptions);
      res.clearCookie(CSRF_COOKIE, { path: csrfCookiePath });
      res.redirect(303, loginPath);
    });
  });
}
