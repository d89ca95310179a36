import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccounts } from "../../seeds/demo-accounts.js";
import { adminLogin, get, waitForHealthy, type Browser } from "./http.js";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const SECRET = "test-secret-that-is-long-enough-for-the-config-check";

interface ServerProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  running: () => boolean;
}

const started: ServerProcess[] = [];

function startServer(env: Record<string, string>, command: string[] = [process.execPath, "--import", "tsx", "server/start.ts"]): ServerProcess {
  const child = spawn(command[0]!, command.slice(1), {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: "", SESSION_SECRET: "", QR_SECRET: "", PUBLIC_URL: "", NODE_ENV: "development", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  let running = true;
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => ((running = false), resolve(code))));
  const server = { child, output: () => output, exited, running: () => running };
  started.push(server);
  return server;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.once("error", reject);
  });
}

function lockFile(dataDir: string): string {
  return path.join(path.dirname(dataDir), `.${path.basename(dataDir)}.lock`);
}

const STARTUP_BUDGET_MS = 180_000;

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > timeoutMs) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function passholderTotal(base: string, browser: Browser): Promise<number> {
  const response = await get(base, "/admin/api/resources/Passholder/actions/list", browser);
  expect(response.status).toBe(200);
  return (await response.json()).meta.total;
}

describe("npm start (separate processes)", () => {
  let workDir: string;
  let dataDir: string;
  let first: ServerProcess;
  let base: string;
  const coordinator = demoAccounts.find((account) => account.role === "COORDINATOR")!;
  const browser: Browser = {};
  let passholders = 0;

  beforeAll(() => {
    workDir = mkdtempSync(path.join(tmpdir(), "uitpas-start-"));
    dataDir = path.join(workDir, "data");
  });

  afterAll(async () => {
    for (const server of started) if (server.running()) server.child.kill("SIGKILL");
    await Promise.all(started.map((server) => server.exited));
    rmSync(workDir, { recursive: true, force: true });
  });

  it("starts on an empty DATA_DIR, answers /healthz and holds the demo data", async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    first = startServer({ DATA_DIR: dataDir, PORT: String(port), SESSION_SECRET: SECRET });
    // The 60 s start-up target is a benchmark figure, not an assertion: CI machines are shared and noisy.
    const elapsed = await waitForHealthy(base, STARTUP_BUDGET_MS, first.running).catch((error: Error) => {
      throw new Error(`${error.message}\n${first.output()}`);
    });
    console.log(`fresh DATA_DIR → /healthz 200 in ${(elapsed / 1000).toFixed(1)} s`);
    expect(first.output()).toContain("demodata geladen");
    expect(first.output()).toContain(`${base.replace("127.0.0.1", "localhost")}/admin`);

    expect((await adminLogin(base, coordinator.email, coordinator.password, browser)).status).toBe(302);
    passholders = await passholderTotal(base, browser);
    expect(passholders).toBeGreaterThan(0);
  }, 2 * STARTUP_BUDGET_MS);

  it("refuses a second start on the same DATA_DIR while the first keeps serving", async () => {
    const second = startServer({ DATA_DIR: dataDir, PORT: String(await freePort()), SESSION_SECRET: SECRET });
    expect(await second.exited).not.toBe(0);
    expect(second.output()).toContain("is al in gebruik door een ander proces");
    expect((await get(base, "/healthz")).status).toBe(200);
  });

  it("stops with exit code 0 on SIGTERM and finds everything back after a restart with npm start", async () => {
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain("Databank gesloten");
    expect(existsSync(lockFile(dataDir))).toBe(false);

    const port = await freePort();
    const restartedBase = `http://127.0.0.1:${port}`;
    const again = startServer({ DATA_DIR: dataDir, PORT: String(port), SESSION_SECRET: SECRET }, ["npm", "start", "--silent"]);
    const elapsed = await waitForHealthy(restartedBase, STARTUP_BUDGET_MS, again.running);
    console.log(`restart on the same DATA_DIR → /healthz 200 in ${(elapsed / 1000).toFixed(1)} s`);
    expect(again.output()).not.toContain("demodata geladen");
    // The session cookie from before the restart still works: sessions live in the database.
    expect(await passholderTotal(restartedBase, browser)).toBe(passholders);

    // npm does not pass SIGTERM on; the server notices that npm is gone and still closes its database.
    again.child.kill("SIGTERM");
    await again.exited;
    await until(() => again.output().includes("Databank gesloten") && !existsSync(lockFile(dataDir)), 15_000);
  }, 2 * STARTUP_BUDGET_MS);

  it("refuses an invalid PORT with a Dutch message, without creating the data folder", async () => {
    const folder = path.join(workDir, "never-created");
    const server = startServer({ DATA_DIR: folder, PORT: "70000" });
    expect(await server.exited).not.toBe(0);
    expect(server.output()).toContain("PORT moet een getal tussen 1 en 65535 zijn");
    expect(existsSync(folder)).toBe(false);
  });

  it("refuses to start in production without SESSION_SECRET", async () => {
    const folder = path.join(workDir, "never-created-either");
    const server = startServer({ DATA_DIR: folder, NODE_ENV: "production", QR_SECRET: SECRET, PORT: String(await freePort()) });
    expect(await server.exited).not.toBe(0);
    expect(server.output()).toContain("SESSION_SECRET is verplicht in productie");
    expect(existsSync(folder)).toBe(false);
  });
});
