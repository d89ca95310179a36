import type { Database } from "../core/db/database.js";

export interface RateLimitRule {
  key: string;
  /** Hits allowed per window; the next one is refused. */
  limit: number;
}

/**
 * Counters in the RateLimit table, so every app instance counts together. A window of `windowMs` slides: a key's
 * count is its hits in the current fixed window plus those of the previous one, weighted by how much of that
 * window still lies within the last `windowMs`. A burst across a window's start is counted whole, not twice the limit.
 */
export class RateLimiter {
  constructor(
    private readonly db: Database,
    readonly windowMs: number,
  ) {}

  async isOver(rules: RateLimitRule[], now = new Date()): Promise<boolean> {
    const counts = await this.counts(rules.map((rule) => rule.key), now);
    return rules.some((rule, i) => counts[i]! >= rule.limit);
  }

  /** Each key's hits in the window that ends now, without counting one. */
  async counts(keys: string[], now = new Date()): Promise<number[]> {
    const { current, previous } = this.windowsOf(now);
    const rows = await this.db.prisma.rateLimit.findMany({ where: { windowStart: { in: [current, previous] }, key: { in: keys } } });
    const hits = (key: string, start: Date) => rows.find((row) => row.key === key && row.windowStart.getTime() === start.getTime())?.count ?? 0;
    return keys.map((key) => this.slide(hits(key, current), hits(key, previous), now));
  }

  /**
   * Counts one hit on every key; returns each key's count including this hit. The count comes from the same
   * statement that raises it, so parallel hits each see a different number and none is judged by a later one.
   */
  async hit(keys: string[], now = new Date()): Promise<number[]> {
    // A plain statement (every QR save counts one): the windows as UTC text, so no driver shifts them to its own zone.
    const { current, previous } = this.windowsOf(now);
    const counts: number[] = [];
    for (const key of keys) {
      const [row] = await this.db.query<{ count: number; previous: number }>(
        `WITH hit AS (
          INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES ($1, $2::timestamptz AT TIME ZONE 'UTC', 1)
          ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimit"."count" + 1
          RETURNING "count"
        )
        SELECT hit."count", COALESCE((SELECT r."count" FROM "RateLimit" r WHERE r."key" = $1 AND r."windowStart" = $3::timestamptz AT TIME ZONE 'UTC'), 0) AS "previous"
        FROM hit`,
        [key, current.toISOString(), previous.toISOString()],
      );
      counts.push(this.slide(row!.count, row!.previous, now));
    }
    return counts;
  }

  private windowsOf(now: Date): { current: Date; previous: Date } {
    const start = Math.floor(now.getTime() / this.windowMs) * this.windowMs;
    return { current: new Date(start), previous: new Date(start - this.windowMs) };
  }

  /** Rounded up: a limit is never passed by the weighting. */
  private slide(current: number, previous: number, now: Date): number {
    const elapsed = (now.getTime() % this.windowMs) / this.windowMs;
    return current + Math.ceil(previous * (1 - elapsed));
  }
}

/** Forgets counters of windows that started more than `maxAgeMs` ago (longer than any limiter's window). */
export async function pruneRateLimits(db: Database, maxAgeMs = 24 * 60 * 60_000, now = new Date()): Promise<number> {
  const { count } = await db.prisma.rateLimit.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - maxAgeMs) } } });
  return count;
}
