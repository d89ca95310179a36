import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RateLimiter } from "../../server/rate-limit.js";
import { databaseKinds, freshDatabase, type TestDatabase } from "../helpers/databases.js";

const QUARTER = 15 * 60_000;

describe.each(databaseKinds)("the rate limiter's sliding window (%s)", (kind) => {
  let db: TestDatabase;
  let limiter: RateLimiter;
  const at = (time: string) => new Date(`2026-12-06T${time}Z`);
  const hits = async (key: string, count: number, now: Date) => {
    let last = 0;
    for (let i = 0; i < count; i++) [last] = (await limiter.hit([key], now)) as [number];
    return last;
  };

  beforeAll(async () => {
    db = await freshDatabase(kind);
    limiter = new RateLimiter(db, QUARTER);
  });
  afterAll(() => db?.dispose());

  it("counts a burst across the start of a quarter hour whole, not from zero again", async () => {
    expect(await hits("burst", 30, at("10:14:59.500"))).toBe(30);
    expect(await hits("burst", 1, at("10:15:00.200"))).toBe(31);
    expect(await limiter.counts(["burst"], at("10:15:00.300"))).toEqual([31]);
    expect(await limiter.isOver([{ key: "burst", limit: 31 }], at("10:15:00.300"))).toBe(true);
  });

  it("lets the previous quarter's hits weigh less as they slide out, and not at all after a full quarter", async () => {
    await hits("earlier", 30, at("11:00:00.000"));
    // 14 of the 15 minutes of that quarter lie before the window that ends at 11:29: 30 × 1/15 = 2 still count.
    expect(await limiter.counts(["earlier"], at("11:29:00.000"))).toEqual([2]);
    expect(await hits("earlier", 1, at("11:29:00.000"))).toBe(3);
    // The hit of 11:29 still counts at 11:35; the 30 of 11:00 no longer do.
    expect(await limiter.counts(["earlier"], at("11:35:00.000"))).toEqual([1]);
    expect(await limiter.counts(["earlier"], at("11:45:00.000"))).toEqual([0]);
  });

  it("keeps keys apart", async () => {
    await hits("one", 5, at("13:05:00.000"));
    expect(await limiter.counts(["one", "two"], at("13:06:00.000"))).toEqual([5, 0]);
  });
});
