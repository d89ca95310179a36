import { readFile } from "node:fs/promises";
import type { ServerProcess } from "../torture/server-process.js";

/** Node options that let serverMemory() reach the server's inspector, on a free port of the loopback address. */
export const INSPECTABLE = ["--inspect=127.0.0.1:0"];

export interface MemoryReading {
  /** Resident set of the process in MB, as it is. */
  rssMb: number;
  /** After a full garbage collection: the V8 heap in use, and the resident set. */
  heapMb: number;
  rssAfterGcMb: number;
}

async function rssMb(pid: number): Promise<number> {
  const kb = /VmRSS:\s+(\d+) kB/.exec(await readFile(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kb) / 1024;
}

/** Sends the inspector commands one after another and resolves with the last one's result. */
function inspect(url: string, methods: string[]): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    let id = 0;
    const next = () => socket.send(JSON.stringify({ id: ++id, method: methods[id - 1] }));
    socket.addEventListener("open", next);
    socket.addEventListener("error", () => reject(new Error(`inspector at ${url} not reachable`)));
    socket.addEventListener("message", (event) => {
      const message = JSON.parse(String(event.data)) as { id?: number; result?: Record<string, unknown>; error?: unknown };
      if (message.id !== id) return;
      if (message.error) return reject(new Error(JSON.stringify(message.error)));
      if (id < methods.length) return next();
      socket.close();
      resolve(message.result ?? {});
    });
  });
}

/**
 * The server's memory now, and after a full garbage collection asked through its inspector: RSS alone rises and
 * falls with when V8 happens to collect, the heap after a collection only with what the server keeps.
 */
export async function serverMemory(server: ServerProcess): Promise<MemoryReading> {
  const url = /Debugger listening on (ws:\/\/\S+)/.exec(server.output())?.[1];
  if (!url) throw new Error("the server was not started with INSPECTABLE");
  const rss = await rssMb(server.pid);
  const usage = await inspect(url, ["HeapProfiler.collectGarbage", "HeapProfiler.collectGarbage", "Runtime.getHeapUsage"]);
  return { rssMb: rss, heapMb: Number(usage.usedSize) / 2 ** 20, rssAfterGcMb: await rssMb(server.pid) };
}

/** Processor time the process has used so far, user and system, in milliseconds (from /proc, 10 ms steps). */
export async function processCpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  // The fields after the command name, which is in parentheses and may hold spaces: utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** USER_HZ: 100 on every Linux build this runs on. */
const CLOCK_TICKS_PER_SECOND = 100;
