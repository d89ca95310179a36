// A served app on the demo region, for the backoffice's role, scope and audit tests.
import { demoAccounts } from "../../seeds/demo-accounts.js";
import type { DatabaseKind } from "../../core/db/database.js";
import { seedDemo } from "../../seeds/demo.js";
import { freshDatabase, freshPglite, type TestDatabase } from "../helpers/databases.js";
import { DEMO_NOW } from "../helpers/demo-now.js";
import { adminLogin, get, postForm, type Browser } from "./http.js";
import { serve, stop } from "./serve-app.js";

export interface DemoBackoffice {
  db: TestDatabase;
  base: string;
  eeklo: number;
  assenede: number;
  /** A browser signed in with the demo account of this role. */
  signIn(role: "COORDINATOR" | "MUNICIPAL_ADMIN"): Promise<Browser>;
  getJson(browser: Browser, path: string): Promise<ApiAnswer>;
  postJson(browser: Browser, path: string, fields?: Record<string, string>): Promise<ApiAnswer>;
  close(): Promise<void>;
}

/** What the AdminJS API answers, loosely typed for assertions. */
export interface ApiAnswer {
  status: number;
  body: { record?: { params: Record<string, unknown>; errors?: Record<string, { message: string }> }; records?: Array<{ id: string; params: Record<string, unknown> }>; meta?: { total: number }; notice?: { type: string; message: string }; redirectUrl?: string };
  text: string;
}

async function answer(response: Response): Promise<ApiAnswer> {
  const text = await response.text();
  let body: ApiAnswer["body"] = {};
  try {
    body = JSON.parse(text) as ApiAnswer["body"];
  } catch {
    // not JSON (an error page): assertions look at status and text
  }
  return { status: response.status, body, text };
}

/** The demo backoffice with the coordinator and Eeklo's administrator signed in, as most backoffice tests start. */
export async function signedInDemo(kind: DatabaseKind = "pglite"): Promise<{ app: DemoBackoffice; coordinator: Browser; eeklo: Browser }> {
  const app = await demoBackoffice(kind);
  return { app, coordinator: await app.signIn("COORDINATOR"), eeklo: await app.signIn("MUNICIPAL_ADMIN") };
}

/** On PGlite a copy of the run's seeded template; on PostgreSQL a fresh database seeded the same way. */
export async function demoBackoffice(kind: DatabaseKind = "pglite"): Promise<DemoBackoffice> {
  const db = kind === "pglite" ? await freshPglite("demo") : await freshDatabase(kind);
  if (kind !== "pglite") await seedDemo(db, { now: DEMO_NOW });
  const { base, server } = await serve(db);
  const municipality = async (name: string) => (await db.prisma.municipality.findFirstOrThrow({ where: { name } })).id;
  return {
    db,
    base,
    eeklo: await municipality("Eeklo"),
    assenede: await municipality("Assenede"),
    async signIn(role) {
      const account = demoAccounts.find((candidate) => candidate.role === role)!;
      const browser: Browser = {};
      const response = await adminLogin(base, account.email, account.password, browser);
      if (response.status !== 302) throw new Error(`login of ${account.email} failed`);
      return browser;
    },
    getJson: async (browser, path) => answer(await get(base, path, browser)),
    postJson: async (browser, path, fields = {}) => answer(await postForm(base, path, fields, browser)),
    async close() {
      stop(server);
      await db.dispose();
    },
  };
}
