import type { Request } from "express";
import type { Role, User } from "@prisma/client";
import type { Database } from "../core/db/database.js";
import { secondStepFor, twoFactorOf } from "../core/auth/two-factor.js";
import { staffSignIn } from "../server/staff-sign-in.js";

/** Roles that may use the backoffice for now; scoping per municipality comes with the permissions work. */
export const BACKOFFICE_ROLES: ReadonlySet<Role> = new Set<Role>(["COORDINATOR", "MUNICIPAL_ADMIN"]);

/** What the admin session keeps about the signed-in user (AdminJS's CurrentAdmin). */
export interface AdminSessionUser {
  id: number;
  email: string;
  title: string;
  role: Role;
  municipalityId: number | null;
  /** Set between the password and the second step: such a session opens nothing but that step (see two-factor-routes). */
  secondStep?: "code" | "enrol";
}

declare module "express-session" {
  interface SessionData {
    adminUser?: AdminSessionUser;
  }
}

export function isBackofficeUser(user: Pick<User, "active" | "role" | "lockedUntil">, now = new Date()): boolean {
  return user.active && BACKOFFICE_ROLES.has(user.role) && !(user.lockedUntil && user.lockedUntil > now);
}

export function toAdminSessionUser(user: User): AdminSessionUser {
  return { id: user.id, email: user.email, title: user.name, role: user.role, municipalityId: user.municipalityId };
}

/**
 * AdminJS `authenticate`: returns the session user, or null with one generic message for an unknown address or a
 * wrong password. With the right password, a counter staff member or an inactive account is told why.
 */
export function createAuthenticate(db: Database, { production }: { production: boolean }) {
  const signIn = staffSignIn(db, { area: "admin", mayEnter: (user) => BACKOFFICE_ROLES.has(user.role) });
  return async (email: unknown, password: unknown, context?: { req: Request }): Promise<AdminSessionUser | null> => {
    const result = await signIn(email, password, context?.req.ip);
    switch (result.outcome) {
      case "SIGNED_IN":
      {
        if (context) await regenerate(context.req);
        const secondStep = secondStepFor(result.user, await twoFactorOf(db.prisma, result.user.id), production);
        return secondStep ? { ...toAdminSessionUser(result.user), secondStep } : toAdminSessionUser(result.user);
      }
      // Single words: AdminJS's login page translates them (messages.loginThrottled, …).
      case "THROTTLED":
        throw new Error("loginThrottled");
      case "NOT_HERE":
        throw new Error("loginCounterStaff");
      case "INACTIVE":
        throw new Error("loginInactive");
      case "INVALID":
      case "LOCKED":
        return null;
    }
  };
}

/** A new session id at login, so an id planted before login is worth nothing after it. */
export function regenerate(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((error) => (error ? reject(error) : resolve())));
}
