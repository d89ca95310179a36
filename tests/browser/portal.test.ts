import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import QRCode from "qrcode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveCodeUrl, signSaveCode } from "../../core/savecodes/save-code.js";
import { freshDatabase, type TestDatabase } from "../helpers/databases.js";
import { createEvent, createPassholder, createWorld, time, type World } from "../helpers/fixtures.js";
import { mailedLinkPath, SECRETS, servePortal, type Portal } from "../portal/portal-client.js";
import { chromiumInstalled, openChromium, type ChromiumTab } from "./chromium.js";

describe.skipIf(!chromiumInstalled)("the passholder portal in Chromium", () => {
  let db: TestDatabase;
  let world: World;
  let portal: Portal;
  let tab: ChromiumTab;
  let folder: string;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    db = await freshDatabase("pglite");
    world = await createWorld(db.prisma);
    portal = await servePortal(db);
    tab = await openChromium();
    tab.page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    folder = await mkdtemp(path.join(tmpdir(), "uitpas-qr-"));
  });

  afterAll(async () => {
    await tab?.close();
    await portal?.close();
    await db?.dispose();
    await rm(folder, { recursive: true, force: true });
  });

  /** The event's printed QR code as a photo: a PNG of its portal address, as the backoffice prints it. */
  async function photoOfCode(name: string): Promise<string> {
    const event = await createEvent(db.prisma, world, { name, startsAt: new Date(Date.now() - time.HOUR), endsAt: new Date(Date.now() + time.HOUR) });
    const file = path.join(folder, `${event.id}.png`);
    const code = signSaveCode(SECRETS.QR_SECRET, { eventId: event.id, version: event.saveCodeVersion });
    await QRCode.toFile(file, saveCodeUrl("https://uitpas.meetjesland.example", code), { width: 600, margin: 4 });
    return file;
  }

  async function scanPhoto(file: string): Promise<string> {
    const { page } = tab;
    await page.goto(`${portal.base}/sparen`);
    // The scanner shows itself once its script runs; a photo chosen before that would go unnoticed, as for a user.
    await page.locator("[data-scanner]").waitFor({ state: "visible" });
    await page.getByLabel("Of kies een foto van de QR-code").setInputFiles(file);
    // Decoding the photo runs in the page; on a loaded machine it can take long, and a failure should say what the page showed.
    await page.waitForURL(/\/sparen\/[\w-]{48}$/, { timeout: 90_000 }).catch(async (error: Error) => {
      throw new Error(`${error.message}\nThe page showed: ${await page.locator("body").innerText()}`);
    });
    return (await page.locator(".notice").innerText()).replace(/\s+/g, " ");
  }

  it("signs in through the mailed link, shows the balance, saves a point by scanning once and only once", async () => {
    const { page } = tab;
    const passholder = await createPassholder(db.prisma, world, { email: "lotte@example.be" });
    await page.goto(`${portal.base}/`);
    await page.getByRole("link", { name: "Aanmelden" }).first().click();
    await page.getByLabel("E-mailadres").fill("lotte@example.be");
    await page.getByRole("button", { name: "Stuur mij een aanmeldlink" }).click();
    await expect.poll(() => page.getByText("Kijk in je mailbox").isVisible()).toBe(true);

    await page.goto(`${portal.base}${await mailedLinkPath(portal, "lotte@example.be")}`);
    await page.getByRole("button", { name: "Aanmelden" }).click();
    await page.waitForURL(`${portal.base}/punten`);
    expect(await page.locator("#saldo").innerText()).toBe("Je saldo: 0 punten");

    const photo = await photoOfCode("Voorleesuur in de bib");
    expect(await scanPhoto(photo)).toContain("+1 punt gespaard Je spaarde 1 punt bij Voorleesuur in de bib. Je nieuwe saldo: 1 punt.");
    await page.getByRole("link", { name: "Naar mijn punten" }).click();
    expect(await page.locator("#saldo").innerText()).toBe("Je saldo: 1 punt");
    expect(await page.locator(".history").innerText()).toContain("Voorleesuur in de bib");

    expect(await scanPhoto(photo)).toContain("Je hebt vandaag al gespaard voor deze activiteit.");
    expect((await db.prisma.passholder.findUniqueOrThrow({ where: { id: passholder.id } })).points).toBe(1);

    await db.prisma.card.update({ where: { number: passholder.cardNumber }, data: { status: "BLOCKED", blockedAt: new Date(), blockReason: "verloren" } });
    expect(await scanPhoto(await photoOfCode("Zwemnamiddag"))).toContain("Je kaart is geblokkeerd");

    expect(tab.pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  }, 300_000);
});
