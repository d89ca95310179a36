import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInDemo, type DemoBackoffice } from "../server/access-setup.js";
import { send, type Browser } from "../server/http.js";

const API = "/admin/api/resources";

describe("new providers in the backoffice: checklist, agreement, onboarding mail, region, outbox", () => {
  let app: DemoBackoffice;
  let coordinator: Browser;
  let eeklo: Browser;
  beforeAll(async () => ({ app, coordinator, eeklo } = await signedInDemo()));
  afterAll(async () => app?.close());

  const provider = (name: string) => app.db.prisma.provider.findFirstOrThrow({ where: { name } });
  const mailsOf = (providerId: number) => app.db.prisma.emailMessage.findMany({ where: { providerId }, orderBy: { createdAt: "asc" } });
  const upload = (browser: Browser, providerId: number, file: Blob, fileName: string) => {
    const form = new FormData();
    form.append("agreement", file, fileName);
    form.append("agreementSignedAt", "2026-06-01");
    return send(app.base, `${API}/Provider/records/${providerId}/uploadAgreement`, { method: "POST", body: form, headers: { "x-xsrf-token": browser.csrfToken ?? "" } }, browser);
  };

  it("shows the manual's steps with what is still missing", async () => {
    const chiro = await provider("Chiro Sint-Jan Kaprijke");
    const answer = await app.getJson(coordinator, `${API}/Provider/records/${chiro.id}/onboarding`);
    const steps = (answer.body as { steps: { key: string; done: boolean; missing: string | null }[] }).steps;
    expect(steps.map((step) => step.key)).toEqual(["uitidEmail", "municipality", "agreement", "collegeApproval", "regionForm", "counterAdjusted", "welcomeMail", "coordinatorNotified"]);
    expect(steps.find((step) => step.key === "collegeApproval")?.done).toBe(true);
    expect(steps.find((step) => step.key === "counterAdjusted")).toMatchObject({ done: false, missing: "kies de balie" });
  });

  it("refuses the onboarding mail while steps are missing, naming them in Dutch", async () => {
    const chiro = await provider("Chiro Sint-Jan Kaprijke");
    const refused = await app.postJson(coordinator, `${API}/Provider/records/${chiro.id}/sendOnboardingMail`);
    expect(refused.body.notice?.type).toBe("error");
    expect(refused.body.notice?.message).toContain("Eerst moeten deze stappen in orde zijn: Ondertekende samenwerkingsovereenkomst (laad de ondertekende overeenkomst op)");
    expect(refused.body.notice?.message).toContain("Balie aangepast");
    expect(await mailsOf(chiro.id)).toEqual([]);
  });

  it("gives the Eeklo administrator no provider of another municipality", async () => {
    const chiro = await provider("Chiro Sint-Jan Kaprijke");
    const refused = await app.postJson(eeklo, `${API}/Provider/records/${chiro.id}/notifyRegion`);
    expect(refused.body.notice?.type ?? "error").toBe("error");
    expect(refused.text).not.toContain("leiding@chirosintjan.example");
    expect(await mailsOf(chiro.id)).toEqual([]);
  });

  it("stores an uploaded agreement after checking its type, and refuses anything else", async () => {
    const krekentrappers = await provider("Wielerclub De Krekentrappers");
    const bad = await upload(coordinator, krekentrappers.id, new Blob(["<script>alert(1)</script>"], { type: "application/pdf" }), "overeenkomst.pdf");
    const badAnswer = (await bad.json()) as { notice: { type: string; message: string }; record: { errors: Record<string, { message: string }> } };
    expect(badAnswer.notice).toEqual({ type: "error", message: "De overeenkomst moet een pdf, png of jpg zijn van hoogstens 10 MB." });
    expect(badAnswer.record.errors.agreement).toBeDefined();

    const pdf = "%PDF-1.4\n% ondertekend\n%%EOF\n";
    const good = await upload(coordinator, krekentrappers.id, new Blob([pdf], { type: "application/pdf" }), "overeenkomst-krekentrappers.pdf");
    expect(((await good.json()) as { notice: { type: string } }).notice.type).toBe("success");
    const stored = await app.db.prisma.providerAgreement.findFirstOrThrow({ where: { providerId: krekentrappers.id } });
    expect(Buffer.from(stored.contentBase64, "base64").toString()).toBe(pdf);
    expect(stored).toMatchObject({ contentType: "application/pdf", fileName: "overeenkomst-krekentrappers.pdf", uploadedBy: "coordinator@uitpas-meetjesland.test" });
    const download = await app.getJson(coordinator, `${API}/Provider/records/${krekentrappers.id}/downloadAgreement`);
    expect(Buffer.from((download.body as { file: { base64: string } }).file.base64, "base64").toString()).toBe(pdf);
  });

  it("refuses a step posted without the CSRF token", async () => {
    const planken = await provider("Toneelvereniging De Planken");
    const forged = await send(app.base, `${API}/Provider/records/${planken.id}/sendOnboardingMail`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "" }, { ...eeklo, csrfToken: undefined });
    expect(forged.status).toBe(403);
    expect(await mailsOf(planken.id)).toEqual([]);
  });

  it("queues the onboarding mail and the region's notice for the Eeklo administrator, audited and in the outbox", async () => {
    const planken = await provider("Toneelvereniging De Planken");
    const tooEarly = await app.postJson(eeklo, `${API}/Provider/records/${planken.id}/notifyRegion`);
    expect(tooEarly.body.notice?.message).toContain("Vereniging gecontacteerd met de standaardmail (verstuur de onboardingmail)");

    const sent = await app.postJson(eeklo, `${API}/Provider/records/${planken.id}/sendOnboardingMail`);
    expect(sent.body.notice).toEqual({ type: "success", message: "De onboardingmail naar info@deplanken.example staat klaar in Uitgaande mails en wordt zo dadelijk verstuurd." });
    const notified = await app.postJson(eeklo, `${API}/Provider/records/${planken.id}/notifyRegion`);
    expect(notified.body.notice?.type).toBe("success");

    const [onboarding, notice] = await mailsOf(planken.id);
    expect(onboarding).toMatchObject({ template: "provider-onboarding", toAddress: "info@deplanken.example", status: "QUEUED", queuedBy: "beheerder.eeklo@uitpas-meetjesland.test" });
    expect(onboarding!.text).toContain("uitpas@eeklo.be");
    expect(notice).toMatchObject({ template: "coordinator-notification", toAddress: "uitpasmeetjesland@comeet.be" });
    const audit = await app.db.prisma.auditLog.findMany({ where: { resource: "Provider", recordId: String(planken.id) }, orderBy: { at: "asc" } });
    expect(audit.map((row) => [row.action, row.actor])).toEqual(
      expect.arrayContaining([
        ["provider.onboardingMail", "beheerder.eeklo@uitpas-meetjesland.test"],
        ["provider.notifyRegion", "beheerder.eeklo@uitpas-meetjesland.test"],
      ]),
    );
    const steps = (await app.getJson(eeklo, `${API}/Provider/records/${planken.id}/onboarding`)).body as unknown as { steps: { key: string; done: boolean; by: string | null }[] };
    expect(steps.steps.find((step) => step.key === "welcomeMail")).toMatchObject({ done: true, by: "beheerder.eeklo@uitpas-meetjesland.test" });

    const outbox = await app.getJson(eeklo, `${API}/EmailMessage/actions/list?perPage=50`);
    expect(outbox.body.records?.map((record) => record.id)).toEqual(expect.arrayContaining([onboarding!.id, notice!.id]));

    const again = await app.postJson(eeklo, `${API}/Provider/records/${planken.id}/sendOnboardingMail`);
    expect(again.body.notice?.message).toBe("Deze stap werd al gezet. Een mail opnieuw versturen kan bij Uitgaande mails.");
    expect(await mailsOf(planken.id)).toHaveLength(2);
  });

  it("resends a sent mail from the outbox as a new row, audited", async () => {
    const planken = await provider("Toneelvereniging De Planken");
    const [onboarding] = await mailsOf(planken.id);
    await app.db.prisma.emailMessage.update({ where: { id: onboarding!.id }, data: { status: "SENT", sentAt: new Date(), attempts: 1 } });
    const resent = await app.postJson(eeklo, `${API}/EmailMessage/records/${onboarding!.id}/resend`);
    expect(resent.body.notice).toEqual({ type: "success", message: "De mail staat opnieuw klaar om verstuurd te worden." });
    const copy = await app.db.prisma.emailMessage.findFirstOrThrow({ where: { resendOfId: onboarding!.id } });
    expect(onboarding!.replyTo).toBe("uitpasmeetjesland@comeet.be");
    expect(copy).toMatchObject({ status: "QUEUED", toAddress: "info@deplanken.example", html: onboarding!.html, replyTo: onboarding!.replyTo });
    expect(await app.db.prisma.auditLog.count({ where: { action: "email.resend", recordId: copy.id } })).toBe(1);
  });

  it("never lets the generic form mark a mail step done: only the actions that send the mail do", async () => {
    const krekentrappers = await provider("Wielerclub De Krekentrappers");
    const edited = await app.postJson(coordinator, `${API}/Provider/records/${krekentrappers.id}/edit`, {
      name: krekentrappers.name,
      welcomeMailSentAt: "2026-06-10T10:00:00.000Z",
      welcomeMailSentBy: "iemand@example.be",
    });
    expect(edited.status).toBe(200);
    expect(await app.db.prisma.provider.findUniqueOrThrow({ where: { id: krekentrappers.id } })).toMatchObject({ welcomeMailSentAt: null, welcomeMailSentBy: null });
  });
});
