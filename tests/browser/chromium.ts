import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Page } from "playwright-core";

/** Debian's Chromium, installed by scripts/ensure-chromium.sh; playwright-core brings no browser of its own. */
export const CHROMIUM = "/usr/bin/chromium";
export const chromiumInstalled = existsSync(CHROMIUM);

// Without these Chromium waits for the network (updates, sync, QUIC) that this closed network never answers.
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface ChromiumTab {
  page: Page;
  /** Uncaught errors of the page's scripts: a screen that broke without the test noticing otherwise. */
  pageErrors: string[];
  close(): Promise<void>;
}

/** A phone's screen, and a fake camera that grants itself (a moving test pattern), for the passholder portal. */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  args: ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"],
};

/** Headless Chromium with a fresh profile (no cookies, no storage), Dutch and in Belgian time unless another zone is asked. */
export async function openChromium(options: { viewport?: { width: number; height: number }; args?: string[]; timezoneId?: string } = {}): Promise<ChromiumTab> {
  const profile = await mkdtemp(path.join(tmpdir(), "uitpas-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...FLAGS, ...(options.args ?? [])],
    locale: "nl-BE",
    timezoneId: options.timezoneId ?? "Europe/Brussels",
    viewport: options.viewport ?? { width: 1400, height: 900 },
    acceptDownloads: true,
  });
  context.setDefaultTimeout(30_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  return {
    page,
    pageErrors,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
