// First: the app must build its component bundle afresh for this run.
import { componentBundleDir } from "./fresh-component-bundle.js";
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardNumberFrom } from "../../core/validation/card-number.js";
import { freshPglite, type TestDatabase } from "../helpers/databases.js";
import { servePortal, signIn, type Portal } from "../portal/portal-client.js";
import { logIn } from "./backoffice-ui.js";
import { chromiumInstalled, openChromium } from "./chromium.js";

afterAll(() => rm(componentBundleDir, { recursive: true, force: true }));

const day = (date: Date | null | undefined) => date?.toISOString().slice(0, 10);

describe.skipIf(!chromiumInstalled)("days, permission groups and coupons in the backoffice, in Chromium", { timeout: 180_000 }, () => {
  let db: TestDatabase;
  let base: string;
  let portal: Portal | undefined;

  beforeAll(async () => {
    db = await freshPglite("demo");
    portal = await servePortal(db);
    base = portal.base;
  }, 300_000);
  afterAll(async () => {
    await portal?.close();
    await db?.dispose();
  });

  // Brussels, and a zone far from UTC: a day typed is the day stored and shown, whatever the browser's clock.
  for (const [zone, serial] of [["Europe/Brussels", "01"], ["Pacific/Auckland", "02"]] as const) {
    it(`registers a passholder whose birth date and kansenstatuut end read back exactly (${zone})`, async () => {
      const tab = await openChromium({ timezoneId: zone });
      try {
        const { page } = tab;
        const lastName = `Dagtest ${serial}`;
        await logIn(page, base, "COORDINATOR");
        await page.goto(`${base}/admin/resources/Passholder/actions/new`);
        const counter = page.locator('[data-testid="property-edit-registeredAtCounter"] input').first();
        await counter.fill("Sociaal Huis Eeklo");
        await page.getByText("Sociaal Huis Eeklo", { exact: true }).last().click();
        await page.locator('[data-testid="property-edit-firstCardNumber"] input').fill(cardNumberFrom(`0900005550${serial}`));
        await page.locator('[data-testid="property-edit-firstName"] input').fill("Datum");
        await page.locator('[data-testid="property-edit-lastName"] input').fill(lastName);
        await page.locator('[data-testid="property-edit-email"] input').fill(`dagtest${serial}@example.be`);
        const birth = page.locator('[data-testid="property-edit-birthDate"] input').first();
        await birth.click();
        await birth.pressSequentially("14/05/1990");
        await page.keyboard.press("Escape");
        await page.locator('[data-testid="property-edit-postalCode"] input').fill("9900");
        await page.locator('[data-testid="property-edit-city"] input').fill("Eeklo");
        const kansenstatuut = page.locator('[data-testid="property-edit-kansenstatuut"] input[type=checkbox]');
        // A click while the form is still settling can go unnoticed: click the label until the box shows ticked.
        await expect.poll(async () => (await kansenstatuut.isChecked()) || (await page.getByText("Met kansenstatuut").click(), await kansenstatuut.isChecked())).toBe(true);
        const end = page.locator('[data-testid="property-edit-kansenstatuutEnd"] input').first();
        await end.click();
        await end.pressSequentially("30/04/2027");
        await page.keyboard.press("Escape");
        await page.getByRole("button", { name: "Opslaan" }).click();
        await page.waitForURL(/\/records\/[^/]+\/show/);

        const stored = await db.prisma.passholder.findFirstOrThrow({ where: { lastName } });
        expect([day(stored.birthDate), day(stored.kansenstatuutEnd)]).toEqual(["1990-05-14", "2027-04-30"]);
        await page.getByTestId("property-show-birthDate").getByText("14/05/1990").waitFor();
        expect(await page.getByTestId("property-show-kansenstatuutEnd").innerText()).toContain("30/04/2027");
        expect(await page.getByTestId("property-show-birthDate").innerText()).not.toMatch(/\d{2}:\d{2}/);
        // The export of the list (the coordinator's own download, with the list's filter) has the same days.
        const exported = await page.request.get(`${base}/admin/export/Passholder/csv?filters.lastName=${encodeURIComponent(lastName)}`);
        const line = (await exported.text()).split("\n").find((row) => row.includes(lastName));
        expect(line).toContain("1990-05-14");
        expect(line).toContain("2027-04-30");
        // And the passholder reads the same days in the portal ("Mijn kaart"), in the same browser zone.
        const signedIn = await signIn(portal!, `dagtest${serial}@example.be`);
        const cookies = (signedIn.cookie ?? "").split("; ").filter(Boolean).map((pair) => ({ name: pair.slice(0, pair.indexOf("=")), value: pair.slice(pair.indexOf("=") + 1), url: base }));
        await page.context().addCookies(cookies);
        await page.goto(`${base}/kaart`);
        expect(await page.getByTestId("own-birth-date").innerText()).toBe("14/05/1990");
        expect(await page.getByTestId("own-kansenstatuut").innerText()).toBe("geldig tot en met 30/04/2027");
        expect(tab.pageErrors).toEqual([]);
      } finally {
        await tab.close();
      }
    });
  }

  it("sets two permission groups on a counter and sees them in the list", async () => {
    const tab = await openChromium();
    try {
      const { page } = tab;
      const counter = await db.prisma.counter.findFirstOrThrow({ where: { name: "Bibliotheek Assenede" } });
      await logIn(page, base, "COORDINATOR");
      await page.goto(`${base}/admin/resources/Counter/records/${counter.id}/edit`);
      // One click each, then wait for the form's state to show it: on a loaded machine React may redraw after the click returns.
      for (const group of ["Geautoriseerde registratie", "Check-in & ticket"]) {
        const box = page.getByLabel(group, { exact: true });
        await box.click({ force: true });
        await expect.poll(() => box.isChecked()).toBe(true);
      }
      await page.getByRole("button", { name: "Opslaan" }).click();
      await page.getByText("De wijzigingen werden opgeslagen").waitFor();
      expect((await db.prisma.counter.findUniqueOrThrow({ where: { id: counter.id } })).permissionGroups.sort()).toEqual(["AUTHORISED_REGISTRATION", "CHECKIN_TICKET", "NON_AUTHORISED_REGISTRATION"]);
      await page.goto(`${base}/admin/resources/Counter`);
      const row = page.locator(`tr[data-id="${counter.id}"]`);
      await row.getByText("Check-in & ticket").waitFor();
      expect(await row.innerText()).toContain("Geautoriseerde registratie");
    } finally {
      await tab.close();
    }
  });

  it("grants a coupon to a municipality's passholders and shows how many got it", async () => {
    const tab = await openChromium();
    try {
      const { page } = tab;
      const eeklo = await db.prisma.municipality.findFirstOrThrow({ where: { name: "Eeklo" } });
      const coupon = await db.prisma.coupon.create({
        data: { cardSystemId: eeklo.cardSystemId, name: "Gratis zwembeurt Eeklo", target: "SEGMENT", segmentMunicipalityId: eeklo.id, validFrom: new Date(Date.now() - 86_400_000), validUntil: new Date(Date.now() + 30 * 86_400_000) },
      });
      const residents = await db.prisma.passholder.count({ where: { municipalityId: eeklo.id } });
      await logIn(page, base, "COORDINATOR");
      await page.goto(`${base}/admin/resources/Coupon/records/${coupon.id}/grantCoupon`);
      await page.getByTestId("coupon-grant-submit").click();
      const done = page.getByTestId("coupon-grant-done");
      await done.waitFor();
      expect(await done.innerText()).toContain(`Coupon toegekend aan ${residents.toLocaleString("nl-BE")} pashouders`);
      expect(await db.prisma.couponGrant.count({ where: { couponId: coupon.id } })).toBe(residents);
      await page.goto(`${base}/admin/resources/Coupon/records/${coupon.id}/show`);
      expect(await page.getByTestId("property-show-grantCount").innerText()).toContain(String(residents));
    } finally {
      await tab.close();
    }
  });
});
