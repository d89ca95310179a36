import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse, type DefaultTreeAdapterMap } from "parse5";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../../core/access/actor.js";
import { deliverDueMail } from "../../core/mail/deliver-due-mail.js";
import { createMailTransport } from "../../core/mail/mail-transport.js";
import { queueMail } from "../../core/mail/queue-mail.js";
import { notifyRegion } from "../../core/providers/notify-region.js";
import { sendOnboardingMail } from "../../core/providers/send-onboarding-mail.js";
import { uploadAgreement } from "../../core/providers/upload-agreement.js";
import { resendMail } from "../../core/mail/resend-mail.js";
import { brandingOf } from "../../templates/branding.js";
import { portalSignInSample } from "../../templates/portal-sign-in.js";
import { databaseKinds } from "../helpers/databases.js";
import { worldOn } from "../helpers/fixtures.js";
import { expectRefusal } from "../helpers/refusal.js";
import { configureMailSettings, createReadyProvider, SIGNED_PDF } from "./onboarding-world.js";
import { freePort, startSmtpSink, type SmtpSink } from "./smtp-sink.js";

const FROM = "UiTPAS Meetjesland <uitpasmeetjesland@comeet.be>";
const ACTOR_LABEL = "beheerder.eeklo@uitpas-meetjesland.test";
const ACTOR = systemActor(ACTOR_LABEL);

type Node = DefaultTreeAdapterMap["node"];

/** Parses like a browser does; returns the parse errors and every element's attributes. */
function parseHtml(html: string) {
  const errors: string[] = [];
  const document = parse(html, { onParseError: (error) => errors.push(error.code) });
  const elements: { tag: string; attrs: Record<string, string> }[] = [];
  const walk = (node: Node) => {
    if ("tagName" in node) elements.push({ tag: node.tagName, attrs: Object.fromEntries(node.attrs.map((attr) => [attr.name, attr.value])) });
    if ("childNodes" in node) node.childNodes.forEach(walk);
    if ("content" in node) walk(node.content as Node);
  };
  walk(document);
  return { errors, elements };
}

/** What a reader sees of an HTML mail: its text, tags dropped, white space folded. */
function visibleText(html: string): string {
  let text = "";
  const walk = (node: Node) => {
    if ("tagName" in node && (node.tagName === "style" || node.tagName === "title" || node.tagName === "head")) return;
    if (node.nodeName === "#text") text += (node as { value: string }).value;
    if ("tagName" in node && node.tagName === "br") text += "\n";
    if ("childNodes" in node) node.childNodes.forEach(walk);
  };
  walk(parse(html));
  return text.replace(/[ \t\r]+/g, " ").replace(/ ?\n ?/g, "\n").replace(/\n+/g, "\n");
}

/** The manual's footer (p. 14) as the card system's settings in onboarding-world.ts spell it. */
const MANUAL_FOOTER = [
  "UiTPAS is een product van publiq dat in Vlaanderen al in verschillende regio's werd uitgerold.",
  "COMEET fungeert als regioverantwoordelijke voor UiTPAS Test",
  ", met de steun van het Europees Landbouwfonds voor Plattelandsontwikkeling en de provincie Oost-Vlaanderen.",
  "Pastoor De Nevestraat 8, 9900 Eeklo",
  "T 09 373 75 96 | E uitpasmeetjesland@comeet.be",
  "Helpdesk: info@uitpas.be of uitpasmeetjesland@comeet.be",
];

describe.each(databaseKinds)("onboarding mail of a new provider (%s)", (kind) => {
  const context = worldOn(kind);
  let sink: SmtpSink;
  let dataDir: string;
  beforeAll(async () => {
    await configureMailSettings(context.db.prisma, context.world);
    sink = await startSmtpSink();
    dataDir = await mkdtemp(path.join(tmpdir(), "uitpas-mail-"));
  });
  afterAll(async () => {
    await sink.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  const smtp = () => createMailTransport({ smtpUrl: sink.url, mailFrom: FROM, dataDir });
  const ready = async (name: string) => {
    const provider = await createReadyProvider(context.db.prisma, context.world, name);
    await uploadAgreement(context.db.prisma, { providerId: provider.id, fileName: "overeenkomst.pdf", content: SIGNED_PDF, actor: ACTOR });
    return provider;
  };

  it("refuses while earlier steps are missing, and says in Dutch which ones", async () => {
    const provider = await createReadyProvider(context.db.prisma, context.world, "Fanfare Zonder Overeenkomst");
    await context.db.prisma.provider.update({ where: { id: provider.id }, data: { collegeApprovedAt: null } });
    const error = await expectRefusal(sendOnboardingMail(context.db.prisma, { providerId: provider.id, actor: ACTOR }), "PROVIDER_STEPS_MISSING");
    expect(error.message).toContain("Ondertekende samenwerkingsovereenkomst (laad de ondertekende overeenkomst op)");
    expect(error.message).toContain("Goedgekeurd door het college");
    expect(error.message).not.toContain("Formulier van de regio");
    expect(await context.db.prisma.emailMessage.count({ where: { providerId: provider.id } })).toBe(0);
    await expectRefusal(notifyRegion(context.db.prisma, { providerId: provider.id, actor: ACTOR }), "PROVIDER_STEPS_MISSING");
  });

  it("refuses an agreement that is not a pdf or image", async () => {
    const provider = await createReadyProvider(context.db.prisma, context.world, "Schaakclub Het Paard");
    const error = await expectRefusal(
      uploadAgreement(context.db.prisma, { providerId: provider.id, fileName: "overeenkomst.pdf", content: Buffer.from("<html>nep</html>"), actor: ACTOR }),
      "AGREEMENT_FILE_INVALID",
    );
    expect(error.field).toBe("agreement");
  });

  it("delivers the manual's mail over SMTP: both parts, every variable filled, absolute links, valid HTML", async () => {
    const provider = await ready("Toneelkring De Planken & Co");
    const queued = await sendOnboardingMail(context.db.prisma, { providerId: provider.id, actor: ACTOR });
    expect(queued.status).toBe("QUEUED");
    expect(await deliverDueMail(context.db.prisma, smtp())).toEqual({ sent: 1, failed: 0 });

    const mail = sink.received.find((received) => received.envelopeTo.includes("info@toneelkringdeplankenco.be"))!;
    expect(mail).toBeDefined();
    expect(mail.parsed.subject).toBe("PROFICIAT! Toneelkring De Planken & Co is UiTPAS-aanbieder bij " + (await cardSystemName()));
    expect(mail.parsed.from?.text).toBe('"UiTPAS Meetjesland" <uitpasmeetjesland@comeet.be>');
    expect(mail.envelopeFrom).toBe("uitpasmeetjesland@comeet.be");
    // A reply reaches the card system's answer address, not the sender (a no-reply address in production).
    expect(mail.parsed.replyTo?.value.map((address) => address.address)).toEqual(["antwoord@comeet.be"]);
    const html = String(mail.parsed.html);
    const text = String(mail.parsed.text);
    const seen = visibleText(html);
    for (const part of [html, text]) {
      expect(part).not.toMatch(/\{\{|undefined|null|\[object/);
      for (const value of ["uitpas@eeklo.be", "uitpasmeetjesland@comeet.be", "Eeklo", "https://www.uitdatabank.be", "https://www.uitpasmeetjesland.be/nieuwsbrief-aanbieders"]) {
        expect(part).toContain(value);
      }
    }
    for (const part of [seen, text]) {
      expect(part).toContain("Je kan vanaf nu met je UiTID inloggen in jouw balie.");
      for (const line of MANUAL_FOOTER) expect(part).toContain(line);
      expect(part).not.toContain("Stationsplein");
    }
    // The manual's own sentences (p. 14).
    expect(seen).toContain("Maar eerst en vooral dien je je activiteiten in te voeren via www.uitdatabank.be.");
    expect(seen).toContain("Je kan hem hier downloaden of je vindt hem terug op www.uitpasmeetjesland.be/uitpaspartner.");
    expect(seen).toContain("Onze handleiding voor aanbieders helpt je stap voor stap verder in dit proces");
    expect(text).toContain("Beste Toneelkring De Planken & Co,");
    expect(html).toContain("Beste Toneelkring De Planken &amp; Co,");

    const { errors, elements } = parseHtml(html);
    expect(errors).toEqual([]);
    const links = elements.filter((element) => element.tag === "a").map((element) => element.attrs.href ?? "");
    expect(links).toEqual(expect.arrayContaining(["https://balie.uitpas.be/", "https://www.uitpasmeetjesland.be/uitpaspartner/banner", "mailto:uitpas@eeklo.be"]));
    for (const href of links) expect(href).toMatch(/^(https:\/\/|mailto:)/);
    expect(elements.find((element) => element.tag === "img")?.attrs.src).toBe("https://www.uitpasmeetjesland.be/logo.png");

    const sent = await context.db.prisma.emailMessage.findUniqueOrThrow({ where: { id: queued.id } });
    expect(sent).toMatchObject({ status: "SENT", attempts: 1, template: "provider-onboarding", queuedBy: ACTOR_LABEL });
    expect(sent.messageId).toBe(mail.parsed.messageId);
    const after = await context.db.prisma.provider.findUniqueOrThrow({ where: { id: provider.id } });
    expect(after.welcomeMailSentBy).toBe(ACTOR_LABEL);
    const audit = await context.db.prisma.auditLog.findFirst({ where: { action: "provider.onboardingMail", recordId: String(provider.id) } });
    expect(audit?.actor).toBe(ACTOR_LABEL);

    await expectRefusal(sendOnboardingMail(context.db.prisma, { providerId: provider.id, actor: ACTOR }), "PROVIDER_STEP_ALREADY_DONE");
  });

  it("sends replies to the region's coordinator when the card system has no answer address of its own", async () => {
    const where = { id: context.world.cardSystemId };
    await context.db.prisma.cardSystem.update({ where, data: { replyToEmail: null } });
    try {
      const cardSystem = await context.db.prisma.cardSystem.findUniqueOrThrow({ where });
      await queueMail(context.db.prisma, { template: "portal-sign-in", to: "noor@example.be", data: { ...portalSignInSample, branding: brandingOf(cardSystem) } });
      await deliverDueMail(context.db.prisma, smtp());
      const mail = sink.received.find((received) => received.envelopeTo.includes("noor@example.be"));
      expect(mail?.parsed.replyTo?.text).toBe("uitpasmeetjesland@comeet.be");
    } finally {
      await context.db.prisma.cardSystem.update({ where, data: { replyToEmail: "antwoord@comeet.be" } });
    }
  });

  it("tells the region once the welcome mail is sent", async () => {
    const provider = await ready("Jeugdhuis De Kelder");
    await sendOnboardingMail(context.db.prisma, { providerId: provider.id, actor: ACTOR });
    const notice = await notifyRegion(context.db.prisma, { providerId: provider.id, actor: ACTOR });
    expect(notice.toAddress).toBe("uitpasmeetjesland@comeet.be");
    await deliverDueMail(context.db.prisma, smtp());
    const mail = sink.received.find((received) => received.parsed.subject === "Start nieuwe UiTPAS-aanbieder: Jeugdhuis De Kelder (Eeklo)");
    expect(mail?.envelopeTo).toEqual(["uitpasmeetjesland@comeet.be"]);
    expect(String(mail?.parsed.text)).toContain("info@jeugdhuisdekelder.be");
  });

  it("keeps a mail through a refused SMTP connection, retries later with backoff, and sends it once the server is up", async () => {
    const port = await freePort();
    const down = createMailTransport({ smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: FROM, dataDir });
    const provider = await ready("Volleybalclub Eeklo");
    const queued = await sendOnboardingMail(context.db.prisma, { providerId: provider.id, actor: ACTOR });
    const now = new Date(queued.nextAttemptAt.getTime() + 1_000);
    expect(await deliverDueMail(context.db.prisma, down, { now })).toEqual({ sent: 0, failed: 1 });
    const failed = await context.db.prisma.emailMessage.findUniqueOrThrow({ where: { id: queued.id } });
    expect(failed).toMatchObject({ status: "FAILED", attempts: 1, sentAt: null });
    expect(failed.lastError).toMatch(/ECONNREFUSED/);
    expect(failed.nextAttemptAt.getTime()).toBe(now.getTime() + 60_000);

    // Not due yet: nothing is tried again.
    expect(await deliverDueMail(context.db.prisma, down, { now: new Date(now.getTime() + 30_000) })).toEqual({ sent: 0, failed: 0 });
    expect(await deliverDueMail(context.db.prisma, down, { now: failed.nextAttemptAt })).toEqual({ sent: 0, failed: 1 });
    const again = await context.db.prisma.emailMessage.findUniqueOrThrow({ where: { id: queued.id } });
    expect(again.attempts).toBe(2);
    expect(again.nextAttemptAt.getTime()).toBe(failed.nextAttemptAt.getTime() + 120_000);

    const revived = await startSmtpSink(port);
    try {
      const up = createMailTransport({ smtpUrl: revived.url, mailFrom: FROM, dataDir });
      expect(await deliverDueMail(context.db.prisma, up, { now: again.nextAttemptAt })).toEqual({ sent: 1, failed: 0 });
      expect(revived.received.map((mail) => mail.envelopeTo)).toEqual([["info@volleybalclubeeklo.be"]]);
      expect(await context.db.prisma.emailMessage.findUniqueOrThrow({ where: { id: queued.id } })).toMatchObject({ status: "SENT", attempts: 3 });
    } finally {
      await revived.close();
    }
  });

  it("never sends a mail whose transaction rolled back", async () => {
    await expect(
      context.db.prisma.$transaction(async (tx) => {
        await queueMail(tx, { template: "portal-sign-in", to: "lotte@example.be", data: portalSignInSample });
        throw new Error("de registratie mislukt");
      }),
    ).rejects.toThrow("de registratie mislukt");
    expect(await context.db.prisma.emailMessage.count({ where: { toAddress: "lotte@example.be" } })).toBe(0);
    await deliverDueMail(context.db.prisma, smtp());
    expect(sink.received.filter((mail) => mail.envelopeTo.includes("lotte@example.be"))).toEqual([]);
  });

  it("without a mail server keeps the mail as an .eml file in the data folder", async () => {
    const queued = await queueMail(context.db.prisma, { template: "portal-sign-in", to: "jonas@example.be", data: portalSignInSample });
    const files = createMailTransport({ mailFrom: FROM, dataDir });
    expect(await deliverDueMail(context.db.prisma, files)).toEqual({ sent: 1, failed: 0 });
    const kept = await context.db.prisma.emailMessage.findUniqueOrThrow({ where: { id: queued.id } });
    expect(kept.status).toBe("SENT");
    const eml = await readFile(path.join(dataDir, kept.emlFile!), "utf8");
    expect(eml).toContain("To: jonas@example.be");
    expect(eml).toContain("Subject: Je aanmeldlink voor UiTPAS Meetjesland");
  });

  it("resends a sent mail as a new outbox row that points to the first", async () => {
    const queued = await queueMail(context.db.prisma, { template: "portal-sign-in", to: "mira@example.be", data: portalSignInSample });
    await deliverDueMail(context.db.prisma, smtp());
    const copy = await resendMail(context.db.prisma, { id: queued.id, actor: ACTOR });
    expect(copy).toMatchObject({ resendOfId: queued.id, status: "QUEUED", toAddress: "mira@example.be", queuedBy: ACTOR_LABEL });
    await deliverDueMail(context.db.prisma, smtp());
    expect(sink.received.filter((mail) => mail.envelopeTo.includes("mira@example.be"))).toHaveLength(2);
    expect(await context.db.prisma.emailMessage.findUniqueOrThrow({ where: { id: queued.id } })).toMatchObject({ status: "SENT", attempts: 1 });
  });

  if (kind === "postgres") {
    it("two workers in parallel send each due mail exactly once", async () => {
      const to = Array.from({ length: 8 }, (_, index) => `parallel${index}@example.be`);
      for (const address of to) await queueMail(context.db.prisma, { template: "portal-sign-in", to: address, data: portalSignInSample });
      const rounds = await Promise.all([deliverDueMail(context.db.prisma, smtp()), deliverDueMail(context.db.prisma, smtp())]);
      expect(rounds[0]!.sent + rounds[1]!.sent).toBe(8);
      const received = sink.received.flatMap((mail) => mail.envelopeTo).filter((address) => address.startsWith("parallel"));
      expect(received.sort()).toEqual([...to].sort());
    });
  }

  async function cardSystemName() {
    return (await context.db.prisma.cardSystem.findUniqueOrThrow({ where: { id: context.world.cardSystemId } })).name;
  }
});
