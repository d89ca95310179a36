// Small HTTP helpers for the server tests: plain fetch, cookies by hand, no redirects followed.

export interface Browser {
  cookie?: string;
}

export async function get(base: string, path: string, browser: Browser = {}): Promise<Response> {
  return fetch(`${base}${path}`, { redirect: "manual", headers: browser.cookie ? { cookie: browser.cookie } : {} });
}

export async function postForm(base: string, path: string, fields: Record<string, string>, browser: Browser = {}): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (browser.cookie) headers.cookie = browser.cookie;
  return fetch(`${base}${path}`, { method: "POST", redirect: "manual", headers, body: new URLSearchParams(fields).toString() });
}

/** Logs in to the backoffice; on success the browser keeps the session cookie. */
export async function adminLogin(base: string, email: string, password: string, browser: Browser = {}): Promise<Response> {
  const response = await postForm(base, "/admin/login", { email, password }, browser);
  const setCookie = response.headers.get("set-cookie");
  if (setCookie) browser.cookie = setCookie.split(";")[0];
  return response;
}

/** The session id inside the signed cookie value ("s:<id>.<signature>"). */
export function sessionIdOf(browser: Browser): string {
  const value = decodeURIComponent(browser.cookie!.split("=")[1]!);
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
