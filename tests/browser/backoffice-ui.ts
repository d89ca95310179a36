// What a user does in the backoffice, found by what they see (Dutch labels, records' ids in the list) rather
// than by the layout of a screen.
import type { Locator, Page } from "playwright-core";
import { demoAccounts } from "../../seeds/demo-accounts.js";

/** Logs in through the login form with the demo account of this role. */
export async function logIn(page: Page, base: string, role: "COORDINATOR" | "MUNICIPAL_ADMIN"): Promise<void> {
  const account = demoAccounts.find((candidate) => candidate.role === role)!;
  await page.goto(`${base}/admin/login`);
  await page.getByPlaceholder("E-mailadres").fill(account.email);
  await page.getByPlaceholder("Wachtwoord").fill(account.password);
  await page.getByRole("button", { name: "Aanmelden" }).click();
  await page.waitForURL((url) => !url.pathname.endsWith("/login"));
  await page.locator("[data-css=sidebar-resources]").waitFor();
}

/** Opens a screen from the navigation, unfolding its groups until the screen's link shows. */
export async function openFromNavigation(page: Page, screen: string): Promise<void> {
  const navigation = page.locator("[data-css=sidebar-resources]");
  const link = navigation.getByRole("link", { name: screen, exact: true });
  const groups = navigation.locator("li > a:has(.arrow-box)");
  await groups.first().waitFor();
  for (let group = 0; !(await link.isVisible()) && group < (await groups.count()); group++) await groups.nth(group).click();
  await link.click();
}

/** Fills one field of the list's filter (by its Dutch label) and applies the filter. */
export async function filterList(page: Page, resource: string, label: string, value: string): Promise<void> {
  await page.locator(`[data-css=${resource}-filter-button]`).click();
  const drawer = page.locator(`[data-css=${resource}-filter-drawer]`);
  const field = drawer.locator("[data-testid^=property-filter-]").filter({ has: page.getByText(label, { exact: true }) });
  await field.locator("input").first().fill(value);
  await drawer.getByRole("button", { name: "Toepassen" }).click();
}

/** The rows of a list; each carries its record's id in data-id. */
export function listRows(page: Page, resource: string): Locator {
  return page.locator(`tr[data-css=${resource}-table-row]`);
}

/** Waits until the list shows exactly these records (in any order), e.g. after a filter was applied. */
export async function waitForListOf(page: Page, resource: string, ids: string[]): Promise<void> {
  const expected = [...ids].sort().join(",");
  const selector = `tr[data-css=${resource}-table-row]`;
  try {
    await page.waitForFunction(
      ({ selector, expected }) => [...document.querySelectorAll(selector)].map((row) => row.getAttribute("data-id")).sort().join(",") === expected,
      { selector, expected },
    );
  } catch (error) {
    const shown = await listRows(page, resource).evaluateAll((rows) => rows.map((row) => row.getAttribute("data-id")));
    throw new Error(`the ${resource} list shows [${shown.join(", ")}] instead of [${expected}]`, { cause: error });
  }
}

/** Opens a record from the list, by clicking one of its cells that is not a link to another record. */
export async function openRow(page: Page, row: Locator): Promise<void> {
  await row.locator("td[data-property-name]").filter({ hasNot: page.locator("a") }).first().click();
  await page.waitForURL(/\/records\/[^/]+\/show/);
}
