import { describe, expect, it } from "vitest";
import { freshPglite } from "../helpers/databases.js";

describe("the embedded database under a burst", () => {
  it("lets the event loop take turns while 300 queued transactions run", async () => {
    const db = await freshPglite("migrated");
    try {
      let finished = 0;
      const burst = Array.from({ length: 300 }, () =>
        db.prisma.$transaction(async (tx) => tx.cardSystem.count()).then(() => void finished++),
      );
      // A timer stands for everything else the server must do meanwhile: accept a connection, answer /healthz.
      const finishedWhenTimerRan = await new Promise<number>((resolve) => setTimeout(() => resolve(finished), 0));
      await Promise.all(burst);
      expect(finished).toBe(300);
      expect(finishedWhenTimerRan).toBeLessThan(300);
    } finally {
      await db.dispose();
    }
  });
});
