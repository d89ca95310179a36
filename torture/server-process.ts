import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { waitForHealthy } from "../tests/server/http.js";

const repoRoot = fileURLToPath(new URL("../", import.meta.url));
const STARTUP_BUDGET_MS = 180_000;

/** The real server (`node --import tsx server/start.ts`) in its own process group. */
export interface ServerProcess {
  base: string;
  pid: number;
  output(): string;
  running(): boolean;
  /** Resolves once healthy, with the milliseconds it took from spawn. */
  healthy: Promise<number>;
  /** SIGKILL to the whole process group; resolves once every process of the group is gone. */
  kill9(): Promise<void>;
  /** SIGTERM: the server closes its database cleanly; resolves with the exit code. */
  stop(): Promise<number | null>;
}

const spawned = new Set<ServerProcess>();

/** kill -9 to every server this process started that still runs: for cleanup after a failure or interrupt. */
export async function killStartedServers(): Promise<void> {
  await Promise.all([...spawned].filter((server) => server.running()).map((server) => server.kill9()));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.once("error", reject);
  });
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function untilGroupGone(pgid: number): Promise<void> {
  while (groupAlive(pgid)) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** `nodeArgs` go to the server's node process before its script (e.g. `--inspect=127.0.0.1:0`). */
export async function startServer(env: Record<string, string>, port?: number, nodeArgs: string[] = []): Promise<ServerProcess> {
  const listenPort = port ?? (await freePort());
  const base = `http://127.0.0.1:${listenPort}`;
  const started = performance.now();
  // SERVER_PROFILE=<folder> writes the server's CPU profile there when it stops: where a bench figure comes from.
  const profile = process.env.SERVER_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.SERVER_PROFILE}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, ...nodeArgs, "--import", "tsx", "server/start.ts"], {
    cwd: repoRoot,
    // Its own process group, so kill -9 reaches every process it may have started.
    detached: true,
    env: { ...process.env, NODE_ENV: "test", HOST: "127.0.0.1", PORT: String(listenPort), PUBLIC_URL: base, SMTP_URL: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const pid = child.pid!;
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  let running = true;
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => ((running = false), resolve(code))));
  const healthy = waitForHealthy(base, STARTUP_BUDGET_MS, () => running)
    .then(() => performance.now() - started)
    .catch((error: Error) => {
      throw new Error(`${error.message}\n--- server output ---\n${output}`);
    });
  healthy.catch(() => undefined); // the caller awaits it; this avoids an unhandled rejection meanwhile
  const server: ServerProcess = {
    base,
    pid,
    output: () => output,
    running: () => running,
    healthy,
    async kill9() {
      if (groupAlive(pid)) process.kill(-pid, "SIGKILL");
      await exited;
      await untilGroupGone(pid);
    },
    async stop() {
      if (running) child.kill("SIGTERM");
      const code = await exited;
      await untilGroupGone(pid);
      return code;
    },
  };
  spawned.add(server);
  void exited.then(() => spawned.delete(server));
  return server;
}
