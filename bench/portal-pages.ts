import type { PrismaClient } from "@prisma/client";
import { requestSignInLink } from "../core/portal/sign-in-links.js";
import type { Database } from "../core/db/database.js";
import { pageJavaScript } from "../portal/page-javascript.js";
import { confirmSignInLink, get, type Browser } from "../tests/server/http.js";
import { measure, type Timing, type TimingOptions } from "./measure.js";

/** Target of issue 4: the Mijn punten page ships at most this much JavaScript (gzip). */
export const POINTS_JS_BUDGET_BYTES = 10 * 1024;
/** Target of issue 6: rendering Mijn punten takes at most this many times a static file of the same server (p50). */
export const RENDER_TARGET_RATIO = 2;

export const PORTAL_PAGES = [
  { name: "Mijn punten", path: "/punten" },
  { name: "Voordelen", path: "/voordelen" },
  { name: "Mijn kaart", path: "/kaart" },
  { name: "Sparen", path: "/sparen" },
] as const;

export interface PageJavaScriptResult {
  page: string;
  path: string;
  gzipBytes: number;
  files: string[];
}

export interface PortalResult {
  passholder: { id: string; ledgerLines: number };
  javascript: PageJavaScriptResult[];
  render: { path: string; timing: Timing };
  staticFile: { path: string; timing: Timing };
  /** Render p50 over static p50: the target's ratio. */
  ratio: number;
}

/** The passholder with an email address and the longest points history: the heaviest Mijn punten page. */
async function busiestPassholder(db: Database): Promise<{ id: string; email: string; ledgerLines: number }> {
  const [passholder] = await db.query<{ id: string; email: string; ledgerLines: number }>(
    `SELECT p.id, p.email, count(*)::int AS "ledgerLines" FROM "PointsTransaction" t JOIN "Passholder" p ON p.id = t."passholderId"
     WHERE p.email IS NOT NULL GROUP BY p.id ORDER BY 3 DESC, 1 LIMIT 1`,
  );
  if (!passholder) throw new Error("no passholder with an email address and points history to sign in as");
  return passholder;
}

/** Signs in as the passholder by the link the mail would carry: open it, then press its button. */
export async function signInToPortal(prisma: PrismaClient, base: string, email: string): Promise<Browser> {
  const link = await requestSignInLink(prisma, { email });
  if (!link) throw new Error(`no sign-in link for ${email}`);
  return confirmSignInLink(base, `/aanmelden/${link.token}`);
}

/** A page read to its last byte, as a browser would; anything but 200 would measure the wrong page. */
async function read(base: string, path: string, browser: Browser): Promise<void> {
  const response = await get(base, path, browser);
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
}

/** The JavaScript each signed-in portal page ships, and Mijn punten's server render against the portal's stylesheet. */
export async function benchPortal(db: Database, base: string, timing: TimingOptions): Promise<PortalResult> {
  const passholder = await busiestPassholder(db);
  const browser = await signInToPortal(db.prisma, base, passholder.email);
  const javascript: PageJavaScriptResult[] = [];
  for (const { name, path } of PORTAL_PAGES) javascript.push({ page: name, path, ...(await pageJavaScript(base, path, browser.cookie)) });
  const points = await (await get(base, "/punten", browser)).text();
  const stylesheet = /<link\b[^>]*\brel="stylesheet"[^>]*\bhref="([^"]+)"/.exec(points)?.[1];
  if (!stylesheet) throw new Error("Mijn punten links no stylesheet to compare with");
  const render = await measure(() => read(base, "/punten", browser), timing);
  const staticTiming = await measure(() => read(base, stylesheet, browser), timing);
  return {
    passholder: { id: passholder.id, ledgerLines: passholder.ledgerLines },
    javascript,
    render: { path: "/punten", timing: render },
    staticFile: { path: stylesheet, timing: staticTiming },
    ratio: render.p50 / staticTiming.p50,
  };
}

/** How many of the portal's targets this run missed. */
export function portalMisses(result: PortalResult): number {
  const points = result.javascript.find((page) => page.path === "/punten")!;
  return Number(points.gzipBytes > POINTS_JS_BUDGET_BYTES) + Number(result.ratio > RENDER_TARGET_RATIO);
}
