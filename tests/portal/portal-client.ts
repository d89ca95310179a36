import { expect } from "vitest";
import type { Server } from "node:http";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createMailTransport } from "../../core/mail/mail-transport.js";
import { startMailWorker } from "../../core/mail/mail-worker.js";
import type { TestDatabase } from "../helpers/databases.js";
import { confirmSignInLink, get, send, type Browser } from "../server/http.js";
import { serve, stop } from "../server/serve-app.js";
import { signInLinkIn, startMailbox, type Mailbox } from "./mailbox.js";

export const SECRETS = { SESSION_SECRET: "s".repeat(40), QR_SECRET: "q".repeat(40) };

export interface Portal {
  base: string;
  server: Server;
  mailbox: Mailbox;
  /** Stops the server, the mail worker and the SMTP server. */
  close(): Promise<void>;
}

/** The whole app on a random port, with the outbox's mail worker sending to a real SMTP server of the test. */
export async function servePortal(db: TestDatabase, env: Record<string, string> = {}): Promise<Portal> {
  const mailbox = await startMailbox();
  const { base, server } = await serve(db, { NODE_ENV: "test", ...SECRETS, SMTP_URL: mailbox.url, MAIL_FROM: "uitpas@comeet.be", ...env });
  const dataDir = await mkdtemp(path.join(tmpdir(), "uitpas-portal-"));
  const worker = startMailWorker(db.prisma, createMailTransport({ smtpUrl: mailbox.url, mailFrom: "uitpas@comeet.be", dataDir }), { intervalMs: 100 });
  const close = async () => {
    stop(server);
    await worker.stop();
    await mailbox.close();
    await rm(dataDir, { recursive: true, force: true });
  };
  return { base, server, mailbox, close };
}

/** The CSRF token of the form on a page. */
export function csrfIn(html: string): string {
  const token = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error("no csrf field on the page");
  return token;
}

/** Opens `path` and posts its form with `fields`, as a browser would. */
export async function submit(base: string, path: string, fields: Record<string, string>, browser: Browser, action = path): Promise<Response> {
  const page = await get(base, path, browser);
  const csrf = csrfIn(await page.text());
  return send(
    base,
    action,
    { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", origin: browser.headers?.origin ?? base }, body: new URLSearchParams({ ...fields, csrf }).toString() },
    browser,
  );
}

/** The path of the sign-in link mailed to `email` (the mail holds the public address). */
export async function mailedLinkPath(portal: Portal, email: string): Promise<string> {
  return new URL(signInLinkIn(await portal.mailbox.take(email))).pathname;
}

/** Asks for a link, opens it from the mail and confirms; the browser then holds a portal session. */
export async function signIn(portal: Portal, email: string, browser: Browser = {}, ip = "192.168.1.1"): Promise<Browser> {
  browser.headers = { ...browser.headers, "x-forwarded-for": ip };
  await submit(portal.base, "/aanmelden", { email }, browser);
  return confirmSignInLink(portal.base, await mailedLinkPath(portal, email), browser);
}

/**
 * Repeats an attempt until it is refused with 429; returns how many went through first. Limits count per
 * fixed quarter-hour window, so a window that turns over halfway lets at most one more limit's worth through.
 */
export async function allowedBeforeRefusal(limit: number, attempt: (i: number) => Promise<Response>): Promise<number> {
  for (let i = 0; i <= 2 * limit + 1; i++) {
    const response = await attempt(i);
    if (response.status === 429) {
      expect(await response.text()).toContain("Te veel pogingen na elkaar");
      return i;
    }
  }
  throw new Error(`never refused after ${2 * limit + 2} attempts`);
}
