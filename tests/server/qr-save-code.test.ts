import jsQRModule from "jsqr";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifySaveCode } from "../../core/savecodes/save-code.js";
import { demoAccounts } from "../../seeds/demo-accounts.js";
import { freshPglite, type TestDatabase } from "../helpers/databases.js";
import { adminLogin, get, type Browser } from "./http.js";
import { serve, stop } from "./serve-app.js";

const QR_SECRET = "a-test-qr-secret-of-at-least-32-characters";
const PUBLIC_URL = "https://uitpas.example.be";

// jsqr is CommonJS with a `default` export: Node's ESM import sees the module object.
const jsQR = jsQRModule.default;

function decodePng(bytes: Buffer): string | null {
  const png = PNG.sync.read(bytes);
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

describe("QR save-code downloads of an event", () => {
  let db: TestDatabase;
  let base: string;
  let server: Awaited<ReturnType<typeof serve>>["server"];
  let eekloEvent: { id: string; name: string; saveCodeVersion: number };
  let assenedeEvent: { id: string };
  const signIn = async (email: string) => {
    const account = demoAccounts.find((candidate) => candidate.email === email)!;
    const browser: Browser = {};
    const response = await adminLogin(base, account.email, account.password, browser);
    return { browser, loggedIn: response.status === 302 };
  };
  const accountOf = (role: string) => demoAccounts.find((account) => account.role === role)!.email;
  const paths = (id: string) => ({
    png: `/admin/qr-spaarcode/${id}/spaarcode.png`,
    svg: `/admin/qr-spaarcode/${id}/spaarcode.svg`,
    poster: `/admin/qr-spaarcode/${id}/affiche`,
  });

  beforeAll(async () => {
    db = await freshPglite("demo");
    ({ base, server } = await serve(db, { NODE_ENV: "test", QR_SECRET, PUBLIC_URL }));
    const eeklo = await db.prisma.municipality.findFirstOrThrow({ where: { name: "Eeklo" } });
    eekloEvent = await db.prisma.event.findFirstOrThrow({ where: { municipalityId: eeklo.id } });
    // The demo region has no events outside Eeklo.
    const counter = await db.prisma.counter.findFirstOrThrow({ where: { municipality: { name: "Assenede" } } });
    assenedeEvent = await db.prisma.event.create({
      data: {
        cardSystemId: counter.cardSystemId,
        cdbid: "assenede-qr-event",
        name: "Zomerfeest Assenede",
        organiserCounterId: counter.id,
        municipalityId: counter.municipalityId,
        startsAt: new Date("2026-06-10T18:00:00Z"),
        endsAt: new Date("2026-06-10T22:00:00Z"),
      },
    });
  });
  afterAll(async () => {
    stop(server);
    await db?.dispose();
  });

  it("gives the coordinator a PNG and an SVG that hold the portal address of the signed code", async () => {
    const { browser } = await signIn(accountOf("COORDINATOR"));
    const png = await get(base, paths(eekloEvent.id).png, browser);
    expect(png.status).toBe(200);
    expect(png.headers.get("content-type")).toBe("image/png");
    expect(png.headers.get("content-disposition")).toMatch(/^attachment; filename="?qr-spaarcode-[a-z0-9-]+\.png"?$/);
    const url = decodePng(Buffer.from(await png.arrayBuffer()));
    expect(url).toMatch(new RegExp(`^${PUBLIC_URL}/sparen/[A-Za-z0-9_-]{48}$`));
    const code = url!.slice(`${PUBLIC_URL}/sparen/`.length);
    expect(verifySaveCode(QR_SECRET, code)).toEqual({ eventId: eekloEvent.id, version: eekloEvent.saveCodeVersion });

    const svg = await get(base, paths(eekloEvent.id).svg, browser);
    expect(svg.status).toBe(200);
    expect(svg.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    expect(await svg.text()).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);

    // The coordinator reaches every municipality's events.
    expect((await get(base, paths(assenedeEvent.id).png, browser)).status).toBe(200);
  });

  it("prints a poster with the event's name, Dutch date and the QR code", async () => {
    const { browser } = await signIn(accountOf("COORDINATOR"));
    const poster = await get(base, paths(eekloEvent.id).poster, browser);
    expect(poster.status).toBe(200);
    expect(poster.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await poster.text();
    expect(html).toContain("Scan met je gsm om een punt te sparen");
    expect(html).toContain("<svg");
    expect(html).toMatch(/(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag) \d{1,2} \p{L}+ \d{4}/u);
  });

  it("gives the Eeklo administrator Eeklo's events only, also through the action", async () => {
    const { browser } = await signIn(accountOf("MUNICIPAL_ADMIN"));
    expect((await get(base, paths(eekloEvent.id).png, browser)).status).toBe(200);
    const refused = await get(base, paths(assenedeEvent.id).png, browser);
    expect(refused.status).toBe(404);
    expect(refused.headers.get("content-type")).toMatch(/^text\/plain/);
    expect((await get(base, paths(assenedeEvent.id).svg, browser)).status).toBe(404);
    expect((await get(base, paths(assenedeEvent.id).poster, browser)).status).toBe(404);

    const action = (id: string) => get(base, `/admin/api/resources/Event/records/${id}/downloadSaveCode`, browser);
    const own = JSON.parse(await (await action(eekloEvent.id)).text()) as { downloads?: Record<string, string> };
    expect(own.downloads).toEqual(paths(eekloEvent.id));
    expect(await (await action(assenedeEvent.id)).text()).not.toContain("downloads");
  });

  it("refuses counter staff, also a session whose account became counter staff", async () => {
    const staff = await signIn(accountOf("COUNTER_STAFF"));
    expect(staff.loggedIn).toBe(false);
    const anonymous = await get(base, paths(eekloEvent.id).png, staff.browser);
    expect(anonymous.status).toBe(403);
    expect(anonymous.headers.get("content-type")).not.toBe("image/png");

    const admin = await signIn(accountOf("MUNICIPAL_ADMIN"));
    await db.prisma.user.update({ where: { email: accountOf("MUNICIPAL_ADMIN") }, data: { role: "COUNTER_STAFF" } });
    try {
      expect((await get(base, paths(eekloEvent.id).png, admin.browser)).status).toBe(403);
      expect((await get(base, paths(eekloEvent.id).svg, admin.browser)).status).toBe(403);
    } finally {
      await db.prisma.user.update({ where: { email: accountOf("MUNICIPAL_ADMIN") }, data: { role: "MUNICIPAL_ADMIN" } });
    }
  });
});
