import { request } from "node:http";
import type { Server } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "../helpers/databases.js";
import { adminLogin, loginError } from "./http.js";
import { serve, stop } from "./serve-app.js";

const SCRIPTS = ["global.bundle.js", "design-system.bundle.js", "app.bundle.js", "components.bundle.js"];
const YEAR = "public, max-age=31536000, immutable";

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The bytes as they travelled, still compressed. */
  body: Buffer;
}

/** A GET that keeps the body as sent: fetch would decompress it and hide what went over the wire. */
function rawGet(base: string, path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    request(`${base}${path}`, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on("error", reject);
    })
      .on("error", reject)
      .end();
  });
}

function decoded(response: RawResponse): string {
  const encoding = response.headers["content-encoding"];
  if (encoding === "br") return brotliDecompressSync(response.body).toString("utf8");
  if (encoding === "gzip") return gunzipSync(response.body).toString("utf8");
  return response.body.toString("utf8");
}

describe("backoffice weight: what the login page makes a browser download", () => {
  let db: TestDatabase;
  let base: string;
  let server: Server;
  let scriptUrls: Map<string, string>;
  let loginPage: RawResponse;

  beforeAll(async () => {
    db = await freshDatabase("pglite");
    ({ base, server } = await serve(db));
    loginPage = await rawGet(base, "/admin/login", { "accept-encoding": "gzip, deflate, br" });
    const html = decoded(loginPage);
    scriptUrls = new Map(SCRIPTS.map((name) => [name, new RegExp(`src="(/admin/frontend/assets/${name.replace(".", "\\.")}[^"]*)"`).exec(html)?.[1] ?? ""]));
  });

  afterAll(async () => {
    stop(server);
    await db?.dispose();
  });

  it("links no font or file of another site, and each script under an address that names its content", () => {
    const html = decoded(loginPage);
    expect(html.includes("fonts.googleapis.com"), "a link to Google Fonts").toBe(false);
    expect(/(?:src|href)="(?:https?:)?\/\//.exec(html)?.[0], "a link to another site").toBeUndefined();
    for (const name of SCRIPTS) expect(scriptUrls.get(name)).toMatch(new RegExp(`^/admin/frontend/assets/${name.replace(".", "\\.")}\\?v=[\\w-]{16}$`));
  });

  it("shows a refused login on a page without Google Fonts, with the same script addresses", async () => {
    const response = await adminLogin(base, "niemand@comeet.be", "geen geldig wachtwoord");
    const html = await response.text();
    expect(loginError(html)).toBe("invalidCredentials");
    expect(html.includes("fonts.googleapis.com"), "a link to Google Fonts").toBe(false);
    for (const name of SCRIPTS) expect(html).toContain(`src="${scriptUrls.get(name)}"`);
  });

  it("sends the page compressed", () => {
    expect(loginPage.status).toBe(200);
    expect(loginPage.headers["content-encoding"]).toMatch(/^(br|gzip)$/);
    expect(loginPage.body.length).toBeLessThan(decoded(loginPage).length / 2);
  });

  it("sends every script minified, brotli-compressed and to be kept a year; page and scripts weigh under 1 MB", { timeout: 180_000 }, async () => {
    let transferred = loginPage.body.length;
    for (const name of SCRIPTS) {
      const response = await rawGet(base, scriptUrls.get(name)!, { "accept-encoding": "gzip, deflate, br, zstd" });
      expect(response.status, name).toBe(200);
      expect(response.headers["content-encoding"], name).toBe("br");
      expect(response.headers["cache-control"], name).toBe(YEAR);
      expect(response.headers.vary, name).toMatch(/accept-encoding/i);
      const code = decoded(response);
      // Minified: a handful of very long lines, no comment blocks, no source map inlined.
      expect(code.length / code.split("\n").length, `${name}: average line length`).toBeGreaterThan(300);
      expect(code, name).not.toContain("/**");
      expect(code, name).not.toContain("sourceMappingURL=data:");
      transferred += response.body.length;
    }
    expect(transferred).toBeLessThan(1_000_000);
  });

  it("sends gzip to a client without brotli, and the plain file to one that takes neither", { timeout: 180_000 }, async () => {
    const url = scriptUrls.get("components.bundle.js")!;
    const plain = await rawGet(base, url);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    const gzip = await rawGet(base, url, { "accept-encoding": "gzip, deflate" });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(decoded(gzip)).toBe(plain.body.toString("utf8"));
  });

  it("lets a browser revalidate a script asked for without its version, and answers 304 when it holds it", async () => {
    const url = scriptUrls.get("components.bundle.js")!.replace(/\?.*$/, "");
    const first = await rawGet(base, url, { "accept-encoding": "br" });
    expect(first.headers["cache-control"] ?? "").not.toContain("max-age=31536000");
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    const again = await rawGet(base, url, { "accept-encoding": "br", "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });
});
