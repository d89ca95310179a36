import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../../core/access/actor.js";
import { deliverDueMail } from "../../core/mail/deliver-due-mail.js";
import { forgetMailSecrets, LONGEST_SECRET_MS } from "../../core/mail/mail-secrets.js";
import { createMailTransport } from "../../core/mail/mail-transport.js";
import { resendMail } from "../../core/mail/resend-mail.js";
import { loadConfig } from "../../server/config.js";
import { signInMailer } from "../../portal/sign-in-mail.js";
import { requestSignInLink, type SignInLink } from "../../core/portal/sign-in-links.js";
import { databaseKinds } from "../helpers/databases.js";
import { createPassholder, worldOn } from "../helpers/fixtures.js";
import { expectRefusal } from "../helpers/refusal.js";
import { mailedLinkPath, SECRETS, servePortal, submit, type Portal } from "../portal/portal-client.js";
import { createUser, PASSWORD } from "../server/serve-app.js";
import { adminLogin, get, type Browser } from "../server/http.js";

const tokenOf = (linkPath: string) => linkPath.split("/").pop()!;

async function signInMailOf(prisma: import("@prisma/client").PrismaClient, to: string, status?: "SENT") {
  for (let tries = 0; tries < 100; tries++) {
    const mail = await prisma.emailMessage.findFirst({ where: { toAddress: to, template: "portal-sign-in", status }, orderBy: { createdAt: "desc" } });
    if (mail) return mail;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no sign-in mail to ${to}`);
}

describe.each(databaseKinds)("secrets in mails are never readable after sending (%s)", (kind) => {
  const context = worldOn(kind);
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "uitpas-secrets-"));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  describe("through the portal", () => {
  let portal: Portal;
  beforeAll(async () => {
    portal = await servePortal(context.db);
  });
  afterAll(async () => {
    await portal?.close();
  });

  it("mails the live link but keeps and shows only [aanmeldlink] in the outbox", async () => {
    await createPassholder(context.db.prisma, context.world, { email: "geheim@example.be" });
    await submit(portal.base, "/aanmelden", { email: "geheim@example.be" }, { headers: { "x-forwarded-for": "10.9.0.1" } });
    const linkPath = await mailedLinkPath(portal, "geheim@example.be");
    const token = tokenOf(linkPath);
    expect(token.length).toBeGreaterThan(30);

    // The mail server has it before the worker's transaction records it as sent.
    const stored = await signInMailOf(context.db.prisma, "geheim@example.be", "SENT");
    expect(stored.status).toBe("SENT");
    for (const body of [stored.text, stored.html]) {
      expect(body).not.toContain(token);
      expect(body).toContain("/aanmelden/[aanmeldlink]");
    }

    // The coordinator's view of the outbox (list API, show API and the HTML preview) holds no token either.
    await createUser(context.db, "coordinator.geheim@example.be", "COORDINATOR");
    const admin: Browser = {};
    await adminLogin(portal.base, "coordinator.geheim@example.be", PASSWORD, admin);
    for (const address of [
      "/admin/api/resources/EmailMessage/actions/list?perPage=500",
      `/admin/api/resources/EmailMessage/records/${stored.id}/show`,
      `/admin/mail-voorbeeld/uitgaand/${stored.id}`,
    ]) {
      const response = await get(portal.base, address, admin);
      expect(response.status, address).toBe(200);
      const body = await response.text();
      expect(body, address).not.toContain(token);
    }
  });

  });

  it("writes the .eml file without the link, and refuses to resend a sent sign-in mail", async () => {
    const { config } = loadConfig({ NODE_ENV: "test", ...SECRETS, PUBLIC_URL: "https://uitpas.example.be" });
    await createPassholder(context.db.prisma, context.world, { email: "eml@example.be" });
    let link: SignInLink | undefined;
    signInMailer(config, context.db)(async (db) => (link = await requestSignInLink(db, { email: "eml@example.be" })));
    const queued = await signInMailOf(context.db.prisma, "eml@example.be");
    const files = createMailTransport({ mailFrom: "uitpas@comeet.be", dataDir });
    await deliverDueMail(context.db.prisma, files);
    const sent = await context.db.prisma.emailMessage.findUniqueOrThrow({ where: { id: queued.id } });
    expect(sent.status).toBe("SENT");
    const eml = await readFile(path.join(dataDir, sent.emlFile!), "utf8");
    expect(eml).not.toContain(link!.token);
    expect(eml).toContain("[aanmeldlink]");

    await expectRefusal(resendMail(context.db.prisma, { id: sent.id, actor: systemActor("coordinator@example.be") }), "EMAIL_SECRET_NOT_KEPT");
  });

  it("does not send a sign-in mail whose secret is gone (restart): waits for another instance, then gives up in Dutch", async () => {
    const { config } = loadConfig({ NODE_ENV: "test", ...SECRETS });
    await createPassholder(context.db.prisma, context.world, { email: "herstart@example.be" });
    signInMailer(config, context.db)((db) => requestSignInLink(db, { email: "herstart@example.be" }));
    const queued = await signInMailOf(context.db.prisma, "herstart@example.be");
    forgetMailSecrets(queued.id);
    const files = createMailTransport({ mailFrom: "uitpas@comeet.be", dataDir });
    // Within the hour another instance may still hold it: not an attempt, just later.
    await deliverDueMail(context.db.prisma, files);
    expect(await context.db.prisma.emailMessage.findUniqueOrThrow({ where: { id: queued.id } })).toMatchObject({ status: "QUEUED", attempts: 0 });
    const late = new Date(queued.createdAt.getTime() + LONGEST_SECRET_MS + 60_000);
    await context.db.prisma.emailMessage.update({ where: { id: queued.id }, data: { nextAttemptAt: late } });
    await deliverDueMail(context.db.prisma, files, { now: late });
    const given = await context.db.prisma.emailMessage.findUniqueOrThrow({ where: { id: queued.id } });
    expect(given).toMatchObject({ status: "FAILED", attempts: 1, emlFile: null });
    expect(given.lastError).toContain("aanmeldlink");
  });
});
