import { get, send, type Browser } from "../server/http.js";
import { serve, stop } from "../server/serve-app.js";
import { csrfIn, SECRETS } from "../portal/portal-client.js";
import type { TestDatabase } from "../helpers/databases.js";

/** The whole app on a random port, for the desk's HTTP tests. */
export async function serveDesk(db: TestDatabase, env: Record<string, string> = {}) {
  const { base, server } = await serve(db, { NODE_ENV: "test", ...SECRETS, ...env });
  return { base, close: () => stop(server) };
}

/** Posts a form as the desk's pages do: the token of the page `from`, the browser's own Origin. */
export async function deskPost(base: string, path: string, fields: Record<string, string>, browser: Browser, from = path): Promise<Response> {
  const csrf = csrfIn(await (await get(base, from, browser)).text());
  return send(
    base,
    path,
    { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", origin: base }, body: new URLSearchParams({ ...fields, csrf }).toString() },
    browser,
  );
}

/** Signs in at /balie/aanmelden; the browser then holds the desk's session. */
export async function deskSignIn(base: string, email: string, password: string, browser: Browser = {}): Promise<Response> {
  return deskPost(base, "/balie/aanmelden", { email, password }, browser);
}

/** The text a page shows, without tags and with single spaces (for reading refusals). */
export async function pageText(response: Response): Promise<string> {
  return (await response.text()).replace(/<[^>]+>/g, " ").replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/\s+/g, " ");
}

/** Follows a post's redirect, as a browser does, and returns the page it shows. */
export async function follow(base: string, response: Response, browser: Browser): Promise<string> {
  const location = response.headers.get("location");
  if (response.status !== 303 || !location) throw new Error(`expected a redirect, got ${response.status}: ${await pageText(response)}`);
  return pageText(await get(base, location, browser));
}
