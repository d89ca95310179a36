import jsQRModule from "jsqr";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatManualCode } from "../../core/savecodes/manual-code.js";
import { demoAccounts } from "../../seeds/demo-accounts.js";
import { freshPglite, type TestDatabase } from "../helpers/databases.js";
import { adminLogin, get, postForm, type Browser } from "./http.js";
import { serve, stop } from "./serve-app.js";

const jsQR = jsQRModule.default;
const PUBLIC_URL = "https://uitpas.example.be";

/** The PNG as rows of dark (true) and light pixels. */
function darkRows(bytes: Buffer) {
  const png = PNG.sync.read(bytes);
  const dark = (x: number, y: number) => png.data[(y * png.width + x) * 4]! < 128;
  return { png, dark };
}

describe("the code to type on an event's QR downloads and screen", () => {
  let db: TestDatabase;
  let base: string;
  let server: Awaited<ReturnType<typeof serve>>["server"];
  let event: { id: string; manualCode: string };
  const browser: Browser = {};

  beforeAll(async () => {
    db = await freshPglite("demo");
    ({ base, server } = await serve(db, { NODE_ENV: "test", QR_SECRET: "a-test-qr-secret-of-at-least-32-characters", PUBLIC_URL }));
    event = await db.prisma.event.findFirstOrThrow({ where: { municipality: { name: "Eeklo" } } });
    const coordinator = demoAccounts.find((account) => account.role === "COORDINATOR")!;
    await adminLogin(base, coordinator.email, coordinator.password, browser);
  });
  afterAll(async () => {
    stop(server);
    await db?.dispose();
  });

  const base64Png = async (id: string) => Buffer.from(await (await get(base, `/admin/qr-spaarcode/${id}/spaarcode.png`, browser)).arrayBuffer());

  it("prints the code under the QR code on the poster, with where to type it", async () => {
    const poster = await (await get(base, `/admin/qr-spaarcode/${event.id}/affiche`, browser)).text();
    const code = formatManualCode(event.manualCode);
    expect(poster).toContain(`Lukt scannen niet? Typ deze code op <strong>uitpas.example.be/sparen</strong>:</p>\n  <p class="manual-code">${code}</p>`);
    expect(poster.indexOf("<svg")).toBeLessThan(poster.indexOf(code));
  });

  it("puts the code under the QR code in the SVG and the PNG, which still scan", async () => {
    const svg = await (await get(base, `/admin/qr-spaarcode/${event.id}/spaarcode.svg`, browser)).text();
    expect(svg).toMatch(new RegExp(`<text [^>]*>${formatManualCode(event.manualCode)}</text></svg>$`));

    const { png, dark } = darkRows(await base64Png(event.id));
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toMatch(new RegExp(`^${PUBLIC_URL}/sparen/[\\w-]{48}$`));
    // Below the QR code and its quiet zone (square, as wide as the image) the code is drawn in ink.
    let ink = 0;
    for (let y = png.width; y < png.height; y++) for (let x = 0; x < png.width; x++) if (dark(x, y)) ink++;
    expect(png.height).toBeGreaterThan(png.width);
    expect(ink).toBeGreaterThan(1000);

    // Another code changes that band and nothing of the QR code above it.
    const raised = await db.prisma.event.update({ where: { id: event.id }, data: { saveCodeVersion: { increment: 1 } } });
    expect(raised.manualCode).not.toBe(event.manualCode);
    const other = darkRows(await base64Png(event.id));
    let bandDiffers = false;
    for (let y = png.width; y < png.height && !bandDiffers; y++) for (let x = 0; x < png.width; x++) if (dark(x, y) !== other.dark(x, y)) bandDiffers = true;
    expect(bandDiffers).toBe(true);
    event = raised;
  });

  it("shows the code on the backoffice's QR-spaarcode screen", async () => {
    const response = await get(base, `/admin/api/resources/Event/records/${event.id}/downloadSaveCode`, browser);
    expect(JSON.parse(await response.text())).toMatchObject({ manualCode: formatManualCode(event.manualCode) });
  });

  it("gives an event made with the backoffice's form a code, and never lets the form change it", async () => {
    const counter = await db.prisma.counter.findFirstOrThrow({ where: { municipality: { name: "Eeklo" } } });
    const fields = {
      cardSystem: String(counter.cardSystemId),
      cdbid: "formulier-evenement",
      name: "Zomerbar via het formulier",
      organiserCounter: String(counter.id),
      municipality: String(counter.municipalityId),
      startsAt: "2026-12-20T18:00:00.000Z",
      endsAt: "2026-12-20T22:00:00.000Z",
      manualCode: "ABCDEFGH",
    };
    const created = JSON.parse(await (await postForm(base, "/admin/api/resources/Event/actions/new", fields, browser)).text()) as { record: { id: string } };
    const made = await db.prisma.event.findUniqueOrThrow({ where: { cdbid: "formulier-evenement" } });
    expect(created.record.id).toBe(made.id);
    expect(made.manualCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(made.manualCode).not.toBe("ABCDEFGH");

    await postForm(base, `/admin/api/resources/Event/records/${made.id}/edit`, { name: "Zomerbar (nieuwe naam)", manualCode: "ABCDEFGH" }, browser);
    const edited = await db.prisma.event.findUniqueOrThrow({ where: { id: made.id } });
    expect(edited.name).toBe("Zomerbar (nieuwe naam)");
    expect(edited.manualCode).toBe(made.manualCode);
  });
});
