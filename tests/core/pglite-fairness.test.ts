import { describe, expect, it } from "vitest";
import { freshPglite, type TestDatabase } from "../helpers/databases.js";

/** Runs `burst` and reports how many of its statements had finished when a timer started beside it ran. */
async function finishedBeforeTimer(db: TestDatabase, burst: (done: () => void) => Array<Promise<unknown>>): Promise<{ atTimer: number; total: number }> {
  let finished = 0;
  const work = burst(() => void finished++);
  // A timer stands for everything else the server must do meanwhile: accept a connection, answer /healthz.
  const atTimer = await new Promise<number>((resolve) => setTimeout(() => resolve(finished), 0));
  await Promise.all(work);
  return { atTimer, total: finished };
}

describe("the embedded database under a burst", () => {
  it("lets the event loop take turns while 300 queued transactions run", async () => {
    const db = await freshPglite("migrated");
    try {
      const { atTimer, total } = await finishedBeforeTimer(db, (done) =>
        Array.from({ length: 300 }, () => db.prisma.$transaction(async (tx) => tx.cardSystem.count()).then(done)),
      );
      expect(total).toBe(300);
      expect(atTimer).toBeLessThan(300);
    } finally {
      await db.dispose();
    }
  });

  it("does the same for 300 plain statements (a scan's, sent over the driver itself)", async () => {
    const db = await freshPglite("migrated");
    try {
      const { atTimer, total } = await finishedBeforeTimer(db, (done) =>
        Array.from({ length: 300 }, () => db.query(`SELECT count(*) FROM "CardSystem"`).then(done)),
      );
      expect(total).toBe(300);
      expect(atTimer).toBeLessThan(300);
    } finally {
      await db.dispose();
    }
  });
});
