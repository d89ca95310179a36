import { Agent, request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signSaveCode } from "../../core/savecodes/save-code.js";
import { databaseKinds } from "../helpers/databases.js";
import { createEvent, createPassholder, time, worldOn } from "../helpers/fixtures.js";
import { limits } from "../../portal/src/lib/attempts.js";
import type { Browser } from "../server/http.js";
import { SECRETS, servePortal, signIn, type Portal } from "../portal/portal-client.js";

interface Answer {
  status: number;
  body: string;
}

/**
 * Fires every path at once as one browser. A keep-alive agent with a bounded number of sockets queues the
 * rest on the client side, as a phone's browser would: the server sees real parallel requests, and no
 * connection is reset for overflowing the listen backlog.
 */
async function storm(base: string, paths: string[], browser: Browser): Promise<Answer[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const headers = { ...browser.headers, cookie: browser.cookie ?? "" };
  try {
    return await Promise.all(
      paths.map(
        (path) =>
          new Promise<Answer>((resolve, reject) => {
            const outgoing = request(`${base}${path}`, { agent, headers }, (response) => {
              const chunks: Buffer[] = [];
              response.on("data", (chunk: Buffer) => chunks.push(chunk));
              response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
              response.on("error", reject);
            });
            outgoing.on("error", reject);
            outgoing.end();
          }),
      ),
    );
  } finally {
    agent.destroy();
  }
}

describe.each(databaseKinds)("a storm of scans of one printed QR code in the portal (%s)", (kind) => {
  const context = worldOn(kind);
  let portal: Portal;
  beforeAll(async () => {
    portal = await servePortal(context.db);
  });
  afterAll(async () => {
    await portal?.close();
  });

  it("1,000 parallel opens of /sparen/<code> by one passholder: no 5xx, one point, the scan limit holds", async () => {
    const { prisma } = context.db;
    // The server saves at its own clock; a limit for the whole event keeps midnight out of the outcome.
    const event = await createEvent(prisma, context.world, {
      startsAt: new Date(Date.now() - time.HOUR),
      endsAt: new Date(Date.now() + 2 * time.HOUR),
      checkinLimitPeriod: "ABSOLUTE",
      points: 3,
    });
    const passholder = await createPassholder(prisma, context.world, { email: `storm-${kind}@example.be` });
    const browser = await signIn(portal, passholder.email!, {}, "10.7.0.1");
    const code = signSaveCode(SECRETS.QR_SECRET, { eventId: event.id, version: event.saveCodeVersion });

    const answers = await storm(portal.base, Array(1000).fill(`/sparen/${code}`), browser);

    const withStatus = (status: number) => answers.filter((answer) => answer.status === status);
    expect(new Set(answers.map((answer) => answer.status))).toEqual(new Set([200, 409, 429]));
    expect(withStatus(200)).toHaveLength(1);
    expect(withStatus(200)[0]!.body).toContain("Je nieuwe saldo: 3 punten.");
    expect(withStatus(409).every((answer) => answer.body.includes("Je hebt al gespaard voor deze activiteit"))).toBe(true);
    expect(withStatus(429).every((answer) => answer.body.includes("Te veel pogingen na elkaar"))).toBe(true);

    // Every scan was counted, and exactly the first 30 reached the check-in, also when the storm crossed the start
    // of a quarter hour: the window slides.
    const windows = await prisma.rateLimit.findMany({ where: { key: `portal-save:${passholder.id}` } });
    expect(windows.reduce((sum, window) => sum + window.count, 0)).toBe(1000);
    expect(withStatus(200).length + withStatus(409).length).toBe(limits.savePerPassholder);

    expect(await prisma.checkin.count({ where: { passholderId: passholder.id } })).toBe(1);
    const ledger = await prisma.pointsTransaction.findMany({ where: { passholderId: passholder.id } });
    expect(ledger.map((line) => line.amount)).toEqual([3]);
    expect((await prisma.passholder.findUniqueOrThrow({ where: { id: passholder.id } })).points).toBe(3);
  }, 240_000);
});
