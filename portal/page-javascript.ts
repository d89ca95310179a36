import { gzipSync } from "node:zlib";

export interface PageJavaScript {
  /** Script files the page loads, including the modules they import statically. */
  files: string[];
  /** All of it gzip-compressed, inline scripts included, in bytes. */
  gzipBytes: number;
}

/** What JavaScript a served page ships, as a browser would fetch it (`cookie` for a signed-in page). */
export async function pageJavaScript(base: string, path: string, cookie?: string): Promise<PageJavaScript> {
  const fetchText = async (url: string) => {
    const response = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: "manual" });
    // A redirect (to the sign-in page) or an error page would measure the wrong page.
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    return response.text();
  };
  const html = await fetchText(`${base}${path}`);
  const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]!).filter((code) => code.trim());
  const pending = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"|<link\b[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((match) => new URL(match[1] ?? match[2]!, `${base}${path}`).href);
  const files = new Set<string>();
  let gzipBytes = inline.reduce((sum, code) => sum + gzipSync(code).length, 0);
  while (pending.length) {
    const url = new URL(pending.pop()!);
    if (files.has(url.pathname)) continue;
    files.add(url.pathname);
    const code = await fetchText(url.href);
    gzipBytes += gzipSync(code).length;
    for (const [, imported] of code.matchAll(/\bimport\s*(?:[^"'()]*?from\s*)?["']([^"']+)["']/g)) pending.push(new URL(imported!, url).href);
  }
  return { files: [...files], gzipBytes };
}
