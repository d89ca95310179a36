import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config.js";
import { databaseKinds, freshDatabase, type TestDatabase } from "../helpers/databases.js";
import { SECRETS, submit } from "../portal/portal-client.js";
import { serve, stop } from "../server/serve-app.js";

/** Asks for sign-in links for different addresses, each claiming another client address; the statuses. */
async function signInRequests(base: string, count: number, tag: string): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    const response = await submit(base, "/aanmelden", { email: `${tag}${i}@example.be` }, { headers: { "x-forwarded-for": `203.0.113.${i + 1}` } });
    statuses.push(response.status);
  }
  return statuses;
}

describe("TRUST_PROXY", () => {
  it("trusts no proxy by default, and warns in production behind HTTPS that a proxy's headers are ignored", () => {
    expect(loadConfig({}).config.trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "" }).config.trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "loopback" }).config.trustProxy).toBe("loopback");
    const production = { NODE_ENV: "production", ...SECRETS, PUBLIC_URL: "https://uitpas.example.be" };
    expect(loadConfig(production).warnings.join("\n")).toContain("TRUST_PROXY is niet ingesteld");
    expect(loadConfig({ ...production, TRUST_PROXY: "loopback" }).warnings.join("\n")).not.toContain("TRUST_PROXY");
  });
});

describe.each(databaseKinds)("per-address limits and X-Forwarded-For (%s)", (kind) => {
  let db: TestDatabase;
  const servers: Server[] = [];
  beforeAll(async () => {
    db = await freshDatabase(kind);
  });
  afterAll(async () => {
    servers.forEach(stop);
    // The lookups after the last answers (the portal mails after answering) finish before the database closes.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await db?.dispose();
  });

  it("counts a client that names another address in X-Forwarded-For by its own address, unless told to trust the proxy", async () => {
    const untrusting = await serve(db, { NODE_ENV: "test", ...SECRETS, TRUST_PROXY: "" });
    servers.push(untrusting.server);
    // The portal allows 10 sign-in requests per address per quarter hour.
    expect(await signInRequests(untrusting.base, 12, "direct")).toContain(429);

    const behindProxy = await serve(db, { NODE_ENV: "test", ...SECRETS, TRUST_PROXY: "loopback" });
    servers.push(behindProxy.server);
    expect(await signInRequests(behindProxy.base, 12, "geproxied")).not.toContain(429);
  });
});
