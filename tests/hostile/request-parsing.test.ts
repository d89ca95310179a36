import { request as httpRequest } from "node:http";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccounts } from "../../seeds/demo-accounts.js";
import { freshPglite, type TestDatabase } from "../helpers/databases.js";
import { servePortal, signIn, type Portal } from "../portal/portal-client.js";
import { adminLogin, get, send, type Browser } from "../server/http.js";
import { deskSignIn } from "../desk/desk-client.js";
import { isDutchMessage } from "./bad-values.js";

// Malformed requests as an attacker or a broken client sends them: the shape of the request itself (content type,
// encoding, field names, nesting, size), not the values of a form. The rule: never a 5xx, always a 4xx with a
// Dutch message, and nothing read or stored for a visitor who is not signed in. Uploads land in a temp folder of
// this test's own, which must be empty after every request, whether it was accepted, refused or aborted.

const API = "/admin/api/resources";
const DEEP_JSON = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
const MB = 1024 * 1024;

type Body = { notice?: { type?: string; message?: string }; record?: { errors?: Record<string, { message: string }> } };

/** Every message of an answer: a JSON notice or field error, or the paragraphs and title of an HTML page. */
function messagesIn(text: string): string[] {
  try {
    const body = JSON.parse(text) as Body & { error?: string };
    return [body.notice?.message, body.error, ...Object.values(body.record?.errors ?? {}).map((error) => error.message)].filter((m): m is string => !!m);
  } catch {
    return [...text.matchAll(/<(?:p|h1|title)[^>]*>([^<]+)</g)].map((match) => match[1]!.trim());
  }
}

async function expectRefused(response: Response, where: string): Promise<void> {
  const text = await response.text();
  expect.soft(response.status, `${where}: ${text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
  expect.soft(response.status, `${where}: ${text.slice(0, 200)}`).toBeLessThan(500);
  expect.soft(messagesIn(text).some(isDutchMessage), `${where}: ${text.slice(0, 300)}`).toBe(true);
}

function multipart(field: string, content: string | Uint8Array<ArrayBuffer>, fileName = "bestand.csv"): FormData {
  const form = new FormData();
  form.append(field, new Blob([content], { type: "text/csv" }), fileName);
  return form;
}

describe("malformed requests (demo region, embedded database)", () => {
  let db: TestDatabase;
  let portal: Portal;
  let base: string;
  let uploads: string;
  const previousTmp = process.env.TMPDIR;
  let coordinator: Browser;
  const stranger: Browser = {};

  const leftovers = async () => {
    // Removal runs when the answer is sent: give it a moment.
    await new Promise((resolve) => setTimeout(resolve, 150));
    return (await readdir(uploads)).filter((name) => name.startsWith("upload_"));
  };

  beforeAll(async () => {
    uploads = await mkdtemp(path.join(tmpdir(), "uitpas-uploads-test-"));
    process.env.TMPDIR = uploads;
    db = await freshPglite("demo");
    portal = await servePortal(db);
    base = portal.base;
    const account = demoAccounts.find((candidate) => candidate.role === "COORDINATOR")!;
    coordinator = {};
    expect((await adminLogin(base, account.email, account.password, coordinator)).status).toBe(302);
    // A stranger holds a valid token for the login form, as anyone who opened the login page does.
    await get(base, "/admin/login", stranger);
  });
  afterAll(async () => {
    await portal?.close();
    await db?.dispose();
    if (previousTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTmp;
    await rm(uploads, { recursive: true, force: true });
  });

  const post = (browser: Browser, url: string, body: BodyInit, contentType?: string) =>
    send(base, url, { method: "POST", body, headers: { ...(contentType ? { "content-type": contentType } : {}), ...(browser.csrfToken ? { "x-xsrf-token": browser.csrfToken } : {}) } }, browser);

  describe("a visitor who is not signed in", () => {
    it("gets nothing written to disk for a multipart upload to any backoffice address", async () => {
      const big = new Uint8Array(5 * MB).fill(65);
      for (const url of [`${API}/Municipality/actions/new`, `${API}/ExchangeAdvantage/records/1/importCodes`, `${API}/Provider/records/1/uploadAgreement`, "/admin/login", "/admin/nope"]) {
        const response = await post(stranger, url, multipart("file", big));
        expect(response.status, url).toBeLessThan(500);
        await response.arrayBuffer();
        expect(await leftovers(), url).toEqual([]);
      }
    });

    it("gets no body parsed: broken, deep or huge JSON and unknown types are not read before sign-in", async () => {
      const huge = JSON.stringify({ name: "x".repeat(30 * MB) });
      for (const [body, type] of [["{\"name\":", "application/json"], [DEEP_JSON, "application/json"], [huge, "application/json"], ["x", "text/plain"], ["--x\r\n", "multipart/form-data"]] as const) {
        const where = `${type} ${body.slice(0, 20)}`;
        const response = await post(stranger, `${API}/Municipality/actions/new`, body, type);
        expect(response.status, where).toBeLessThan(500);
        // Sent to the login page, as any address that needs a session.
        expect(response.headers.get("location"), where).toBe("/admin/login");
        await response.arrayBuffer();
      }
    });

    it("answers a malformed login form with a Dutch 4xx", async () => {
      for (const [body, type] of [
        ["{\"email\":", "application/json"],
        [DEEP_JSON, "application/json"],
        ["x", "text/plain"],
        ["--x\r\n", "multipart/form-data"],
        ["<a/>", "application/xml"],
        [`email=${"x".repeat(20_000)}`, "application/x-www-form-urlencoded"],
      ] as const) {
        await expectRefused(await post(stranger, "/admin/login", body, type), `login ${type} ${body.slice(0, 20)}`);
      }
    });
  });

  describe("a signed-in coordinator", () => {
    const municipalityEdit = async () => `${API}/Municipality/records/${(await db.prisma.municipality.findFirstOrThrow()).id}/edit`;

    it("answers malformed bodies, unknown content types and hostile field names with a Dutch 4xx", async () => {
      const edit = await municipalityEdit();
      const before = await db.prisma.municipality.findMany({ orderBy: { id: "asc" } });
      const shapes: Array<[string, string | undefined]> = [
        ["{\"name\":", "application/json"],
        ["{\"name\": \"x\",}", "application/json"],
        [DEEP_JSON, "application/json"],
        [`{"a":${DEEP_JSON}}`, "application/json"],
        ["{\"__proto__\": {\"isAdmin\": true}}", "application/json"],
        ["{\"constructor\": {\"prototype\": {\"isAdmin\": true}}}", "application/json"],
        ["{\"__proto__.isAdmin\": true}", "application/json"],
        ["__proto__.isAdmin=1", "application/x-www-form-urlencoded"],
        ["constructor.prototype.isAdmin=1", "application/x-www-form-urlencoded"],
        ["name.__proto__.x=1", "application/x-www-form-urlencoded"],
        ["x", "text/plain"],
        ["<a/>", "application/xml"],
        ["x", "application/octet-stream"],
        ["--x\r\n", "multipart/form-data"],
        ["x", "multipart/mixed; boundary=x"],
        ["x", "bogus"],
        ["x", undefined],
      ];
      for (const [body, type] of shapes) await expectRefused(await post(coordinator, edit, body, type), `${type} ${body.slice(0, 40)}`);
      // A plain form post carries its token as a field instead of the header.
      const plain = await send(base, edit, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: `csrfToken=${encodeURIComponent(coordinator.csrfToken!)}&__proto__.isAdmin=1` }, coordinator);
      await expectRefused(plain, "plain form with __proto__");
      const multipartNames = new FormData();
      multipartNames.append("__proto__.isAdmin", "1");
      await expectRefused(await post(coordinator, edit, multipartNames), "multipart __proto__ field");
      expect(await db.prisma.municipality.findMany({ orderBy: { id: "asc" } })).toEqual(before);
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
      expect(await leftovers()).toEqual([]);
    });

    it("answers too large a form with 413 and a Dutch message", async () => {
      const edit = await municipalityEdit();
      await expectRefused(await post(coordinator, edit, JSON.stringify({ name: "x".repeat(3 * MB) }), "application/json"), "huge JSON");
      await expectRefused(await post(coordinator, edit, `name=${"x".repeat(3 * MB)}`, "application/x-www-form-urlencoded"), "huge form");
    });

    it("takes a file only where a form has a file field, within that field's limit, and leaves no temp file", async () => {
      const advantage = await db.prisma.advantage.findFirstOrThrow({ where: { usesUniqueCodes: true } });
      const provider = await db.prisma.provider.findFirstOrThrow();
      const importCodes = `${API}/ExchangeAdvantage/records/${advantage.id}/importCodes`;
      const agreement = `${API}/Provider/records/${provider.id}/uploadAgreement`;
      // No file field on these forms.
      for (const url of [`${API}/Municipality/actions/new`, await municipalityEdit(), `${API}/Provider/records/${provider.id}/sendOnboardingMail`]) {
        await expectRefused(await post(coordinator, url, multipart("file", "code\nABC")), `file to ${url}`);
      }
      // A file in another field than the form's own.
      await expectRefused(await post(coordinator, importCodes, multipart("agreement", "code\nABC")), "import with the wrong field");
      await expectRefused(await post(coordinator, agreement, multipart("file", "%PDF-1.4\n")), "agreement with the wrong field");
      // Beyond the field's limit: refused while it arrives.
      await expectRefused(await post(coordinator, importCodes, multipart("file", new Uint8Array(13 * MB).fill(65))), "code file over 12 MB");
      await expectRefused(await post(coordinator, agreement, multipart("agreement", new Uint8Array(11 * MB).fill(65), "a.pdf")), "agreement over 10 MB");
      // Two files in the one field.
      const twice = multipart("file", "code\nABC");
      twice.append("file", new Blob(["code\nDEF"]), "b.csv");
      await expectRefused(await post(coordinator, importCodes, twice), "two code files");
      // Accepted or refused by the action itself: the temp file is gone either way.
      const accepted = await post(coordinator, importCodes, multipart("file", "code\nPARSE-TEST-1\nPARSE-TEST-2\n"));
      expect(accepted.status).toBe(200);
      expect(((await accepted.json()) as Body).notice?.type).toBe("success");
      // Refused by the action, as AdminJS answers a refusal: 200 with the error next to the field.
      const empty = await post(coordinator, importCodes, multipart("file", ""));
      expect(empty.status).toBe(200);
      const body = (await empty.json()) as Body;
      expect(body.notice?.type).toBe("error");
      expect(isDutchMessage(body.notice?.message)).toBe(true);
      expect(await leftovers()).toEqual([]);
    });

    it("removes the temp file of an upload aborted halfway", async () => {
      const advantage = await db.prisma.advantage.findFirstOrThrow({ where: { usesUniqueCodes: true } });
      const url = new URL(`${API}/ExchangeAdvantage/records/${advantage.id}/importCodes`, base);
      const boundary = "----abort";
      await new Promise<void>((resolve) => {
        const req = httpRequest(url, {
          method: "POST",
          headers: { cookie: coordinator.cookie!, "x-xsrf-token": coordinator.csrfToken!, "content-type": `multipart/form-data; boundary=${boundary}`, "content-length": String(4 * MB) },
        });
        req.on("error", () => resolve());
        req.write(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="a.csv"\r\ncontent-type: text/csv\r\n\r\n`);
        req.write("x".repeat(MB), () => setTimeout(() => (req.destroy(), resolve()), 300));
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await leftovers()).toEqual([]);
    });

    it("answers a bad %-encoding, a bad sort, an unknown resource or action with a Dutch 4xx", async () => {
      const paths = [
        `${API}/%E0%A4%A/actions/list`,
        `${API}/Municipality/records/%E0%A4%A/show`,
        `${API}/Municipality/actions/list?filters.name=%E0%A4%A`,
        `${API}/Municipality/actions/list?direction=sideways&sortBy=name`,
        `${API}/Municipality/actions/list?direction[]=asc&sortBy=name`,
        `${API}/Municipality/actions/list?sortBy=__proto__`,
        `${API}/Municipality/actions/list?sortBy=nope&direction=asc`,
        `${API}/Municipality/actions/list?page=-1&perPage=abc`,
        `${API}/Nope/actions/list`,
        `${API}/__proto__/actions/list`,
        `${API}/constructor/actions/list`,
        `${API}/Nope/records/1/show`,
        `${API}/Municipality/actions/nope`,
        `${API}/Municipality/records/1/nope`,
        `${API}/Nope/bulk/delete?recordIds=1`,
      ];
      for (const url of paths) {
        const response = await get(base, url, coordinator);
        if (response.status < 400) {
          // A typed-in filter or page may be answered as a plain list; never with a server error.
          expect.soft(response.status, url).toBe(200);
          await response.arrayBuffer();
        } else await expectRefused(response, url);
      }
      for (const url of [`${API}/Nope/actions/new`, `${API}/Nope/records/1/edit`, `${API}/Municipality/records/%E0%A4%A/edit`]) {
        await expectRefused(await post(coordinator, url, "name=x", "application/x-www-form-urlencoded"), `POST ${url}`);
      }
    });
  });

  describe("the portal and the desk", () => {
    const shapes: Array<[string, string | undefined]> = [
      ["{\"email\":", "application/json"],
      [DEEP_JSON, "application/json"],
      ["x", "text/plain"],
      ["--x\r\n", "multipart/form-data"],
      ["x", "application/octet-stream"],
      ["x", undefined],
      ["__proto__.x=1&constructor.prototype.x=1", "application/x-www-form-urlencoded"],
      ["email=%E0%A4%A&password=%", "application/x-www-form-urlencoded"],
      [`email=${"x".repeat(40_000)}`, "application/x-www-form-urlencoded"],
    ];

    it("answers malformed posts to the portal's and the desk's sign-in forms with a Dutch 4xx, nothing on disk", async () => {
      for (const url of ["/aanmelden", "/balie/aanmelden", "/kaart-koppelen"]) {
        for (const [body, type] of shapes) {
          await expectRefused(await send(base, url, { method: "POST", body, headers: { origin: base, ...(type ? { "content-type": type } : {}) } }, {}), `${url} ${type} ${body.slice(0, 30)}`);
        }
        const upload = await send(base, url, { method: "POST", body: multipart("file", new Uint8Array(2 * MB)), headers: { origin: base } }, {});
        await expectRefused(upload, `${url} upload`);
      }
      expect(await leftovers()).toEqual([]);
    });

    it("answers a bad %-encoding in the portal's and the desk's addresses with a Dutch 4xx", async () => {
      const desk: Browser = {};
      const account = demoAccounts.find((candidate) => candidate.role === "COUNTER_STAFF")!;
      expect((await deskSignIn(base, account.email, account.password, desk)).status).toBe(303);
      for (const [url, browser] of [["/%E0%A4%A", {}], ["/sparen/%E0%A4%A", {}], ["/aanmelden/%E0%A4%A", {}], ["/balie/%E0%A4%A", desk], ["/balie/pashouder/%E0%A4%A", desk], ["/balie?kaart=%E0%A4%A", desk]] as Array<[string, Browser]>) {
        const response = await get(base, url, browser);
        if (response.status < 400) {
          expect.soft(response.status, url).toBe(200);
          await response.arrayBuffer();
        } else await expectRefused(response, url);
      }
      for (const [body, type] of shapes) {
        const response = await send(base, "/balie", { method: "POST", body, headers: { origin: base, ...(type ? { "content-type": type } : {}) } }, desk);
        await expectRefused(response, `desk ${type} ${body.slice(0, 30)}`);
      }
    });

    it("answers a CR or LF in ?terug= with a Dutch 4xx, signed in or not, and never sets a header from it", async () => {
      const passholder = await db.prisma.passholder.findFirstOrThrow({ where: { email: { not: null }, cards: { some: { status: "ACTIVE" } } } });
      const signedIn = await signIn(portal, passholder.email!, {}, "10.99.0.1");
      for (const browser of [{}, signedIn]) {
        for (const terug of ["/sparen/x%0d%0aSet-Cookie:%20a=b", "/sparen/x%0aLocation:%20https://kwaad.example", "%0d%0a", "/sparen/%E0%A4%A"]) {
          const url = `/aanmelden?terug=${terug}`;
          const response = await get(base, url, browser);
          expect.soft(response.headers.getSetCookie().some((line) => line.startsWith("a=")), url).toBe(false);
          await expectRefused(response, url);
        }
      }
    });
  });
});
