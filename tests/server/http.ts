// Small HTTP helpers for the server tests: plain fetch, cookies by hand, no redirects followed.

export interface Browser {
  /** The Cookie header this browser sends: every cookie it was given and still holds. */
  cookie?: string;
  /** The backoffice's CSRF token (its XSRF-TOKEN cookie), sent back like AdminJS's axios does. */
  csrfToken?: string;
  /** A forged request from another site: the browser sends the cookies, but no script can read the token. */
  crossSite?: boolean;
  /** Sent with every request, e.g. the X-Forwarded-Proto of a TLS proxy. */
  headers?: Record<string, string>;
}

export const CSRF_COOKIE = "XSRF-TOKEN";

/** One request as this browser: its cookies and headers go along, the cookies it is given are kept. */
export async function send(base: string, path: string, init: RequestInit & { headers?: Record<string, string> }, browser: Browser = {}): Promise<Response> {
  const headers: Record<string, string> = { ...browser.headers, ...init.headers };
  if (browser.cookie) headers.cookie = browser.cookie;
  const response = await fetch(`${base}${path}`, { redirect: "manual", ...init, headers });
  remember(browser, response);
  return response;
}

export async function get(base: string, path: string, browser: Browser = {}): Promise<Response> {
  return send(base, path, {}, browser);
}

/** A form post as AdminJS's frontend sends it: with the CSRF token header once the browser holds a token. */
export async function postForm(
  base: string,
  path: string,
  fields: Record<string, string>,
  browser: Browser = {},
  extraHeaders: Record<string, string> = {},
): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (browser.csrfToken && !browser.crossSite) headers["x-xsrf-token"] = browser.csrfToken;
  return send(base, path, { method: "POST", headers: { ...headers, ...extraHeaders }, body: new URLSearchParams(fields).toString() }, browser);
}

/**
 * Logs in to the backoffice like the login page does (its form carries the token from the login page's cookie);
 * on success the browser keeps the session cookie and fetches the signed-in CSRF token.
 */
export async function adminLogin(base: string, email: string, password: string, browser: Browser = {}): Promise<Response> {
  await get(base, "/admin/login", browser);
  const response = await postForm(base, "/admin/login", { email, password, csrfToken: browser.csrfToken ?? "" }, browser);
  if (response.status === 302) await get(base, "/admin", browser);
  return response;
}

/** Opens a portal sign-in link (its path) and presses its button, as the passholder does: the browser then holds a portal session. */
export async function confirmSignInLink(base: string, linkPath: string, browser: Browser = {}): Promise<Browser> {
  const csrf = /name="csrf" value="([^"]+)"/.exec(await (await get(base, linkPath, browser)).text())?.[1] ?? "";
  const response = await send(
    base,
    linkPath,
    { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", origin: browser.headers?.origin ?? base }, body: new URLSearchParams({ csrf }).toString() },
    browser,
  );
  if (response.status !== 303) throw new Error(`portal sign-in answered ${response.status}: ${await response.text()}`);
  return browser;
}

/** Logs out by POST with the token, as the user menu does. */
export async function adminLogout(base: string, browser: Browser): Promise<Response> {
  return postForm(base, "/admin/logout", { csrfToken: browser.csrfToken ?? "" }, browser);
}

/** Keeps the cookies a response sets (and drops the ones it expires), like a browser. */
export function remember(browser: Browser, response: Response): void {
  const jar = new Map((browser.cookie ?? "").split("; ").filter(Boolean).map((pair) => [pair.slice(0, pair.indexOf("=")), pair] as const));
  for (const line of response.headers.getSetCookie()) {
    const pair = line.split(";")[0]!;
    const name = pair.slice(0, pair.indexOf("="));
    const expired = /;\s*max-age=0/i.test(line) || /;\s*expires=Thu, 01 Jan 1970/i.test(line);
    if (expired) jar.delete(name);
    else jar.set(name, pair);
  }
  browser.cookie = jar.size ? [...jar.values()].join("; ") : undefined;
  const token = jar.get(CSRF_COOKIE);
  browser.csrfToken = token ? decodeURIComponent(token.slice(CSRF_COOKIE.length + 1)) : undefined;
}

/** The value of one cookie the browser holds. */
export function cookieOf(browser: Browser, name: string): string | undefined {
  const pair = (browser.cookie ?? "").split("; ").find((candidate) => candidate.startsWith(`${name}=`));
  return pair ? decodeURIComponent(pair.slice(name.length + 1)) : undefined;
}

/** The session id inside the signed backoffice session cookie ("s:<id>.<signature>"). */
export function sessionIdOf(browser: Browser, name = "uitpas_beheer"): string {
  const value = cookieOf(browser, name)!;
  return value.slice(2, value.lastIndexOf("."));
}

/** The error key AdminJS's login page will show (translated in the browser), or null. */
export function loginError(html: string): string | null {
  return /"errorMessage":"([^"]*)"/.exec(html)?.[1] ?? null;
}

export async function waitForHealthy(base: string, timeoutMs: number, isAlive: () => boolean = () => true): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (!isAlive()) throw new Error("the server process exited before it became healthy");
    try {
      const response = await fetch(`${base}/healthz`);
      if (response.status === 200) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no healthy answer from ${base} within ${timeoutMs} ms`);
}
