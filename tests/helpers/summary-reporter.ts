import type { Reporter, TestModule } from "vitest/node";

/** Ends the run with one plain "N passed, N failed, N skipped" line that CI tooling can read. */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failed++;
        else skipped++;
      }
      if (module.state() === "failed" && module.children.size === 0) failed++;
    }
    // Printed at exit so it stays the last line, after the default reporter's summary.
    process.once("exit", () => console.log(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped`));
  }
}
