import { randomBytes } from "node:crypto";
import type { Request } from "express";
import type { Role, User } from "@prisma/client";
import { hashPassword, verifyPassword } from "../core/auth/password.js";
import type { Database } from "../core/db/database.js";
import { RateLimiter } from "../server/rate-limit.js";

/** Roles that may use the backoffice for now; scoping per municipality comes with the permissions work. */
export const BACKOFFICE_ROLES: ReadonlySet<Role> = new Set<Role>(["COORDINATOR", "MUNICIPAL_ADMIN"]);

const THROTTLE_WINDOW_MS = 15 * 60_000;
const MAX_FAILURES_PER_EMAIL = 10;
const MAX_FAILURES_PER_IP = 50;

/** What the admin session keeps about the signed-in user (AdminJS's CurrentAdmin). */
export interface AdminSessionUser {
  id: number;
  email: string;
  title: string;
  role: Role;
  municipalityId: number | null;
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

// Compared against when the account does not exist, so the answer takes as long either way.
let decoyHash: Promise<string> | undefined;

/**
 * AdminJS `authenticate`: returns the session user, or null with one generic message for an unknown address or a
 * wrong password. With the right password, a counter staff member or an inactive account is told why.
 */
export function createAuthenticate(db: Database) {
  const limiter = new RateLimiter(db, THROTTLE_WINDOW_MS);
  return async (email: unknown, password: unknown, context?: { req: Request }): Promise<AdminSessionUser | null> => {
    const address = typeof email === "string" ? email.trim().toLowerCase() : "";
    const secret = typeof password === "string" ? password : "";
    const keys = [`admin-login:email:${address}`, `admin-login:ip:${context?.req.ip ?? "unknown"}`];
    if (await limiter.isOver([{ key: keys[0]!, limit: MAX_FAILURES_PER_EMAIL }, { key: keys[1]!, limit: MAX_FAILURES_PER_IP }])) {
      // A single word: AdminJS's login page translates it (messages.loginThrottled).
      throw new Error("loginThrottled");
    }
    const user = address ? await db.prisma.user.findFirst({ where: { email: { equals: address, mode: "insensitive" } } }) : null;
    decoyHash ??= hashPassword(randomBytes(16).toString("hex"));
    const passwordOk = await verifyPassword(secret, user?.passwordHash ?? (await decoyHash));
    if (!user || !passwordOk || !isBackofficeUser(user)) {
      await limiter.hit(keys);
      if (user) await db.prisma.user.update({ where: { id: user.id }, data: { failedLogins: { increment: 1 } } });
      // Whoever knows the password is told why the door stays closed; anyone else learns nothing.
      if (user && passwordOk && user.active && !BACKOFFICE_ROLES.has(user.role)) throw new Error("loginCounterStaff");
      if (user && passwordOk && !user.active) throw new Error("loginInactive");
      return null;
    }
    await db.prisma.user.update({ where: { id: user.id }, data: { failedLogins: 0, lastLoginAt: new Date() } });
    if (context) await regenerate(context.req);
    return toAdminSessionUser(user);
  };
}

/** A new session id at login, so an id planted before login is worth nothing after it. */
function regenerate(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((error) => (error ? reject(error) : resolve())));
}
