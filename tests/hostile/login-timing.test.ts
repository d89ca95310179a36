import type { Server } from "node:http";
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { hashPassword } from "../../core/auth/password.js";
import type { PendingSignInLink } from "../../core/portal/sign-in-links.js";
import { staffSignIn } from "../../server/staff-sign-in.js";
import { databaseKinds } from "../helpers/databases.js";
import { createPassholder, worldOn } from "../helpers/fixtures.js";
import { csrfIn } from "../portal/portal-client.js";
import { get, type Browser } from "../server/http.js";
import { serve, stop } from "../server/serve-app.js";

// scrypt takes as long for every stored hash with the same parameters, and on a busy machine its noise would hide
// the rest: it is recorded (which parameters, how often) instead of run.
const verified = vi.hoisted(() => [] as string[]);
vi.mock("../../core/auth/password.js", async (original) => ({
  ...(await original<typeof import("../../core/auth/password.js")>()),
  verifyPassword: async (_password: string, stored: string) => {
    verified.push(stored.split("$").slice(0, 4).join("$"));
    return false;
  },
}));

// What the portal does after an answer (look the address up; for a known one make the link and queue its mail): the
// client waits until it is done before the next attempt, so no attempt runs beside another's work.
const afterAnswer = vi.hoisted(() => ({ started: 0, running: 0 }));
vi.mock("../../portal/sign-in-mail.js", async (original) => {
  const actual = await original<typeof import("../../portal/sign-in-mail.js")>();
  return {
    signInMailer: (...args: Parameters<typeof actual.signInMailer>) => {
      const send = actual.signInMailer(...args);
      return (pending: PendingSignInLink) => {
        afterAnswer.started++;
        afterAnswer.running++;
        return send(pending).finally(() => afterAnswer.running--);
      };
    },
  };
});

/** Rounds of the portal's test; the staff sign-in is quicker and its difference to find smaller, so it takes more. */
const ROUNDS = 40;
const STAFF_ROUNDS = 100;
/** The portal's test measures again when a measurement shows a difference, up to this many times. */
const MEASUREMENTS = 3;
/** Between portal attempts, once the last one's work after its answer is done: the server idles as long before each. */
const PAUSE_MS = 200;

interface Attempt {
  known: boolean;
  email: string;
  ip: string;
}

/**
 * Per round two attempts for a known address and two for an unknown one, as known-unknown-unknown-known or the
 * reverse (so a machine getting slower or faster within a round weighs on both alike), each from its own client
 * address. Each address is tried twice, well below any limit.
 */
function rounds(count: number, knownEmail: (i: number) => string, unknownEmail: (i: number) => string, network: string): Attempt[] {
  let client = 0;
  const ip = () => `${network}.${Math.floor(client / 250)}.${client++ % 250}`;
  return Array.from({ length: count }, (_, i) => {
    const known = { known: true, email: knownEmail(i) };
    const unknown = { known: false, email: unknownEmail(i) };
    const order = Math.random() < 0.5 ? [known, unknown, unknown, known] : [unknown, known, known, unknown];
    return order.map((attempt) => ({ ...attempt, ip: ip() }));
  }).flat();
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2;
};

/**
 * The median over the rounds of (known − unknown) in ms, and the median attempt: the odd stall of a busy machine
 * moves neither.
 */
function compare(attempts: Attempt[], took: number[]): { difference: number; typical: number } {
  const differences: number[] = [];
  for (let i = 0; i < attempts.length; i += 4) {
    const round = attempts.slice(i, i + 4).map((attempt, j) => (attempt.known ? 1 : -1) * took[i + j]!);
    differences.push(round.reduce((sum, value) => sum + value, 0) / 2);
  }
  return { difference: median(differences), typical: median(took) };
}

// The portal's client runs in a thread of its own, as an attacker's runs on another machine: what the server does
// after it answered must not hold up the client's reading of that answer.
const PORTAL_CLIENT = `
const { parentPort, workerData: { base, cookie, csrf, attempts, pauseMs } } = require("node:worker_threads");
(async () => {
  const took = [];
  for (const { email, ip } of attempts) {
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
    const started = performance.now();
    const response = await fetch(base + "/aanmelden", {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: base, cookie, "x-forwarded-for": ip },
      body: new URLSearchParams({ email, csrf }).toString(),
    });
    await response.text();
    if (response.status !== 200) throw new Error("status " + response.status + " for " + email);
    took.push(performance.now() - started);
    await new Promise((resolve) => { parentPort.once("message", resolve); parentPort.postMessage({ answered: took.length }); });
  }
  parentPort.postMessage({ took });
})().catch((error) => { throw error; });
`;

/** Runs the client's attempts, letting it go on after each once the server has done that attempt's work. */
function timeInOwnThread(workerData: object): Promise<number[]> {
  const startedBefore = afterAnswer.started;
  return new Promise((resolve, reject) => {
    const worker = new Worker(PORTAL_CLIENT, { eval: true, workerData });
    worker.on("message", (message: { answered?: number; took?: number[] }) => {
      if (message.took) return resolve(message.took);
      const done = () => afterAnswer.started === startedBefore + message.answered! && afterAnswer.running === 0;
      vi.waitUntil(done, { timeout: 15_000, interval: 2 }).then(() => worker.postMessage("go"), reject);
    });
    worker.once("error", reject);
  });
}

describe.each(databaseKinds)("sign-in answers take as long for an unknown address (%s)", (kind) => {
  const context = worldOn(kind);
  let base: string;
  let server: Server;
  beforeAll(async () => {
    ({ base, server } = await serve(context.db));
  });
  afterAll(async () => {
    stop(server);
    await new Promise((resolve) => setTimeout(resolve, 300));
  });

  it("portal: asking for a sign-in link", async () => {
    const browser: Browser = {};
    const csrf = csrfIn(await (await get(base, "/aanmelden", browser)).text());
    const client = { base, cookie: browser.cookie, csrf, pauseMs: PAUSE_MS };
    let measured = 0;
    const measure = async () => {
      // Each measurement has addresses of its own: each is tried twice, below the limit of three per address.
      const known = (i: number) => `bekend${measured}-${i}@example.be`;
      for (let i = 0; i < ROUNDS + 2; i++) await createPassholder(context.db.prisma, context.world, { email: known(i) });
      // Warm up both ways first (compiled code, connections).
      const warmUp = [known(ROUNDS), `warm${measured}-0@example.be`, known(ROUNDS + 1), `warm${measured}-1@example.be`];
      await timeInOwnThread({ ...client, attempts: warmUp.map((email, i) => ({ email, ip: `198.18.255.${4 * measured + i}` })) });
      const attempts = rounds(ROUNDS, known, (i) => `onbekend${measured}-${i}@example.be`, `198.${20 + measured}`);
      const result = compare(attempts, await timeInOwnThread({ ...client, attempts }));
      measured++;
      console.log(`portal sign-in (${kind}), measurement ${measured}: known − unknown ${result.difference.toFixed(2)} ms, typical ${result.typical.toFixed(2)} ms`);
      return result;
    };
    const bound = ({ typical }: { typical: number }) => Math.max(1.5, typical * 0.15);
    // A burst of other work on a shared machine can tip one measurement's median; a real difference tips every one.
    let result = await measure();
    while (Math.abs(result.difference) >= bound(result) && measured < MEASUREMENTS) result = await measure();
    expect(Math.abs(result.difference)).toBeLessThan(bound(result));
    await expect.poll(() => context.db.prisma.emailMessage.count({ where: { toAddress: { startsWith: "bekend" } } }), { timeout: 10_000 }).toBe(measured * (2 * ROUNDS + 2));
  }, MEASUREMENTS * 80_000);

  it("backoffice and desk: a wrong password", async () => {
    const passwordHash = await hashPassword("het echte wachtwoord van deze test");
    await context.db.prisma.user.createMany({
      data: Array.from({ length: STAFF_ROUNDS + 1 }, (_, i) => ({ email: `medewerker${i}@example.be`, name: `Medewerker ${i}`, role: "COORDINATOR" as const, passwordHash })),
    });
    const signIn = staffSignIn(context.db, { area: "admin", mayEnter: () => true });
    const attempt = async ({ email, ip }: { email: string; ip: string }) => {
      expect((await signIn(email, "een fout wachtwoord", ip)).outcome).toBe("INVALID");
    };
    for (let i = 0; i < 5; i++) {
      for (const email of [`medewerker${STAFF_ROUNDS}@example.be`, `warm${i}@example.be`]) await attempt({ email, ip: `198.19.255.${i}` });
    }

    const attempts = rounds(STAFF_ROUNDS, (i) => `medewerker${i}@example.be`, (i) => `niemand${i}@example.be`, "198.19");
    const took: number[] = [];
    verified.length = 0;
    for (const one of attempts) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      const started = performance.now();
      await attempt(one);
      took.push(performance.now() - started);
    }
    const { difference, typical } = compare(attempts, took);
    console.log(`staff sign-in (${kind}): known − unknown ${difference.toFixed(2)} ms, typical ${typical.toFixed(2)} ms`);
    expect(Math.abs(difference)).toBeLessThan(Math.max(1, typical * 0.15));
    // Every attempt, known or not, checked one password hash with the parameters real hashes have.
    expect(verified).toEqual(attempts.map(() => "scrypt$16384$8$1"));
  });
});
