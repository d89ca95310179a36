import { createHash, randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { User } from "@prisma/client";
import type { RequestMeta } from "../core/access/actor.js";
import { loadStaffActor, userMayAct } from "../core/access/load-actor.js";
import { verifySecondStep } from "../core/auth/two-factor.js";
import { hashPassword, verifyPassword } from "../core/auth/password.js";
import type { Database } from "../core/db/database.js";
import { queueMail } from "../core/mail/queue-mail.js";
import { brandingOf } from "../templates/branding.js";
import { RateLimiter } from "./rate-limit.js";

const THROTTLE_WINDOW_MS = 15 * 60_000;
/** Wrong passwords for one account from one client address; that client is then refused for the window. */
const MAX_FAILURES_PER_CLIENT = 10;
/** Wrong passwords from one client address, whatever the accounts. */
const MAX_FAILURES_PER_IP = 50;
/** Wrong passwords for one account from anywhere, after which every attempt on it waits, longer each time. */
const SLOW_DOWN_AFTER = 10;
const DELAY_PER_FAILURE_MS = 250;
const MAX_DELAY_MS = 3_000;
/** Wrong passwords for one account within the window that count as a burst: the account holder gets a mail. */
const BURST = 10;

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

const digest = (text: string) => createHash("sha256").update(text).digest("base64url");

/** How long an attempt on an account waits after `failures` wrong passwords for it in this window. */
export const slowDownMs = (failures: number) => Math.min(Math.max(0, failures - SLOW_DOWN_AFTER) * DELAY_PER_FAILURE_MS, MAX_DELAY_MS);

/**
 * The password check that the backoffice and the counter desk share: one account table, one password rule, the
 * same limits, failed attempts counted on the account. Nobody can lock an account: a client is refused after
 * failing for that account (or failing a lot from its address), while an account under attack only slows down,
 * so its holder, from a client that has not failed, always gets in. Known and unknown addresses take the same
 * steps. `mayEnter` says which accounts this application (`area`) lets in.
 */
export function staffSignIn(db: Database, { area, mayEnter }: { area: string; mayEnter: (user: User) => boolean }) {
  const limiter = new RateLimiter(db, THROTTLE_WINDOW_MS);
  return async (email: unknown, password: unknown, ip: string | undefined): Promise<StaffSignIn> => {
    const address = typeof email === "string" ? email.trim().toLowerCase() : "";
    const secret = typeof password === "string" ? password : "";
    // The account counts in every application (one account, one burst); client and address per application.
    const account = `login-account:${digest(address)}`;
    const client = `${area}-login:client:${digest(address)}:${ip ?? "unknown"}`;
    const fromIp = `${area}-login:ip:${ip ?? "unknown"}`;
    const [accountFailures, clientFailures, ipFailures] = await limiter.counts([account, client, fromIp]);
    if (clientFailures! >= MAX_FAILURES_PER_CLIENT || ipFailures! >= MAX_FAILURES_PER_IP) return { outcome: "THROTTLED" };
    const delay = slowDownMs(accountFailures!);
    if (delay > 0) await sleep(delay);

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
      const [failures] = await limiter.hit([account, client, fromIp]);
      afterAnswer(() => countFailure(db, limiter, address, failures!));
      return refused ?? { outcome: "INVALID" };
    }
    await db.prisma.user.update({ where: { id: user.id }, data: { failedLogins: 0, lastLoginAt: new Date() } });
    return { outcome: "SIGNED_IN", user };
  };
}

/**
 * Counts a wrong password on the account, if there is one, and mails its holder at a burst. After the answer:
 * writing to an account that exists takes longer than finding none, and would tell which addresses exist.
 */
async function countFailure(db: Database, limiter: RateLimiter, address: string, failures: number): Promise<void> {
  const { count } = await db.prisma.user.updateMany({ where: { email: { equals: address, mode: "insensitive" } }, data: { failedLogins: { increment: 1 } } });
  if (count === 0 || failures < BURST) return;
  // The sliding count reaches the burst again within minutes as the previous quarter's failures weigh less, so the
  // mails are counted too: only the failure that counts the first one in the last quarter hour sends it.
  const [mails] = await limiter.hit([`login-burst-mail:${digest(address)}`]);
  if (mails !== 1) return;
  const user = await db.prisma.user.findFirstOrThrow({ where: { email: { equals: address, mode: "insensitive" } }, include: { municipality: true } });
  const cardSystem = await db.prisma.cardSystem.findFirst({ where: user.municipality ? { id: user.municipality.cardSystemId } : {}, orderBy: { id: "asc" } });
  if (!cardSystem) return;
  await queueMail(db.prisma, {
    template: "staff-sign-in-failures",
    to: user.email,
    queuedBy: "aanmelding",
    data: {
      branding: brandingOf(cardSystem),
      name: user.name,
      email: user.email,
      failures,
      windowMinutes: THROTTLE_WINDOW_MS / 60_000,
      failuresSinceSignIn: user.failedLogins,
    },
  });
}

function afterAnswer(work: () => Promise<void>): void {
  setImmediate(() => void work().catch((error: unknown) => console.error("Mislukte aanmelding niet geteld:", error)));
}

/** Wrong second-step codes for one account (all applications together) before it must wait out the window. */
const MAX_CODE_FAILURES = 5;

export type StaffSecondStep = "SIGNED_IN" | "THROTTLED" | "INVALID" | "GONE";

/**
 * The second step that the backoffice and the desk share, for whoever passed the password: a code from the app
 * or a recovery code, at most a few wrong ones per account per quarter hour (six digits are too few to leave
 * unlimited), each attempt audited.
 */
export function staffSecondStep(db: Database, { serverSecret }: { serverSecret: string }) {
  const limiter = new RateLimiter(db, THROTTLE_WINDOW_MS);
  return async (userId: number, code: unknown, request: RequestMeta): Promise<StaffSecondStep> => {
    const key = `two-factor:user:${userId}`;
    const [failures] = await limiter.counts([key]);
    if (failures! >= MAX_CODE_FAILURES) return "THROTTLED";
    const actor = await loadStaffActor(db.prisma, userId);
    if (!actor) return "GONE";
    const result = await verifySecondStep(db.prisma, { actor, request, serverSecret, code: typeof code === "string" ? code.slice(0, 64) : "" });
    if (result !== "INVALID") return "SIGNED_IN";
    await limiter.hit([key]);
    return "INVALID";
  };
}
