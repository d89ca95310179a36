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
 * Counts one attempt on every key, then refuses when any is over its limit. Counting first (an atomic
 * increment each) means parallel attempts cannot all slip under the limit.
 */
export async function countAttempt(db: Database, rules: RateLimitRule[]): Promise<void> {
  const limiter = new RateLimiter(db, WINDOW_MS);
  await limiter.hit(rules.map((rule) => rule.key));
  if (await limiter.isOver(rules.map((rule) => ({ key: rule.key, limit: rule.limit + 1 })))) throw new CardSystemError("TOO_MANY_ATTEMPTS");
}
