// Item 8 of the security probe: the embedded data folder's lock is an operating-system lock held by the
// process, on the folder's real path; a pid written in a file decides nothing.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DataDirLockedError, lockDataDir } from "../../core/db/data-dir-lock.js";

const lockModule = fileURLToPath(new URL("../../core/db/data-dir-lock.ts", import.meta.url));

describe("the data-folder lock", () => {
  let workDir: string;
  const children: ChildProcess[] = [];

  beforeAll(() => {
    workDir = mkdtempSync(path.join(tmpdir(), "uitpas-lock-"));
  });

  afterAll(() => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    rmSync(workDir, { recursive: true, force: true });
  });

  const folder = (name: string) => {
    const dataDir = path.join(workDir, name);
    mkdirSync(dataDir, { recursive: true });
    return dataDir;
  };
  const staleLockFile = (dataDir: string, pid: number) => writeFileSync(path.join(path.dirname(dataDir), `.${path.basename(dataDir)}.lock`), `${pid}\n`);

  /** Another process that takes the lock and keeps it until it is killed. */
  async function holder(dataDir: string): Promise<ChildProcess> {
    const script = `const { lockDataDir } = await import(${JSON.stringify(lockModule)}); lockDataDir(${JSON.stringify(dataDir)}); console.log("held"); setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
    children.push(child);
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("held") && resolve());
      child.once("exit", (code) => reject(new Error(`the lock holder exited with ${code}`)));
    });
    return child;
  }

  it("opens a copied folder whose lock file names another process that still runs", () => {
    const dataDir = folder("copied");
    staleLockFile(dataDir, process.ppid);
    lockDataDir(dataDir).release();
  });

  it("opens a folder whose lock file names this very process, as a restart that gets the same pid does (pid 1 in a container)", () => {
    const dataDir = folder("same-pid");
    staleLockFile(dataDir, process.pid);
    lockDataDir(dataDir).release();
  });

  it("finds the lock through a symlink to the folder, and names the real folder", () => {
    const dataDir = folder("real");
    const link = path.join(workDir, "link");
    symlinkSync(dataDir, link);
    const lock = lockDataDir(dataDir);
    try {
      expect(() => lockDataDir(link)).toThrow(DataDirLockedError);
      expect(() => lockDataDir(link)).toThrow(`De databankmap ${dataDir} (via ${link}) is al in gebruik`);
    } finally {
      lock.release();
    }
    lockDataDir(link).release();
  });

  it("refuses while another process holds the folder, and opens it as soon as that process is killed (kill -9)", async () => {
    const dataDir = folder("held");
    const child = await holder(dataDir);
    expect(() => lockDataDir(dataDir)).toThrow(`De databankmap ${dataDir} is al in gebruik door een ander proces (pid ${child.pid})`);
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
    lockDataDir(dataDir).release();
  }, 30_000);
});
