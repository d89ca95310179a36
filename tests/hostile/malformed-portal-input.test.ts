import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../helpers/databases.js";
import { createAdvantage, createPassholder, nextCardNumber, worldOn } from "../helpers/fixtures.js";
import { csrfIn, servePortal, signIn, submit, type Portal } from "../portal/portal-client.js";
import { get, send, type Browser } from "../server/http.js";
import { HTML, HUGE, isDutchMessage, NUL, SQL, textValues } from "./bad-values.js";

// Every input of the passholder portal gets hostile values: never a server error, a Dutch message on the page
// (next to the field for form fields), any echoed value escaped, and nothing changed in the database.

/** Garbage in a path segment: huge, unicode, NUL, path tricks, SQL and HTML. */
const pathGarbage = ["abc", "x".repeat(4000), encodeURIComponent("🏊‍♀️مرحبا"), "%00", "..%2F..%2Fadmin", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", encodeURIComponent(SQL), encodeURIComponent(HTML), "%ED%A0%80"];

/** Form values no field can take, plus the free text a person may type (refused by the fields' own rules). */
const formGarbage = [...textValues.map((bad) => bad.value).filter((value) => value !== HUGE), "", "   ", "x".repeat(10_000)];

/** The message of the field `field` on a page, else of its error notice (the notice's text after its title). */
function messageOn(html: string, field?: string): string | undefined {
  if (field) return new RegExp(`id="${field}-error"[^>]*>([^<]+)<`).exec(html)?.[1];
  const notice = html.indexOf('class="notice notice-error"');
  return notice < 0 ? undefined : /<p(?![^>]*notice-title)[^>]*>([^<]+)</.exec(html.slice(notice))?.[1];
}

describe.each(databaseKinds)("malformed input in the portal (%s)", (kind) => {
  const context = worldOn(kind);
  let portal: Portal;
  let signedIn: Browser;
  let ip = 0;
  // Every attempt from its own address: the per-address limit must not answer instead of the field's rule.
  const stranger = (): Browser => ({ headers: { "x-forwarded-for": `10.77.${Math.floor(++ip / 250)}.${ip % 250}` } });

  beforeAll(async () => {
    portal = await servePortal(context.db);
    await createPassholder(context.db.prisma, context.world, { email: "fuzz@example.be", points: 50 });
    await createAdvantage(context.db.prisma, context.world, { onlineExchange: true, points: 5 });
    signedIn = await signIn(portal, "fuzz@example.be", {}, "10.78.0.1");
  });
  afterAll(async () => portal?.close());

  /** What any input could change: passholders, cards, points, check-ins, redemptions, sign-in links, mails, audit. */
  const snapshot = async () => {
    const prisma = context.db.prisma;
    return {
      passholders: await prisma.passholder.findMany({ orderBy: { id: "asc" }, select: { id: true, email: true, points: true } }),
      counts: await Promise.all([prisma.card.count(), prisma.checkin.count(), prisma.pointsTransaction.count(), prisma.redemption.count(), prisma.portalSignInToken.count(), prisma.emailMessage.count(), prisma.auditLog.count()]),
    };
  };

  /** Checks a refused answer: below 500, the Dutch message on the page, no echoed value unescaped. */
  const expectRefusedPage = async (response: Response, where: string, field?: string) => {
    expect(response.status, where).toBeGreaterThanOrEqual(400);
    expect(response.status, where).toBeLessThan(500);
    const html = await response.text();
    const message = messageOn(html, field);
    expect(isDutchMessage(message), `${where}: ${message ?? html.slice(0, 300)}`).toBe(true);
    expect(html, where).not.toContain(HTML);
  };

  it("refuses a malformed address on the sign-in form next to the field", async () => {
    const before = await snapshot();
    for (const email of [...formGarbage, "a@b", `${SQL}@x.be`]) {
      await expectRefusedPage(await submit(portal.base, "/aanmelden", { email }, stranger()), `email ${JSON.stringify(email.slice(0, 40))}`, "email");
    }
    await expectRefusedPage(await submit(portal.base, "/aanmelden", {}, stranger()), "no email field", "email");
    // Shaped like an address: answered like any unknown one (the answer never tells which are known), echoed escaped.
    const script = "<script>alert(1)</script>";
    const lookalike = await submit(portal.base, "/aanmelden", { email: `fuzz@example.be${script}` }, stranger());
    expect(lookalike.status).toBe(200);
    const html = await lookalike.text();
    expect(html).toContain("Als dit e-mailadres bij een UiTPAS hoort");
    expect(html).not.toContain(script);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a malformed card number, date of birth or address on the card link form next to that field", async () => {
    // A fresh valid card number per attempt: the per-card limit must not answer instead of the field's rule.
    const valid = () => ({ cardNumber: nextCardNumber(), birthDate: "1990-05-17", email: "nieuw@example.be" });
    const before = await snapshot();
    const fields: Array<[keyof ReturnType<typeof valid>, string[]]> = [
      ["cardNumber", [...formGarbage, "1234567890123", "٠٩٠٠٠٠٠٠٩٥٩٠٢", "1e12"]],
      ["birthDate", [...formGarbage, "2026-02-30", "32/05/1990", "99999-01-01", "1990-5-17"]],
      ["email", [...formGarbage, "a@b"]],
    ];
    for (const [field, values] of fields) {
      for (const value of values) {
        const response = await submit(portal.base, "/kaart-koppelen", { ...valid(), [field]: value }, stranger());
        await expectRefusedPage(response, `${field} ${JSON.stringify(value.slice(0, 40))}`, field);
      }
      const { [field]: _missing, ...others } = valid();
      await expectRefusedPage(await submit(portal.base, "/kaart-koppelen", others, stranger()), `no ${field} field`, field);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("answers a garbage sign-in link in Dutch and signs nobody in", async () => {
    const before = await snapshot();
    let used = 0;
    for (const token of pathGarbage) {
      const browser = stranger();
      const path = `/aanmelden/${token}`;
      const opened = await get(portal.base, path, browser);
      expect(opened.status, token).toBeLessThan(500);
      if (opened.status !== 200) continue;
      const answer = await send(portal.base, path, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", origin: portal.base }, body: new URLSearchParams({ csrf: csrfIn(await opened.text()) }).toString() }, browser);
      await expectRefusedPage(answer, `token ${token.slice(0, 40)}`);
      expect(browser.cookie ?? "", token).not.toContain("uitpas_portaal=");
      used += 1;
    }
    expect(used).toBeGreaterThan(pathGarbage.length / 2);
    expect(await snapshot()).toEqual(before);
  });

  it("saves no point with a garbage code in the address or the code form, and says so in Dutch", async () => {
    const before = await snapshot();
    let judged = 0;
    for (const code of pathGarbage) {
      const response = await get(portal.base, `/sparen/${code}`, signedIn);
      if (response.status === 404) continue; // a path that no longer is a save code (e.g. a decoded "/") is simply not found
      await expectRefusedPage(response, `/sparen/${code.slice(0, 40)}`);
      judged += 1;
    }
    expect(judged).toBeGreaterThan(pathGarbage.length / 2);
    for (const code of [...formGarbage, `${portal.base}/sparen/${encodeURIComponent(SQL)}`, "javascript:alert(1)"]) {
      await expectRefusedPage(await submit(portal.base, "/sparen", { code }, signedIn), `code ${JSON.stringify(code.slice(0, 40))}`, "code");
    }
    await expectRefusedPage(await submit(portal.base, "/sparen", {}, signedIn), "no code field", "code");
    expect(await snapshot()).toEqual(before);
  });

  it("shows the first page of the history for a garbage page marker", async () => {
    for (const marker of ["abc", "_", "2026-01-01T00:00:00Z_", `9999999-01-01_${"0".repeat(36)}`, `2026-01-01T00:00:00Z_${SQL}`, HTML, "%00", "x".repeat(4000)]) {
      const response = await get(portal.base, `/punten?voor=${encodeURIComponent(marker)}`, signedIn);
      expect(response.status, marker.slice(0, 40)).toBe(200);
      const html = await response.text();
      expect(html, marker.slice(0, 40)).toContain("Je saldo");
      expect(html).not.toContain(HTML);
    }
  });

  it("exchanges nothing for a garbage advantage and says so in Dutch", async () => {
    const before = await snapshot();
    for (const advantageId of ["abc", "", "-1", "0", "1.5", "1e309", "99999999999", "NaN", SQL, NUL]) {
      await expectRefusedPage(await submit(portal.base, "/voordelen", { advantageId }, signedIn), `advantageId ${JSON.stringify(advantageId)}`);
    }
    await expectRefusedPage(await submit(portal.base, "/voordelen", {}, signedIn), "no advantageId field");
    const exchanged = await get(portal.base, `/voordelen?omgeruild=${encodeURIComponent(SQL)}`, signedIn);
    expect(exchanged.status).toBe(200);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a garbage security code, a missing one and other content types with the Dutch refusal page", async () => {
    const before = await snapshot();
    const page = await get(portal.base, "/sparen", signedIn);
    const token = csrfIn(await page.text());
    const post = (body: BodyInit, type: string) => send(portal.base, "/sparen", { method: "POST", headers: { "content-type": type, origin: portal.base }, body }, signedIn);
    const answers = [
      ...["", "garbage", `${token}x`, token.slice(1), NUL, "x".repeat(10_000), HTML].map((csrf) => post(new URLSearchParams({ csrf, code: "abc" }).toString(), "application/x-www-form-urlencoded")),
      post("code=abc", "application/x-www-form-urlencoded"),
      post(JSON.stringify({ csrf: token, code: "abc" }), "application/json"),
      post(`csrf=${token}&code=abc`, "text/plain"),
    ];
    const form = new FormData();
    form.append("csrf", token);
    form.append("code", "abc");
    answers.push(send(portal.base, "/sparen", { method: "POST", headers: { origin: portal.base }, body: form }, signedIn));
    for (const answer of await Promise.all(answers)) {
      expect(answer.status).toBe(403);
      expect(await answer.text()).toContain("Deze aanvraag werd geweigerd omdat de beveiligingscode ontbreekt of niet klopt.");
    }
    // A form larger than any real one is refused before it is read, with the Dutch error page.
    const huge = await post(new URLSearchParams({ csrf: token, code: HUGE }).toString(), "application/x-www-form-urlencoded");
    expect(huge.status).toBe(413);
    expect(isDutchMessage(/<p[^>]*>([^<]+)<\/p>/.exec(await huge.text())?.[1])).toBe(true);
    expect(await snapshot()).toEqual(before);
  });
});
