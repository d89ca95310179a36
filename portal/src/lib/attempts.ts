import type { Database } from "../../../core/db/database.js";
import { CardSystemError } from "../../../core/errors.js";
import { RateLimiter, type RateLimitRule } from "../../../server/rate-limit.js";

const WINDOW_MS = 15 * 60_000;

/** Per quarter hour: sign-in requests per address and per email or card, scans per passholder. */
export const limits = {
  signInPerIp: 10,
  signInPerEmail: 3,
  cardLinkPerCard: 3,
  savePerPassholder: 30,
} as const;

/**
 * Counts one attempt on every key and refuses when this attempt's own count is over a limit: parallel attempts
 * cannot all slip under the limit, nor refuse each other while it is not reached.
 */
export async function countAttempt(db: Database, rules: RateLimitRule[]): Promise<void> {
  const counts = await new RateLimiter(db, WINDOW_MS).hit(rules.map((rule) => rule.key));
  if (rules.some((rule, i) => counts[i]! > rule.limit)) throw new CardSystemError("TOO_MANY_ATTEMPTS");
}
