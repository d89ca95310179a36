import { randomBytes } from "node:crypto";
import type { User } from "@prisma/client";
import { userMayAct } from "../core/access/load-actor.js";
import { hashPassword, verifyPassword } from "../core/auth/password.js";
import type { Database } from "../core/db/database.js";
import { RateLimiter } from "./rate-limit.js";

const THROTTLE_WINDOW_MS = 15 * 60_000;
const MAX_FAILURES_PER_EMAIL = 10;
const MAX_FAILURES_PER_IP = 50;

/**
 * How a staff sign-in ended. Only whoever typed the right password can learn why the door stays closed (inactive,
 * not for this application, locked); a wrong password and an unknown address both read INVALID.
 */
export type StaffSignIn =
  | { outcome: "SIGNED_IN"; user: User }
  | { outcome: "THROTTLED" }
  | { outcome: "INVALID" }
  | { outcome: "INACTIVE"; user: User }
  | { outcome: "NOT_HERE"; user: User }
  | { outcome: "LOCKED"; user: User };

// Compared against when the account does not exist, so the answer takes as long either way.
let decoyHash: Promise<string> | undefined;

/**
 * The password check that the backoffice and the counter desk share: one account table, one password rule, the
 * same rate limits per address and per client (counted per application, `area`), failed attempts counted on
 * the account. `mayEnter` says which accounts this application lets in.
 */
export function staffSignIn(db: Database, { area, mayEnter }: { area: string; mayEnter: (user: User) => boolean }) {
  const limiter = new RateLimiter(db, THROTTLE_WINDOW_MS);
  return async (email: unknown, password: unknown, ip: string | undefined): Promise<StaffSignIn> => {
    const address = typeof email === "string" ? email.trim().toLowerCase() : "";
    const secret = typeof password === "string" ? password : "";
    const keys = [`${area}-login:email:${address}`, `${area}-login:ip:${ip ?? "unknown"}`];
    if (await limiter.isOver([{ key: keys[0]!, limit: MAX_FAILURES_PER_EMAIL }, { key: keys[1]!, limit: MAX_FAILURES_PER_IP }])) {
      return { outcome: "THROTTLED" };
    }
    const user = address ? await db.prisma.user.findFirst({ where: { email: { equals: address, mode: "insensitive" } } }) : null;
    decoyHash ??= hashPassword(randomBytes(16).toString("hex"));
    const passwordOk = await verifyPassword(secret, user?.passwordHash ?? (await decoyHash));
    const refused: StaffSignIn | undefined =
      !user || !passwordOk
        ? { outcome: "INVALID" }
        : !user.active
          ? { outcome: "INACTIVE", user }
          : !mayEnter(user)
            ? { outcome: "NOT_HERE", user }
            : !userMayAct(user)
              ? { outcome: "LOCKED", user }
              : undefined;
    if (refused || !user) {
      await limiter.hit(keys);
      if (user) await db.prisma.user.update({ where: { id: user.id }, data: { failedLogins: { increment: 1 } } });
      return refused ?? { outcome: "INVALID" };
    }
    await db.prisma.user.update({ where: { id: user.id }, data: { failedLogins: 0, lastLoginAt: new Date() } });
    return { outcome: "SIGNED_IN", user };
  };
}
