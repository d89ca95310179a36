import type { Database } from "../core/db/database.js";

export interface RateLimitRule {
  key: string;
  /** Hits allowed per window; the next one is refused. */
  limit: number;
}

/** Fixed-window counters in the RateLimit table, so every app instance counts together. */
export class RateLimiter {
  constructor(
    private readonly db: Database,
    readonly windowMs: number,
  ) {}

  async isOver(rules: RateLimitRule[], now = new Date()): Promise<boolean> {
    const counts = await this.counts(rules.map((rule) => rule.key), now);
    return rules.some((rule, i) => counts[i]! >= rule.limit);
  }

  /** Each key's hits in the current window, without counting one. */
  async counts(keys: string[], now = new Date()): Promise<number[]> {
    const rows = await this.db.prisma.rateLimit.findMany({ where: { windowStart: this.windowOf(now), key: { in: keys } } });
    return keys.map((key) => rows.find((row) => row.key === key)?.count ?? 0);
  }

  /**
   * Counts one hit on every key; returns each key's count including this hit. The count comes from the same
   * statement that raises it, so parallel hits each see a different number and none is judged by a later one.
   */
  async hit(keys: string[], now = new Date()): Promise<number[]> {
    // A plain statement (every QR save counts one): the window as UTC text, so no driver shifts it to its own zone.
    const windowStart = this.windowOf(now).toISOString();
    const counts: number[] = [];
    for (const key of keys) {
      const [row] = await this.db.query<{ count: number }>(
        `INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES ($1, $2::timestamptz AT TIME ZONE 'UTC', 1)
        ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimit"."count" + 1
        RETURNING "count"`,
        [key, windowStart],
      );
      counts.push(row!.count);
    }
    return counts;
  }

  private windowOf(now: Date): Date {
    return new Date(Math.floor(now.getTime() / this.windowMs) * this.windowMs);
  }
}

/** Forgets counters of windows that started more than `maxAgeMs` ago (longer than any limiter's window). */
export async function pruneRateLimits(db: Database, maxAgeMs = 24 * 60 * 60_000, now = new Date()): Promise<number> {
  const { count } = await db.prisma.rateLimit.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - maxAgeMs) } } });
  return count;
}
