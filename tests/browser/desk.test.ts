import { mkdtemp, rm } from "node:fs/promises";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccounts } from "../../seeds/demo-accounts.js";
import { deskPassholders, freeCardNumbers } from "../../seeds/demo-desk.js";
import { DESK_COUNTER, permanentEventName } from "../../seeds/demo-permanent-events.js";
import { freshPglite, type TestDatabase } from "../helpers/databases.js";
import { SECRETS } from "../portal/portal-client.js";
import { serve, stop } from "../server/serve-app.js";
import { chromiumInstalled, openChromium, PHONE, type ChromiumTab } from "./chromium.js";
import { writeQrVideo } from "./qr-camera.js";

/** Where the screenshots of a run go, to look at them (SCREENSHOTS=folder); none by default. */
const SCREENSHOTS = process.env.SCREENSHOTS;

describe.skipIf(!chromiumInstalled)("the counter desk (/balie) on a phone, on the demo data", () => {
  let db: TestDatabase;
  let server: Server;
  let base: string;
  let tab: ChromiumTab;
  const account = demoAccounts.find((candidate) => candidate.role === "COUNTER_STAFF" && candidate.counter === "Sociaal Huis Eeklo")!;
  const [mia, jonas] = deskPassholders;

  beforeAll(async () => {
    db = await freshPglite("demo");
    ({ base, server } = await serve(db, { NODE_ENV: "test", ...SECRETS }));
    tab = await openChromium({ ...PHONE, timezoneId: "Europe/Brussels" });
  });
  afterAll(async () => {
    await tab?.close();
    stop(server);
    await db?.dispose();
  });

  const shot = async (name: string) => {
    if (SCREENSHOTS) await tab.page.screenshot({ path: path.join(SCREENSHOTS, `desk-${name}.png`), fullPage: true });
  };
  const notice = () => tab.page.locator(".notice").first().innerText();
  const scan = async (cardNumber: string) => {
    const { page } = tab;
    await page.getByLabel("Kaartnummer").fill(cardNumber);
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/balie\/pashouder\//);
  };

  const signIn = async (page: ChromiumTab["page"]) => {
    await page.goto(`${base}/balie`);
    await page.getByLabel("E-mailadres").fill(account.email);
    await page.getByLabel("Wachtwoord").fill(account.password);
    await page.getByRole("button", { name: "Aanmelden" }).click();
    await page.waitForURL(`${base}/balie`);
  };

  it("signs in, scans a card with Enter, saves a point, grants and refuses a kansentarief, exchanges an advantage and registers a passholder", async () => {
    const { page } = tab;
    await signIn(page);
    await expect(page.getByTestId("desk-counter").innerText()).resolves.toBe("Sociaal Huis Eeklo");
    // The card field has the focus: a USB reader types the number and Enter.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("kaart");
    // On a phone the purple header is one row; its links wait in the menu.
    expect((await page.locator("header.site-header").boundingBox())!.height).toBeLessThan(70);
    await shot("desk");

    await scan(mia!.cardNumber);
    const before = Number(await page.getByTestId("balance").innerText());
    const option = await page.getByLabel("Activiteit").first().locator("option:checked").innerText();
    const eventPoints = Number(/\+(\d+) punt/.exec(option)![1]);
    await page.getByRole("button", { name: "Punt sparen" }).click();
    await page.waitForLoadState();
    expect(await notice()).toContain(`+${eventPoints} punt`);
    expect(Number(await page.getByTestId("balance").innerText())).toBe(before + eventPoints);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("kaart");
    await shot("saved");

    await page.getByRole("button", { name: "Kansentarief toekennen" }).click();
    await page.waitForLoadState();
    expect(await notice()).toMatch(/Kansentarief toegekend[\s\S]*betaalt € \d+,\d\d in plaats van € \d+,\d\d/);

    await page.getByRole("button", { name: "Voordeel omruilen" }).first().click();
    await page.waitForLoadState();
    expect(await notice()).toContain("Omgeruild:");
    await shot("exchanged");

    await scan(jonas!.cardNumber);
    await page.getByRole("button", { name: "Kansentarief toekennen" }).click();
    await page.waitForLoadState();
    expect(await notice()).toContain("geen geldig kansenstatuut");
    await shot("refused-tariff");

    await page.locator(".desk-menu > summary").click();
    await page.getByRole("link", { name: "Registreren" }).click();
    await page.getByLabel("Kaartnummer").fill(freeCardNumbers[0]!);
    await page.getByLabel("Voornaam").fill("Fien");
    await page.getByLabel("Naam", { exact: true }).fill("De Smet");
    await page.getByLabel("Geboortedatum (dd/mm/jjjj)").fill("14/05/1990");
    await page.getByLabel("Postcode").fill("9900");
    await page.getByRole("button", { name: "Pashouder registreren" }).click();
    await page.waitForURL(/\/balie\/pashouder\//);
    expect(await notice()).toContain("Fien De Smet is geregistreerd");
    await shot("registered");
  });

  it("is refused, by the server, when a form posts another counter's id", async () => {
    const { page } = tab;
    const other = await db.prisma.counter.findFirstOrThrow({ where: { name: "CC De Herbakker" } });
    const checkins = await db.prisma.checkin.count();
    await page.goto(`${base}/balie`);
    await scan(jonas!.cardNumber);
    await page.evaluate((id) => {
      for (const input of document.querySelectorAll<HTMLInputElement>("input[name=counterId]")) input.value = id;
    }, String(other.id));
    await page.getByRole("button", { name: "Punt sparen" }).click();
    await page.waitForLoadState();
    expect(await notice()).toContain("U werkt niet voor deze balie.");
    expect(await db.prisma.checkin.count()).toBe(checkins);
    await shot("other-counter");
    expect(tab.pageErrors).toEqual([]);
  });

  it("prints the QR poster of this counter's activity with the Afdrukken button, under the desk's policy", async () => {
    const { page } = tab;
    const counter = await db.prisma.counter.findFirstOrThrow({ where: { name: DESK_COUNTER } });
    const event = await db.prisma.event.findFirstOrThrow({ where: { organiserCounterId: counter.id, name: permanentEventName(counter) } });
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(`${base}/balie/qr-spaarcode/${event.id}/affiche`);
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void ((window as unknown as { printed: number }).printed += 1);
    });
    await page.getByRole("button", { name: "Afdrukken" }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    expect(violations).toEqual([]);
  });

  it("identifies the passholder with the camera, reading the card QR that the portal's Mijn kaart shows", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), "uitpas-camera-"));
    const video = path.join(folder, "kaart.y4m");
    await writeQrVideo(video, mia!.cardNumber);
    const camera = await openChromium({ viewport: PHONE.viewport, args: [...PHONE.args, `--use-file-for-fake-video-capture=${video}`] });
    try {
      const { page } = camera;
      await signIn(page);
      await page.getByRole("button", { name: "Scannen met camera" }).click();
      await page.waitForURL(/\/balie\/pashouder\//);
      await expect(page.getByRole("heading", { name: `${mia!.firstName} ${mia!.lastName}` }).isVisible()).resolves.toBe(true);
      expect(camera.pageErrors).toEqual([]);
      if (SCREENSHOTS) await page.screenshot({ path: path.join(SCREENSHOTS, "desk-camera.png"), fullPage: true });
    } finally {
      await camera.close();
      await rm(folder, { recursive: true, force: true });
    }
  });
});
