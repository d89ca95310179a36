import { closeSync, constants, fstatSync, ftruncateSync, mkdirSync, openSync, readFileSync, realpathSync, statSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";
// An operating-system lock (open-file-description fcntl lock on Linux, flock on macOS, LockFileEx on Windows)
// from a package that ships prebuilt binaries: `npm ci` builds nothing. Node has no file lock of its own; a
// pid in a file is not a lock (a copied file or a reused pid, e.g. pid 1 in every container, refuses a start).
import { tryLock } from "fs-native-extensions";

export class DataDirLockedError extends Error {
  constructor(readonly dataDir: string, readonly pid: number | undefined) {
    super(
      `De databankmap ${dataDir} is al in gebruik door een ander proces${pid ? ` (pid ${pid})` : ""}. ` +
        `Slechts één proces mag de ingebouwde databank openen: stop eerst dat proces.`,
    );
    this.name = "DataDirLockedError";
  }
}

/**
 * Takes the exclusive lock on an embedded data folder: PGlite corrupts a folder opened by two processes.
 * The operating system holds the lock for this process and drops it when the process ends, however it ends.
 * It is taken on the folder's real path, so a symlink to the folder finds the same lock.
 */
export function lockDataDir(dataDir: string): { release(): void } {
  mkdirSync(dataDir, { recursive: true });
  const folder = realpathSync(dataDir);
  const named = folder === path.resolve(dataDir) ? folder : `${folder} (via ${dataDir})`;
  const lockFile = path.join(path.dirname(folder), `.${path.basename(folder)}.lock`);
  for (;;) {
    const fd = openSync(lockFile, constants.O_RDWR | constants.O_CREAT, 0o644);
    if (!tryLock(fd)) {
      closeSync(fd);
      throw new DataDirLockedError(named, readPid(lockFile));
    }
    // The holder before us may have removed the file between our open and our lock: then lock the new one.
    const onDisk = statSync(lockFile, { throwIfNoEntry: false });
    const locked = fstatSync(fd);
    if (!onDisk || onDisk.ino !== locked.ino || onDisk.dev !== locked.dev) {
      closeSync(fd);
      continue;
    }
    // The pid only tells a person which process holds the folder; the lock does not depend on it.
    ftruncateSync(fd);
    writeSync(fd, `${process.pid}\n`);
    let held = true;
    return {
      release() {
        if (!held) return;
        held = false;
        try {
          unlinkSync(lockFile); // still holding the lock, so no other process has taken this file meanwhile
        } catch {
          // Windows cannot remove an open file; the next start locks it again.
        }
        closeSync(fd);
      },
    };
  }
}

function readPid(lockFile: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(lockFile, "utf8"), 10);
    return Number.isFinite(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}
