import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverDueMail } from "../../core/mail/deliver-due-mail.js";
import { createMailTransport } from "../../core/mail/mail-transport.js";
import { queueMail } from "../../core/mail/queue-mail.js";
import { portalSignInSample } from "../../templates/portal-sign-in.js";
import { signedInDemo, type DemoBackoffice } from "../server/access-setup.js";
import { get, type Browser } from "../server/http.js";
import { startSmtpSink, type SmtpSink } from "./smtp-sink.js";

const API = "/admin/api/resources";
const LOGO = "https://www.uitpasmeetjesland.be/logo.png";

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: string | null): Record<string, string[]> {
  return Object.fromEntries((header ?? "").split(";").map((part) => part.trim().split(/\s+/)).filter(([name]) => name).map(([name, ...sources]) => [name!, sources]));
}

describe("the outbox shows a mail exactly as it is sent", () => {
  let app: DemoBackoffice;
  let coordinator: Browser;
  let eeklo: Browser;
  let sink: SmtpSink;
  let dataDir: string;
  let mailId: string;
  beforeAll(async () => {
    ({ app, coordinator, eeklo } = await signedInDemo());
    sink = await startSmtpSink();
    dataDir = await mkdtemp(path.join(tmpdir(), "uitpas-preview-"));
    await app.db.prisma.cardSystem.updateMany({ data: { logoUrl: LOGO } });
    const planken = await app.db.prisma.provider.findFirstOrThrow({ where: { name: "Toneelvereniging De Planken" } });
    const sent = await app.postJson(eeklo, `${API}/Provider/records/${planken.id}/sendOnboardingMail`);
    expect(sent.body.notice?.type).toBe("success");
    mailId = (await app.db.prisma.emailMessage.findFirstOrThrow({ where: { providerId: planken.id, template: "provider-onboarding" } })).id;
    const transport = createMailTransport({ smtpUrl: sink.url, mailFrom: "UiTPAS Meetjesland <noreply@uitpas.example.be>", dataDir });
    expect((await deliverDueMail(app.db.prisma, transport)).sent).toBeGreaterThanOrEqual(1);
  });
  afterAll(async () => {
    await app?.close();
    await sink?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("serves the stored HTML, byte for byte what the mail server received, allowing only the mail's own images", async () => {
    const stored = await app.db.prisma.emailMessage.findUniqueOrThrow({ where: { id: mailId } });
    const received = sink.received.find((mail) => mail.envelopeTo.includes(stored.toAddress))!;
    expect(String(received.parsed.html)).toBe(stored.html);
    expect(received.parsed.replyTo?.text).toBe("uitpasmeetjesland@comeet.be");

    const preview = await get(app.base, `/admin/mail-voorbeeld/uitgaand/${mailId}`, coordinator);
    expect(preview.status).toBe(200);
    expect(preview.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await preview.text()).toBe(stored.html);
    const csp = directives(preview.headers.get("content-security-policy"));
    expect(csp["img-src"]).toEqual(["https://www.uitpasmeetjesland.be"]);
    expect(csp["default-src"]).toEqual(["'none'"]);
    expect(csp["frame-ancestors"]).toEqual(["'self'"]);
    expect(csp).toHaveProperty("sandbox");
    expect(csp).not.toHaveProperty("script-src");
    expect(preview.headers.get("x-frame-options")).toBe("SAMEORIGIN");

    // The backoffice around it may frame its own pages, and still loads no image from elsewhere.
    const page = await get(app.base, `/admin/resources/EmailMessage/records/${mailId}/show`, coordinator);
    const adminCsp = directives(page.headers.get("content-security-policy"));
    expect(adminCsp["frame-src"]).toEqual(["'self'"]);
    expect(adminCsp["img-src"]).not.toContain("https://www.uitpasmeetjesland.be");
  });

  it("previews each template in the card system's own footer and reply address", async () => {
    const answer = await app.getJson(coordinator, `${API}/EmailMessage/actions/templatePreview`);
    const previews = (answer.body as unknown as { previews: { name: string; subject: string; text: string; replyTo: string }[] }).previews;
    expect(previews.map((preview) => preview.name)).toEqual(["provider-onboarding", "coordinator-notification", "portal-sign-in", "staff-sign-in-failures"]);
    for (const preview of previews) {
      expect(preview.replyTo).toBe("uitpasmeetjesland@comeet.be");
      expect(preview.text).toContain("Helpdesk: info@uitpas.be of uitpasmeetjesland@comeet.be");
      expect(`${preview.subject}${preview.text}`).not.toMatch(/\{\{|undefined|null/);
      const html = await get(app.base, `/admin/mail-voorbeeld/sjabloon/${preview.name}`, coordinator);
      expect(html.status).toBe(200);
      const body = await html.text();
      expect(body).toMatch(/^<!doctype html>/i);
      expect(body).toContain("Pastoor De Nevestraat 8, 9900 Eeklo");
      expect(body).toContain(`src="${LOGO}"`);
      expect(directives(html.headers.get("content-security-policy"))["img-src"]).toEqual(["https://www.uitpasmeetjesland.be"]);
    }
    expect((await get(app.base, "/admin/mail-voorbeeld/sjabloon/bestaat-niet", coordinator)).status).toBe(404);
  });

  it("shows a mail only to whoever may see it in the outbox", async () => {
    const signIn = await queueMail(app.db.prisma, { template: "portal-sign-in", to: "lotte@example.be", data: portalSignInSample });
    expect((await get(app.base, `/admin/mail-voorbeeld/uitgaand/${mailId}`)).status).toBe(403);
    expect((await get(app.base, `/admin/mail-voorbeeld/uitgaand/${mailId}`, eeklo)).status).toBe(200);
    // A passholder's sign-in mail belongs to no provider of Eeklo.
    expect((await get(app.base, `/admin/mail-voorbeeld/uitgaand/${signIn.id}`, eeklo)).status).toBe(404);
    expect((await get(app.base, `/admin/mail-voorbeeld/uitgaand/${signIn.id}`, coordinator)).status).toBe(200);
    expect((await get(app.base, "/admin/mail-voorbeeld/uitgaand/geen-id", coordinator)).status).toBe(404);
  });

  it("names each template in Dutch in the list, its filter and the mail's page, never by its key", async () => {
    const page = await (await get(app.base, "/admin/resources/EmailMessage", coordinator)).text();
    const state = JSON.parse(/window\.REDUX_STATE = (.*?);\s*window\.THEME =/s.exec(page)![1]!) as {
      locale: { translations: Record<"nl" | "en", { resources: Record<string, { labels: Record<string, Record<string, string>> }> }> };
      resources: { id: string; properties: Record<string, { availableValues: { value: string }[] | null }> }[];
    };
    expect(state.locale.translations.en.resources.EmailMessage!.labels.template!["provider-onboarding"]).toBe("Provider onboarding mail");
    expect(state.locale.translations.nl.resources.EmailMessage!.labels.template).toEqual({
      "provider-onboarding": "Onboardingmail aanbieder",
      "coordinator-notification": "Regio verwittigen",
      "portal-sign-in": "Aanmeldlink portaal",
      "staff-sign-in-failures": "Mislukte aanmeldpogingen",
    });
    const outbox = state.resources.find((resource) => resource.id === "EmailMessage")!;
    expect(outbox.properties.template!.availableValues?.map((option) => option.value)).toEqual(["provider-onboarding", "coordinator-notification", "portal-sign-in", "staff-sign-in-failures"]);
  });
});
