import { confirmSignInLink, send, type Browser } from "../tests/server/http.js";
import type { StormPassholder } from "./world.js";

export interface Pair {
  passholderId: string;
  eventId: string;
  /** The event's signed save-code. */
  code: string;
}

/**
 * What a scan's answer said: the point was saved, it had been saved already (the event's limit), another
 * refusal, a server error, or no answer at all (the server died with the request in flight).
 */
export type Outcome = "saved" | "alreadySaved" | "refused" | "serverError" | "noAnswer";

export interface Scan extends Pair {
  outcome: Outcome;
  status?: number;
  /** Why there was no answer. */
  error?: string;
  timedOut?: boolean;
  /** Sent again after a dropped connection (not after a timeout). */
  retries: number;
}

const REQUEST_TIMEOUT_MS = 60_000;

/** Runs `work` over `items` with at most `concurrency` at a time; stops taking new items once `stopped()`. */
async function pool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>, stopped = () => false): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stopped()) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/** Signs every passholder in with their mailed link (open it, press its button): one portal session each. */
export async function signInAll(base: string, passholders: readonly StormPassholder[], concurrency: number): Promise<Map<string, Browser>> {
  const sessions = new Map<string, Browser>();
  await pool(passholders, concurrency, async ({ id, token }) => {
    sessions.set(id, await confirmSignInLink(base, `/aanmelden/${token}`));
  });
  return sessions;
}

/** GET /sparen/<code> as the passholder's phone camera would open it. */
async function scan(base: string, pair: Pair, browser: Browser): Promise<Omit<Scan, "retries">> {
  try {
    const response = await send(base, `/sparen/${pair.code}`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }, browser);
    const page = await response.text();
    if (response.status >= 500) return { ...pair, outcome: "serverError", status: response.status };
    if (response.status === 200 && page.includes("Je spaarde")) return { ...pair, outcome: "saved", status: 200 };
    if (response.status === 409 && page.includes("al gespaard")) return { ...pair, outcome: "alreadySaved", status: 409 };
    return { ...pair, outcome: "refused", status: response.status };
  } catch (error) {
    const cause = (error as Error & { cause?: Error }).cause;
    const timedOut = (error as Error).name === "TimeoutError";
    return { ...pair, outcome: "noAnswer", timedOut, error: `${(error as Error).message}${cause ? `: ${cause.message}` : ""}` };
  }
}

export interface StormOptions {
  concurrency: number;
  /** How often a scan whose connection dropped is sent again, as a phone user would reload. */
  retries?: number;
  /** Called after every answer with the number of saved answers so far; `stop()` ends the storm's sending. */
  onAnswer?: (saved: number, stop: () => void) => void;
}

/** Scans every pair concurrently; pairs not sent because the storm was stopped come back as `unsent`. */
export async function storm(base: string, pairs: readonly Pair[], sessions: Map<string, Browser>, options: StormOptions): Promise<{ scans: Scan[]; unsent: Pair[] }> {
  const scans: Scan[] = [];
  const sent = new Set<Pair>();
  let stopped = false;
  let saved = 0;
  const stop = () => void (stopped = true);
  await pool(
    pairs,
    options.concurrency,
    async (pair) => {
      sent.add(pair);
      const browser = sessions.get(pair.passholderId)!;
      let result: Scan = { ...(await scan(base, pair, browser)), retries: 0 };
      while (result.outcome === "noAnswer" && !result.timedOut && result.retries < (options.retries ?? 0)) {
        result = { ...(await scan(base, pair, browser)), retries: result.retries + 1 };
      }
      scans.push(result);
      if (result.outcome === "saved") saved += 1;
      options.onAnswer?.(saved, stop);
    },
    () => stopped,
  );
  return { scans, unsent: pairs.filter((pair) => !sent.has(pair)) };
}
