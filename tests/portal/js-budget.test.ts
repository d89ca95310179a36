import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "../helpers/databases.js";
import { createPassholder, createWorld } from "../helpers/fixtures.js";
import { pageJavaScript } from "../../portal/page-javascript.js";
import type { Browser } from "../server/http.js";
import { servePortal, signIn, type Portal } from "./portal-client.js";

const BUDGET_BYTES = 10 * 1024;

describe("JavaScript the portal ships", () => {
  let db: TestDatabase;
  let portal: Portal;
  let browser: Browser;

  beforeAll(async () => {
    db = await freshDatabase("pglite");
    const world = await createWorld(db.prisma);
    await createPassholder(db.prisma, world, { email: "budget@example.be" });
    portal = await servePortal(db);
    browser = await signIn(portal, "budget@example.be");
  });

  afterAll(async () => {
    await portal?.close();
    await db?.dispose();
  });

  it("keeps Mijn punten within 10 KB of JavaScript (gzip), and loads the scanner on the Sparen page only", async () => {
    const sizes: Record<string, number> = {};
    for (const path of ["/punten", "/voordelen", "/kaart", "/sparen"]) {
      const { gzipBytes, files } = await pageJavaScript(portal.base, path, browser.cookie);
      sizes[path] = gzipBytes;
      if (path !== "/sparen") expect(files, path).toEqual([]);
    }
    console.log(`JavaScript per page (gzip, bytes): ${JSON.stringify(sizes)}`);
    expect(sizes["/punten"]).toBeLessThanOrEqual(BUDGET_BYTES);
    expect(sizes["/sparen"]).toBeGreaterThan(BUDGET_BYTES);
  });
});
