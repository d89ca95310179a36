import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createMailTransport } from "../../core/mail/mail-transport.js";
import { startMailWorker } from "../../core/mail/mail-worker.js";
import { queueMail } from "../../core/mail/queue-mail.js";
import { ConfigError, loadConfig } from "../../server/config.js";
import { portalSignInSample } from "../../templates/portal-sign-in.js";
import { freshDatabase, type TestDatabase } from "../helpers/databases.js";
import { startSmtpSink, type SmtpSink } from "./smtp-sink.js";

describe("the mail worker of a running server", () => {
  let db: TestDatabase;
  let sink: SmtpSink;
  let dataDir: string;
  beforeAll(async () => {
    db = await freshDatabase("pglite");
    sink = await startSmtpSink();
    dataDir = await mkdtemp(path.join(tmpdir(), "uitpas-worker-"));
  });
  afterAll(async () => {
    await sink.close();
    await db.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("sends what was queued once its transaction committed, then stops", async () => {
    const worker = startMailWorker(db.prisma, createMailTransport({ smtpUrl: sink.url, mailFrom: "UiTPAS Test <test@uitpas.example>", dataDir }), { intervalMs: 20 });
    try {
      const queued = await db.prisma.$transaction((tx) => queueMail(tx, { template: "portal-sign-in", to: "worker@example.be", data: portalSignInSample }));
      worker.wake();
      await vi.waitFor(async () => expect((await db.prisma.emailMessage.findUniqueOrThrow({ where: { id: queued.id } })).status).toBe("SENT"), { timeout: 20_000, interval: 50 });
      expect(sink.received.map((mail) => mail.envelopeTo)).toEqual([["worker@example.be"]]);
      expect(sink.received[0]!.parsed.from?.text).toBe('"UiTPAS Test" <test@uitpas.example>');
    } finally {
      await worker.stop();
    }
  });
});

describe("mail configuration", () => {
  it("asks for a sender when production sends over SMTP", () => {
    const production = { NODE_ENV: "production", SESSION_SECRET: "s".repeat(40), QR_SECRET: "q".repeat(40), PUBLIC_URL: "https://uitpas.example", SMTP_URL: "smtp://mailpit:1025" };
    expect(() => loadConfig(production)).toThrow(ConfigError);
    expect(() => loadConfig(production)).toThrow(/MAIL_FROM is verplicht wanneer SMTP_URL ingesteld is/);
    expect(loadConfig({ ...production, MAIL_FROM: "UiTPAS Meetjesland <uitpasmeetjesland@comeet.be>" }).config.mailFrom).toBe("UiTPAS Meetjesland <uitpasmeetjesland@comeet.be>");
    expect(loadConfig({ NODE_ENV: "test", PUBLIC_URL: "https://uitpas.example" }).config.mailFrom).toBe("UiTPAS <noreply@uitpas.example>");
  });
});
