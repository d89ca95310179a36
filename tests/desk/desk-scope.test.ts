import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "../helpers/databases.js";
import { get, type Browser } from "../server/http.js";
import { createUser } from "../server/serve-app.js";
import { deskPost, deskSignIn, pageText, serveDesk } from "./desk-client.js";
import { deskWorld, PASSWORD } from "./desk-world.js";

type World = Awaited<ReturnType<typeof deskWorld>>;

/** Who may take which counter at the desk: a coordinator any (with a search box), a municipal administrator their municipality's. */
describe("coordinators and municipal administrators at the desk", () => {
  let db: TestDatabase;
  let w: World;
  let desk: Awaited<ReturnType<typeof serveDesk>>;
  const coordinator: Browser = {};
  const eekloAdmin: Browser = {};

  beforeAll(async () => {
    db = await freshDatabase("pglite");
    w = await deskWorld(db.prisma);
    await createUser(db, "regio@coordinatie.test", "COORDINATOR");
    const admin = await createUser(db, "beheer@eeklo.test", "MUNICIPAL_ADMIN");
    await db.prisma.user.update({ where: { id: admin.id }, data: { municipalityId: w.world.eeklo } });
    desk = await serveDesk(db);
    await deskSignIn(desk.base, "regio@coordinatie.test", PASSWORD, coordinator);
    await deskSignIn(desk.base, "beheer@eeklo.test", PASSWORD, eekloAdmin);
  });
  afterAll(async () => {
    desk?.close();
    await db?.dispose();
  });

  const choose = (counterId: number, as: Browser) => deskPost(desk.base, "/balie/balies", { counterId: String(counterId) }, as);

  it("lets a coordinator search every counter of the region and work at any of them", async () => {
    const first = await get(desk.base, "/balie", coordinator);
    expect(first.headers.get("location")).toBe("/balie/balies");
    const list = await pageText(await get(desk.base, "/balie/balies", coordinator));
    expect(list).toContain("Zoek een balie");
    for (const name of ["Sociaal Huis Eeklo", "Bibliotheek Eeklo", "Sporthal Assenede", "Jeugdhuis Assenede"]) expect(list).toContain(name);
    const found = await pageText(await get(desk.base, "/balie/balies?zoek=sporthal", coordinator));
    expect(found).toContain("Sporthal Assenede");
    expect(found).not.toContain("Sociaal Huis Eeklo");

    const chosen = await choose(w.world.checkinCounter, coordinator);
    expect(chosen.status).toBe(303);
    expect(await pageText(await get(desk.base, "/balie", coordinator))).toContain("Sporthal Assenede");
    const saved = await deskPost(desk.base, `/balie/pashouder/${w.plain.id}`, { actie: "sparen", counterId: String(w.world.checkinCounter), kaart: w.plain.cardNumber, eventId: w.otherEvent.id }, coordinator, "/balie");
    expect(saved.status).toBe(303);
  });

  it("offers a municipal administrator only the counters of their municipality and refuses another municipality's counter id", async () => {
    const list = await pageText(await get(desk.base, "/balie/balies", eekloAdmin));
    expect(list).toContain("Sociaal Huis Eeklo");
    expect(list).toContain("Bibliotheek Eeklo");
    expect(list).not.toContain("Sporthal Assenede");
    expect(list).not.toContain("Jeugdhuis Assenede");

    const refused = await choose(w.world.checkinCounter, eekloAdmin);
    expect(refused.status).toBe(403);
    expect(await pageText(refused)).toContain("Kies een balie van uw eigen gemeente.");
    expect((await choose(w.world.authorisedCounter, eekloAdmin)).status).toBe(303);

    const checkins = await db.prisma.checkin.count();
    const posted = await deskPost(desk.base, `/balie/pashouder/${w.mia.id}`, { actie: "sparen", counterId: String(w.world.checkinCounter), kaart: w.mia.cardNumber, eventId: w.otherEvent.id }, eekloAdmin, "/balie");
    expect(posted.status).toBe(403);
    expect(await pageText(posted)).toContain("Kies een balie van uw eigen gemeente.");
    expect(await db.prisma.checkin.count()).toBe(checkins);
  });

  it("keeps the header's links in a menu that opens without JavaScript", async () => {
    const html = await (await get(desk.base, "/balie", eekloAdmin)).text();
    const menu = /<details class="desk-menu"[^>]*>([\s\S]*?)<\/details>/.exec(html)?.[1] ?? "";
    expect(menu).toContain("<summary");
    for (const label of ["Balie", "Registreren", "Zuilen", "Balie wijzigen", "Afmelden"]) expect(menu).toContain(`>${label}</`);
  });
});
