import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../server/config.js";

const secret = "x".repeat(32);

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("configuration", () => {
  it("has working defaults for development, with a warning per generated secret", () => {
    const { config, warnings } = loadConfig({});
    expect(config).toMatchObject({ nodeEnv: "development", port: 3000, host: "0.0.0.0", dataDir: "./data", publicUrl: "http://localhost:3000" });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(warnings.join("\n")).toMatch(/SESSION_SECRET[\s\S]*QR_SECRET/);
  });

  it("treats empty variables as unset, as docker compose passes them", () => {
    const { config } = loadConfig({ PORT: "", DATABASE_URL: "", PUBLIC_URL: " " });
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
  });

  it("names the variable in a Dutch message for each invalid value", () => {
    const problems = problemsOf({
      NODE_ENV: "staging",
      PORT: "0",
      DATABASE_URL: "mysql://localhost/uitpas",
      PUBLIC_URL: "uitpas.be",
      SESSION_SECRET: "kort",
      SMTP_URL: "mailpit:1025",
    });
    expect(problems).toEqual([
      "NODE_ENV moet development, production of test zijn",
      "PORT moet een getal tussen 1 en 65535 zijn",
      expect.stringContaining("DATABASE_URL moet beginnen met postgresql:// of postgres://"),
      expect.stringContaining("PUBLIC_URL moet een volledig http(s)-adres zijn"),
      "SESSION_SECRET moet minstens 32 tekens lang zijn",
      expect.stringContaining("SMTP_URL moet beginnen met smtp:// of smtps://"),
    ]);
    expect(problemsOf({ PORT: "65536" })).toEqual(["PORT moet een getal tussen 1 en 65535 zijn"]);
    expect(problemsOf({ PORT: "3000abc" })).toEqual(["PORT moet een getal tussen 1 en 65535 zijn"]);
  });

  it("requires both secrets in production", () => {
    expect(problemsOf({ NODE_ENV: "production" })).toEqual([
      expect.stringContaining("SESSION_SECRET is verplicht in productie"),
      expect.stringContaining("QR_SECRET is verplicht in productie"),
    ]);
    const { config } = loadConfig({
      NODE_ENV: "production",
      SESSION_SECRET: secret,
      QR_SECRET: secret,
      DATABASE_URL: "postgres://uitpas@db/uitpas",
      PUBLIC_URL: "https://uitpas.meetjesland.be/",
      TRUST_PROXY: "1",
    });
    expect(config).toMatchObject({ databaseUrl: "postgres://uitpas@db/uitpas", publicUrl: "https://uitpas.meetjesland.be", trustProxy: 1 });
  });
});
