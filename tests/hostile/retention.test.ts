import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverDueMail } from "../../core/mail/deliver-due-mail.js";
import { createMailTransport } from "../../core/mail/mail-transport.js";
import { queueMail } from "../../core/mail/queue-mail.js";
import { applyRetention, REMOVED_AFTER_RETENTION } from "../../core/retention/retention.js";
import { createApp } from "../../server/app.js";
import { loadConfig } from "../../server/config.js";
import { portalSignInSample } from "../../templates/portal-sign-in.js";
import { databaseKinds, freshDatabase, type TestDatabase } from "../helpers/databases.js";

const DAY = 24 * 60 * 60_000;
const SECRETS = { SESSION_SECRET: "s".repeat(40), QR_SECRET: "q".repeat(40) };

describe("retention settings", () => {
  it("default to 90 days for mails and 365 for audit values, and refuse nonsense in Dutch", () => {
    expect(loadConfig({ NODE_ENV: "test", ...SECRETS }).config.retention).toEqual({ mailDays: 90, auditDays: 365 });
    expect(loadConfig({ NODE_ENV: "test", ...SECRETS, MAIL_RETENTION_DAYS: "30", AUDIT_RETENTION_DAYS: "730" }).config.retention).toEqual({ mailDays: 30, auditDays: 730 });
    expect(() => loadConfig({ NODE_ENV: "test", ...SECRETS, MAIL_RETENTION_DAYS: "0" })).toThrow(/MAIL_RETENTION_DAYS moet een aantal dagen zijn/);
    expect(() => loadConfig({ NODE_ENV: "test", ...SECRETS, AUDIT_RETENTION_DAYS: "een jaar" })).toThrow(/AUDIT_RETENTION_DAYS moet een aantal dagen zijn/);
  });
});

describe.each(databaseKinds)("retention (%s)", (kind) => {
  let db: TestDatabase;
  let dataDir: string;
  beforeAll(async () => {
    db = await freshDatabase(kind);
    dataDir = await mkdtemp(path.join(tmpdir(), "uitpas-retention-"));
  });
  afterAll(async () => {
    await db?.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("the server's housekeeping removes old mail bodies, .eml files and audit values, and keeps the recent ones", async () => {
    const files = createMailTransport({ mailFrom: "uitpas@comeet.be", dataDir });
    const old = await queueMail(db.prisma, { template: "portal-sign-in", to: "oud@example.be", data: portalSignInSample });
    const fresh = await queueMail(db.prisma, { template: "portal-sign-in", to: "nieuw@example.be", data: portalSignInSample });
    const unsent = await queueMail(db.prisma, { template: "portal-sign-in", to: "wacht@example.be", data: portalSignInSample });
    await db.prisma.emailMessage.update({ where: { id: unsent.id }, data: { nextAttemptAt: new Date(Date.now() + DAY) } });
    await deliverDueMail(db.prisma, files);
    const longAgo = new Date(Date.now() - 91 * DAY);
    await db.prisma.emailMessage.updateMany({ where: { id: { in: [old.id, unsent.id] } }, data: { createdAt: longAgo } });
    const oldEml = (await db.prisma.emailMessage.findUniqueOrThrow({ where: { id: old.id } })).emlFile!;
    // A day folder of a mail whose row is gone (another database, an earlier install) goes too.
    await mkdir(path.join(dataDir, "mail", "2020-01-01"), { recursive: true });
    await writeFile(path.join(dataDir, "mail", "2020-01-01", "los.eml"), "To: los@example.be\n");

    await db.prisma.auditLog.createMany({
      data: [
        { actor: "Coördinator <c@example.be>", action: "passholder.update", resource: "Passholder", recordId: "p1", changes: { email: "oud@example.be", firstName: "Lotte" }, ip: "10.1.2.3", userAgent: "Firefox", at: new Date(Date.now() - 366 * DAY) },
        { actor: "Coördinator <c@example.be>", action: "passholder.update", resource: "Passholder", recordId: "p2", changes: { email: "nieuw@example.be" }, ip: "10.1.2.4", userAgent: "Firefox", at: new Date(Date.now() - 300 * DAY) },
      ],
    });

    const { config } = loadConfig({ NODE_ENV: "test", ...SECRETS, DATA_DIR: dataDir });
    const { housekeeping } = await createApp({ config, db });
    await housekeeping();

    const kept = await db.prisma.emailMessage.findUniqueOrThrow({ where: { id: old.id } });
    expect(kept).toMatchObject({ status: "SENT", toAddress: "oud@example.be", html: REMOVED_AFTER_RETENTION, text: REMOVED_AFTER_RETENTION, emlFile: null });
    expect(kept.subject).toContain("aanmeldlink");
    await expect(readdir(path.join(dataDir, path.dirname(oldEml)))).resolves.not.toContain(path.basename(oldEml));
    await expect(readdir(path.join(dataDir, "mail"))).resolves.not.toContain("2020-01-01");
    const recent = await db.prisma.emailMessage.findUniqueOrThrow({ where: { id: fresh.id } });
    expect(recent.text).toContain("Dag Lotte");
    expect(recent.emlFile).not.toBeNull();
    // An unsent mail keeps its body: it is still to be sent.
    expect((await db.prisma.emailMessage.findUniqueOrThrow({ where: { id: unsent.id } })).text).toContain("Dag Lotte");

    const audit = await db.prisma.auditLog.findMany({ orderBy: { recordId: "asc" } });
    expect(audit[0]).toMatchObject({ action: "passholder.update", recordId: "p1", ip: null, userAgent: null, changes: { email: REMOVED_AFTER_RETENTION, firstName: REMOVED_AFTER_RETENTION } });
    expect(audit[1]).toMatchObject({ recordId: "p2", ip: "10.1.2.4", userAgent: "Firefox", changes: { email: "nieuw@example.be" } });

    // A second round finds nothing left to do.
    expect(await applyRetention(db.prisma, { dataDir })).toEqual({ mailBodies: 0, emlFiles: 0, auditRows: 0 });
  });
});
