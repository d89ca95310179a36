// Item 9 of the security probe: a PostgreSQL server out of reach, at start and while serving. The start waits
// (DATABASE_WAIT_SECONDS) while /healthz says why; during an outage every page answers a Dutch 503, never a 500.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { connect, createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../core/auth/password.js";
import { openPostgres } from "../../core/db/database.js";
import { freePort, killStartedServers, startServer, type ServerProcess } from "../../torture/server-process.js";
import { adminLogin, get, type Browser } from "../server/http.js";

const UNAVAILABLE = "De databank is tijdelijk niet bereikbaar";
const STARTUP_MS = 180_000;

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what}: not within ${timeoutMs} ms`);
}

/** /healthz's answer once the server listens. */
const health = (server: ServerProcess) =>
  until(async () => {
    if (!server.running()) throw new Error(`the server stopped:\n${server.output()}`);
    const response = await fetch(`${server.base}/healthz`);
    return { status: response.status, body: (await response.json()) as { status: string; reason?: string } };
  }, STARTUP_MS, "/healthz");

afterAll(killStartedServers);

describe("a database out of reach at start", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "uitpas-outage-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("waits DATABASE_WAIT_SECONDS with /healthz 503 and Dutch 503 pages, then stops with a Dutch message and no stack", async () => {
    const closedPort = await freePort();
    const server = await startServer({ DATABASE_URL: `postgresql://postgres@127.0.0.1:${closedPort}/uitpas`, DATABASE_WAIT_SECONDS: "8", DATA_DIR: dataDir });
    const { status, body } = await health(server);
    expect(status).toBe(503);
    expect(body).toMatchObject({ status: "starting" });
    expect(body.reason).toContain("geen verbinding met de databankserver");
    const page = await get(server.base, "/");
    expect(page.status).toBe(503);
    expect(await page.text()).toContain("start nog op");

    await until(async () => (server.running() ? undefined : true), 60_000, "the server gives up");
    expect(await server.stop()).toBe(1);
    expect(server.output()).toContain("Databank niet bereikbaar: geen verbinding met de databankserver");
    expect(server.output()).toContain("De databank bleef 8 s onbereikbaar");
    expect(server.output()).not.toMatch(/^\s+at /m);
  }, 2 * STARTUP_MS);
});

/** A TCP relay to PostgreSQL that the test opens and cuts: an outage without touching the real server. */
function relay(address: string) {
  const sockets = new Set<Socket>();
  let listener: Server | undefined;
  return {
    open(port: number): Promise<void> {
      listener = createServer((client) => {
        const target = new URL(address);
        const upstream = connect(Number(target.port || 5432), target.hostname);
        const drop = () => (client.destroy(), upstream.destroy());
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on("error", drop).on("close", () => (drop(), sockets.delete(socket)));
        }
        client.pipe(upstream).pipe(client);
      });
      return new Promise((resolve, reject) => listener!.once("error", reject).listen(port, "127.0.0.1", resolve));
    },
    cut(): Promise<void> {
      const closed = new Promise<void>((resolve) => (listener ? listener.close(() => resolve()) : resolve()));
      for (const socket of sockets) socket.destroy();
      listener = undefined;
      return closed;
    },
  };
}

describe.skipIf(!process.env.TEST_DATABASE_URL)("PostgreSQL going away and coming back", () => {
  // Vitest collects a skipped block too (npm test on a bare machine): nothing here may parse the URL before a test runs.
  const baseUrl = process.env.TEST_DATABASE_URL ?? "";
  const name = `outage_${process.pid}_${randomBytes(4).toString("hex")}`;
  const link = relay(baseUrl);
  const direct = () => Object.assign(new URL(baseUrl), { pathname: `/${name}` });
  let server: ServerProcess;
  let port: number;

  afterAll(async () => {
    await server?.stop();
    await link.cut();
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  it("waits for a database that comes later, then serves", async () => {
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    port = await freePort();
    const viaRelay = direct();
    viaRelay.host = `127.0.0.1:${port}`;
    server = await startServer({ DATABASE_URL: viaRelay.toString(), DATABASE_WAIT_SECONDS: "300" });
    const waiting = await health(server);
    expect(waiting.status).toBe(503);
    expect(waiting.body.reason).toContain("geen verbinding met de databankserver");

    await link.open(port);
    await server.healthy;
  }, 2 * STARTUP_MS);

  it("answers a Dutch 503, never a 500, on every page while the database is gone, and recovers when it is back", async () => {
    const db = await openPostgres(direct().toString());
    const email = "coordinator@outage.test";
    await db.prisma.user.create({ data: { email, name: "Coördinator", role: "COORDINATOR", passwordHash: await hashPassword("een lang genoeg wachtwoord") } });
    await db.close();
    const browser: Browser = {};
    expect((await adminLogin(server.base, email, "een lang genoeg wachtwoord", browser)).status).toBe(302);
    const list = "/admin/api/resources/Passholder/actions/list";
    expect((await get(server.base, list, browser)).status).toBe(200);

    await link.cut();
    const healthz = await fetch(`${server.base}/healthz`);
    expect(healthz.status).toBe(503);
    expect(((await healthz.json()) as { reason: string }).reason).toContain("geen verbinding met de databankserver");

    const api = await get(server.base, list, browser).catch((error: Error) => {
      throw new Error(`${list}: ${error.message}\n${server.output().slice(-3000)}`);
    });
    expect(api.status).toBe(503);
    expect(api.headers.get("retry-after")).toBeTruthy();
    expect(await api.json()).toEqual({ error: expect.stringContaining(UNAVAILABLE) });
    const pages = ["/", "/aanmelden", "/mijn-kaart", "/admin", "/admin/resources/Passholder", "/balie", "/balie/aanmelden"];
    const answers: string[] = [];
    for (const signedIn of [browser, {}]) {
      for (const page of pages) {
        const response = await get(server.base, page, { ...signedIn }).catch((error: Error) => {
          throw new Error(`${page}: ${error.message}\n${server.output().slice(-3000)}`);
        });
        const text = await response.text().catch((error: Error) => `cut off: ${error.message}`);
        if (text.startsWith("cut off")) answers.push(`${page} ${text}`);
        answers.push(`${page} ${response.status}${response.status === 503 && !text.includes(UNAVAILABLE) ? " (not Dutch)" : ""}`);
      }
    }
    expect(answers.filter((answer) => / 500|not Dutch|cut off/.test(answer)), server.output().slice(-3000)).toEqual([]);
    const signIn = await fetch(`${server.base}/aanmelden`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: server.base },
      body: "email=iemand%40example.org",
      redirect: "manual",
    });
    expect(signIn.status).not.toBe(500);
    expect(server.running()).toBe(true);

    await link.open(port);
    await until(async () => ((await fetch(`${server.base}/healthz`)).status === 200 ? true : undefined), 30_000, "healthy again");
    expect((await get(server.base, list, browser)).status).toBe(200);
  }, 120_000);
});
