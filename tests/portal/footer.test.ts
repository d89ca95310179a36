import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPassholder, worldOn } from "../helpers/fixtures.js";
import { get, type Browser } from "../server/http.js";
import { servePortal, signIn, type Portal } from "./portal-client.js";

/** The footer's text, tags dropped and white space folded. */
async function footerOf(portal: Portal, path: string, browser?: Browser): Promise<string> {
  const html = await (await get(portal.base, path, browser)).text();
  const footer = /<footer class="site-footer">([\s\S]*?)<\/footer>/.exec(html)?.[1] ?? "";
  return footer.replace(/<[^>]+>/g, " ").replace(/&#39;/g, "'").replace(/\s+/g, " ").replace(/ ([,.])/g, "$1");
}

describe("the portal's footer shows the card system's own contact details, the same the mails use", () => {
  const context = worldOn("pglite");
  let portal: Portal;
  beforeAll(async () => {
    portal = await servePortal(context.db);
    await context.db.prisma.cardSystem.update({
      where: { id: context.world.cardSystemId },
      data: {
        name: "UiTPAS Meetjesland",
        footerOrganisation: "COMEET",
        footerSupportedBy: "de provincie Oost-Vlaanderen",
        footerAddress: "Pastoor De Nevestraat 8, 9900 Eeklo",
        footerPhone: "09 373 75 96",
        footerEmail: "uitpasmeetjesland@comeet.be",
        helpdeskEmail: "info@uitpas.be",
      },
    });
  });
  afterAll(async () => portal?.close());

  it("on the start page, from the settings rather than from the page", async () => {
    const footer = await footerOf(portal, "/");
    expect(footer).toContain("COMEET fungeert als regioverantwoordelijke voor UiTPAS Meetjesland, met de steun van de provincie Oost-Vlaanderen.");
    expect(footer).toContain("COMEET, Pastoor De Nevestraat 8, 9900 Eeklo");
    expect(footer).toContain("Telefoon 09 373 75 96 · E-mail uitpasmeetjesland@comeet.be");
    expect(footer).toContain("Helpdesk: info@uitpas.be of uitpasmeetjesland@comeet.be");

    await context.db.prisma.cardSystem.update({ where: { id: context.world.cardSystemId }, data: { footerAddress: "Markt 1, 9990 Maldegem", footerPhone: "050 11 22 33" } });
    const changed = await footerOf(portal, "/");
    expect(changed).toContain("COMEET, Markt 1, 9990 Maldegem");
    expect(changed).toContain("Telefoon 050 11 22 33");
    expect(changed).not.toContain("Nevestraat");
  });

  it("for a signed-in passholder, with a link to call and to mail", async () => {
    await createPassholder(context.db.prisma, context.world, { email: "voettekst@example.be" });
    const browser = await signIn(portal, "voettekst@example.be");
    const html = await (await get(portal.base, "/punten", browser)).text();
    expect(html).toContain('<a href="tel:+3250112233">050 11 22 33</a>');
    expect(html).toContain('<a href="mailto:info@uitpas.be">info@uitpas.be</a>');
  });

  it("for a signed-in passholder moved to another card system, that card system's (the session remembers no stale one)", async () => {
    const passholder = await createPassholder(context.db.prisma, context.world, { email: "verhuisd@example.be" });
    const browser = await signIn(portal, "verhuisd@example.be");
    expect(await footerOf(portal, "/punten", browser)).toContain("UiTPAS Meetjesland");
    const other = await context.db.prisma.cardSystem.create({ data: { name: "UiTPAS Regio Gent", footerOrganisation: "Stad Gent" } });
    await context.db.prisma.passholder.update({ where: { id: passholder.id }, data: { cardSystemId: other.id } });
    const footer = await footerOf(portal, "/punten", browser);
    expect(footer).toContain("Stad Gent");
    expect(footer).not.toContain("COMEET");
  });
});
