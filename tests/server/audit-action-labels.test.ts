import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { auditActions } from "../../admin/locale/audit-actions.js";

const coreDir = path.resolve(import.meta.dirname, "../../core");

function coreSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? coreSources(path.join(dir, entry.name)) : entry.name.endsWith(".ts") ? [path.join(dir, entry.name)] : [],
  );
}

describe("the audit trail's actions in the backoffice", () => {
  it("names every action core records in Dutch and English, so the Audit list never shows a code", () => {
    const written = new Set(coreSources(coreDir).flatMap((file) => [...readFileSync(file, "utf8").matchAll(/\baction: "([a-z]+\.[a-zA-Z.-]+)"/g)].map((match) => match[1]!)));
    expect(written.size).toBeGreaterThan(10);
    expect([...written].filter((action) => !auditActions[action]?.nl || !auditActions[action]?.en)).toEqual([]);
  });
});
