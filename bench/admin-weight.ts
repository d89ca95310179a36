import type { CDPSession, Page } from "playwright-core";
import { openChromium } from "../tests/browser/chromium.js";
import { createDatabaseUnderTest } from "../torture/database-under-test.js";
import { startServer } from "../torture/server-process.js";
import { serverSecrets } from "./checkin-load.js";

/** Target of issue 11: what a first visit of the backoffice's login page transfers, bundles included. */
export const FIRST_LOAD_TARGET_BYTES = 1_000_000;
/** Target of issue 11: what a second visit of the same page transfers with the browser's cache. */
export const REPEAT_VISIT_TARGET_BYTES = 50_000;

const LOGIN_PATH = "/admin/login";
// The first visit after a start waits for the component bundle's build: seconds on a busy machine.
const PAGE_TIMEOUT_MS = 120_000;

export interface Transfer {
  /** Bytes received over the network: headers and (compressed) bodies. */
  bytes: number;
  /** Bytes of JavaScript after decompression. */
  javascriptBytes: number;
  requests: number;
  /** Responses that came from the browser's cache without a request. */
  fromCache: number;
  /** Addresses on another host the page tried to reach (blocked or not). */
  thirdParty: string[];
  files: { url: string; bytes: number; encoding: string; cacheControl: string }[];
}

export interface WeightResult {
  mode: "development" | "production";
  firstLoad: Transfer;
  repeatVisit: Transfer;
}

/** Counts what one navigation transfers, from Chromium's own network events. */
async function recordTransfer(cdp: CDPSession, origin: string, navigate: () => Promise<void>): Promise<Transfer> {
  const transfer: Transfer = { bytes: 0, javascriptBytes: 0, requests: 0, fromCache: 0, thirdParty: [], files: [] };
  const responses = new Map<string, { url: string; encoding: string; cacheControl: string; javascript: boolean }>();
  const cached = new Set<string>();
  cdp.on("Network.requestWillBeSent", ({ request }) => {
    transfer.requests += 1;
    if (!request.url.startsWith(origin) && !request.url.startsWith("data:")) transfer.thirdParty.push(request.url);
  });
  cdp.on("Network.requestServedFromCache", ({ requestId }) => cached.add(requestId));
  cdp.on("Network.responseReceived", ({ requestId, response, type }) => {
    if (response.fromDiskCache) cached.add(requestId);
    const header = (name: string) => Object.entries(response.headers).find(([key]) => key.toLowerCase() === name)?.[1] ?? "";
    responses.set(requestId, { url: response.url, encoding: header("content-encoding"), cacheControl: header("cache-control"), javascript: type === "Script" });
  });
  cdp.on("Network.dataReceived", ({ requestId, dataLength }) => {
    if (responses.get(requestId)?.javascript) transfer.javascriptBytes += dataLength;
  });
  cdp.on("Network.loadingFinished", ({ requestId, encodedDataLength }) => {
    transfer.bytes += encodedDataLength;
    const response = responses.get(requestId);
    if (response) transfer.files.push({ url: response.url.slice(origin.length), bytes: encodedDataLength, encoding: response.encoding, cacheControl: response.cacheControl });
  });
  await navigate();
  return { ...transfer, fromCache: cached.size };
}

async function visit(page: Page, origin: string): Promise<Transfer> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  try {
    return await recordTransfer(cdp, origin, async () => {
      await page.goto(`${origin}${LOGIN_PATH}`, { waitUntil: "networkidle", timeout: PAGE_TIMEOUT_MS });
      // The login form is a custom component: it shows only once every bundle has loaded and run.
      await page.locator('input[name="email"]').waitFor({ timeout: PAGE_TIMEOUT_MS });
    });
  } finally {
    await cdp.detach();
  }
}

/** `npm start` (development) or NODE_ENV=production on a fresh embedded database, /admin/login opened twice in Chromium. */
export async function benchAdminWeight(mode: WeightResult["mode"]): Promise<WeightResult> {
  const database = await createDatabaseUnderTest("pglite");
  try {
    const server = await startServer({ ...database.serverEnv, ...serverSecrets(), NODE_ENV: mode === "production" ? "production" : "" });
    try {
      await server.healthy;
      const tab = await openChromium();
      try {
        const firstLoad = await visit(tab.page, server.base);
        const again = await tab.page.context().newPage();
        const repeatVisit = await visit(again, server.base);
        return { mode, firstLoad, repeatVisit };
      } finally {
        await tab.close();
      }
    } finally {
      await server.stop();
    }
  } finally {
    await database.dispose();
  }
}

/** Targets missed: either visit over its budget, or any request to another site (a font from Google, say). */
export function weightMisses(result: WeightResult): number {
  const thirdParty = result.firstLoad.thirdParty.length + result.repeatVisit.thirdParty.length;
  return Number(result.firstLoad.bytes > FIRST_LOAD_TARGET_BYTES) + Number(result.repeatVisit.bytes > REPEAT_VISIT_TARGET_BYTES) + Number(thirdParty > 0);
}

/** One line per mode and visit, and the largest files of the first load. */
export function weightTable(results: WeightResult[]): string {
  const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
  const row = (cells: string[]) => cells.map((cell, index) => (index < 2 ? cell.padEnd(index === 0 ? 12 : 16) : cell.padStart(12))).join("  ");
  const lines = [row(["modus", "bezoek", "overgedragen", "JS (ruw)", "verzoeken", "uit cache", "doel", "gehaald"]), "-".repeat(104)];
  for (const result of results) {
    for (const [label, transfer, target] of [
      ["eerste", result.firstLoad, FIRST_LOAD_TARGET_BYTES],
      ["herhaald", result.repeatVisit, REPEAT_VISIT_TARGET_BYTES],
    ] as const) {
      lines.push(row([result.mode, label, kb(transfer.bytes), kb(transfer.javascriptBytes), String(transfer.requests), String(transfer.fromCache), `≤ ${kb(target)}`, transfer.bytes <= target ? "ja" : "NEE"]));
    }
    const largest = [...result.firstLoad.files].sort((a, b) => b.bytes - a.bytes).slice(0, 6);
    for (const file of largest) lines.push(`    ${kb(file.bytes).padStart(10)}  ${(file.encoding || "-").padEnd(5)}  ${file.cacheControl || "-"}  ${file.url}`);
    for (const url of new Set([...result.firstLoad.thirdParty, ...result.repeatVisit.thirdParty])) lines.push(`    NEE, naar een andere site: ${url}`);
  }
  return lines.join("\n");
}
