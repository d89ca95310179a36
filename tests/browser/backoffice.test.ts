// First: the app must build its component bundle afresh for this run.
import { componentBundleDir } from "./fresh-component-bundle.js";
import { readFile, rm } from "node:fs/promises";
import jsQRModule from "jsqr";
import { PNG } from "pngjs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { verifySaveCode } from "../../core/savecodes/save-code.js";
import { freshPglite, type TestDatabase } from "../helpers/databases.js";
import { serve, stop } from "../server/serve-app.js";
import { filterList, listRows, logIn, openFromNavigation, openRow, waitForListOf } from "./backoffice-ui.js";
import { CHROMIUM, chromiumInstalled, openChromium, type ChromiumTab } from "./chromium.js";

const QR_SECRET = "a-browser-test-qr-secret-of-32-characters";
const PUBLIC_URL = "https://uitpas.example.be";

// jsqr is CommonJS with a `default` export: Node's ESM import sees the module object.
const jsQR = jsQRModule.default;

if (!chromiumInstalled) console.warn(`Browser tests skipped: ${CHROMIUM} is missing (install it with: bash scripts/ensure-chromium.sh).`);
afterAll(() => rm(componentBundleDir, { recursive: true, force: true }));

interface Person {
  id: string;
  firstName: string;
  lastName: string;
  municipalityId: number;
  cards: { number: string; status: string }[];
}

/**
 * A last name that passholders of Eeklo and of another municipality share, and that no other name contains: a filter
 * on it finds the same people whether it matches exactly, by prefix or by part, on last or on first name.
 */
async function sharedLastName(db: TestDatabase, eeklo: number) {
  const people: Person[] = await db.prisma.passholder.findMany({
    select: { id: true, firstName: true, lastName: true, municipalityId: true, cards: { select: { number: true, status: true } } },
    orderBy: [{ lastName: "asc" }, { firstName: "asc" }],
  });
  // Only one card ever, so that the card history has no other card whose status could be mistaken for it.
  const oneActiveCard = (person: Person) => person.cards.length === 1 && person.cards[0]!.status === "ACTIVE";
  const names = (person: Person) => [person.firstName.toLowerCase(), person.lastName.toLowerCase()];
  for (const lastName of new Set(people.map((person) => person.lastName))) {
    const matching = people.filter((person) => names(person).some((name) => name.includes(lastName.toLowerCase())));
    const inEeklo = matching.filter((person) => person.municipalityId === eeklo);
    const elsewhere = matching.filter((person) => person.municipalityId !== eeklo);
    const unambiguous = matching.every((person) => person.lastName === lastName && !person.firstName.toLowerCase().includes(lastName.toLowerCase()));
    if (unambiguous && matching.length <= 10 && elsewhere.length > 0 && inEeklo.some(oneActiveCard)) {
      return { lastName, matching, inEeklo, holder: inEeklo.find(oneActiveCard)! };
    }
  }
  throw new Error("the demo data has no last name that Eeklo shares with another municipality");
}

function decodeQr(bytes: Buffer): string | null {
  const png = PNG.sync.read(bytes);
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

describe.skipIf(!chromiumInstalled)("the backoffice in Chromium", { timeout: 120_000 }, () => {
  let db: TestDatabase;
  let base: string;
  let server: Awaited<ReturnType<typeof serve>>["server"] | undefined;
  let eeklo: number;
  let shared: Awaited<ReturnType<typeof sharedLastName>>;
  let tab: ChromiumTab;

  beforeAll(async () => {
    db = await freshPglite("demo");
    ({ base, server } = await serve(db, { NODE_ENV: "test", QR_SECRET, PUBLIC_URL }));
    eeklo = (await db.prisma.municipality.findFirstOrThrow({ where: { name: "Eeklo" } })).id;
    shared = await sharedLastName(db, eeklo);
  }, 300_000);
  afterAll(async () => {
    stop(server);
    await db?.dispose();
  });
  beforeEach(async () => {
    tab = await openChromium();
  });
  afterEach(async () => {
    await tab?.close();
  });

  it("lets the coordinator find a passholder by name and block the card, and shows the card blocked", async () => {
    const { page } = tab;
    const { holder } = shared;
    const card = holder.cards[0]!.number;
    await logIn(page, base, "COORDINATOR");
    await openFromNavigation(page, "Pashouders");
    await filterList(page, "Passholder", "Naam", shared.lastName);
    // The coordinator sees everyone of that name, whichever municipality.
    await waitForListOf(page, "Passholder", shared.matching.map((person) => person.id));
    const row = page.locator(`tr[data-id="${holder.id}"]`);
    expect(await row.innerText()).toContain(holder.lastName);
    // The list shows the current card and its status.
    expect(await row.locator("td[data-property-name=cardNumber]").innerText()).toBe(card);
    expect(await row.locator("td[data-property-name=cardStatus]").innerText()).toBe("Actief");

    await openRow(page, row);
    expect(page.url()).toContain(`/records/${holder.id}/show`);
    await page.getByRole("link", { name: "Kaarthistoriek" }).click();
    const history = page.getByTestId("card-history-row");
    await history.filter({ hasText: card }).filter({ hasText: "Actief" }).waitFor();
    expect(await history.count()).toBe(1);

    await page.getByRole("link", { name: "Kaart blokkeren" }).click();
    await page.getByLabel("Reden").fill("Kaart verloren op de bus");
    await page.getByRole("button", { name: "Bevestigen" }).click();
    await page.waitForURL(new RegExp(`/records/${holder.id}/show`));
    // The confirmation says what was done, on the passholder's page the form went back to.
    await page.getByText(`Kaart ${card} van ${holder.firstName} ${holder.lastName} geblokkeerd: Kaart verloren op de bus.`).waitFor();
    await page.getByText("Geblokkeerd", { exact: true }).first().waitFor();
    await page.getByRole("link", { name: "Kaarthistoriek" }).click();
    await history.filter({ hasText: card }).filter({ hasText: "Geblokkeerd" }).waitFor();

    // Back in the list, the blocked card shows as blocked.
    await page.goto(`${base}/admin/resources/Passholder?${new URLSearchParams({ "filters.lastName": shared.lastName })}`);
    await waitForListOf(page, "Passholder", shared.matching.map((person) => person.id));
    expect(await page.locator(`tr[data-id="${holder.id}"] td[data-property-name=cardStatus]`).innerText()).toBe("Geblokkeerd");

    const blocked = await db.prisma.card.findUniqueOrThrow({ where: { number: card } });
    expect(blocked).toMatchObject({ status: "BLOCKED", blockReason: "Kaart verloren op de bus" });
    expect(tab.pageErrors).toEqual([]);
  });

  it("downloads an event's QR save-code as a PNG that holds the portal address of the event's signed code", async () => {
    const { page } = tab;
    await logIn(page, base, "COORDINATOR");
    await openFromNavigation(page, "Evenementen");
    const row = listRows(page, "Event").first();
    const eventId = (await row.getAttribute("data-id"))!;
    await openRow(page, row);
    await page.getByRole("link", { name: "QR-spaarcode downloaden" }).click();

    const image = page.getByRole("img", { name: "QR-spaarcode van het evenement" });
    await image.waitFor();
    await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth)).toBeGreaterThan(0);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /PNG/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^qr-spaarcode-[a-z0-9-]+\.png$/);

    const url = decodeQr(await readFile(await download.path()));
    expect(url).toMatch(new RegExp(`^${PUBLIC_URL}/sparen/[A-Za-z0-9_-]{48}$`));
    const event = await db.prisma.event.findUniqueOrThrow({ where: { id: eventId } });
    expect(verifySaveCode(QR_SECRET, url!.slice(`${PUBLIC_URL}/sparen/`.length))).toEqual({ eventId, version: event.saveCodeVersion });
    expect(tab.pageErrors).toEqual([]);
  });

  it("shows a municipal administrator only the passholders of their own municipality", async () => {
    const { page } = tab;
    await logIn(page, base, "MUNICIPAL_ADMIN");
    await openFromNavigation(page, "Pashouders");
    await listRows(page, "Passholder").first().waitFor();
    const shown = await listRows(page, "Passholder").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-id")!));
    const municipalities = await db.prisma.passholder.findMany({ where: { id: { in: shown } }, select: { municipalityId: true } });
    expect(municipalities.length).toBe(shown.length);
    expect(new Set(municipalities.map((passholder) => passholder.municipalityId))).toEqual(new Set([eeklo]));

    // The same name that shows the coordinator people of several municipalities shows only Eeklo's here.
    await filterList(page, "Passholder", "Naam", shared.lastName);
    await waitForListOf(page, "Passholder", shared.inEeklo.map((person) => person.id));
    expect(tab.pageErrors).toEqual([]);
  });
});
