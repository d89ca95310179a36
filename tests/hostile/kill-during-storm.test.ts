import { afterAll, describe, expect, it } from "vitest";
import { killDuringStorm, STORM_SIZES } from "../../torture/kill-during-storm.js";
import { killStartedServers } from "../../torture/server-process.js";
import { databaseKinds } from "../helpers/databases.js";

// `npm run torture` runs the same with a storm of 3,200 scans.
describe.each(databaseKinds)("kill -9 of the server during a storm of QR check-ins on %s", (kind) => {
  afterAll(killStartedServers);

  it("keeps every check-in that was acknowledged, once, with its ledger line, after the restart", async () => {
    const size = STORM_SIZES.short;
    const report = await killDuringStorm(kind, size, process.env.TEST_DATABASE_URL);
    expect(report.violations).toEqual([]);
    expect(report.acknowledged).toBeGreaterThan(0);
    // Requests were in flight when the server died: the kill did cut into the storm.
    expect(report.noAnswer).toBeGreaterThan(0);
    expect(report.present).toBe(size.passholders * size.events);
  }, 300_000);
});
