import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "../helpers/databases.js";
import { createPassholder, createWorld } from "../helpers/fixtures.js";
import { get, type Browser } from "../server/http.js";
import { mailedLinkPath, servePortal, submit, type Portal } from "./portal-client.js";

describe("portal cookies in production", () => {
  let db: TestDatabase;
  let portal: Portal;
  // Behind the TLS proxy (the loopback address is trusted), posting from the public address.
  const browser = (): Browser => ({ headers: { "x-forwarded-proto": "https", "x-forwarded-for": "10.4.0.1", origin: "https://uitpas.example" } });

  beforeAll(async () => {
    db = await freshDatabase("pglite");
    await createPassholder(db.prisma, await createWorld(db.prisma), { email: "prod@example.be" });
    portal = await servePortal(db, { NODE_ENV: "production", PUBLIC_URL: "https://uitpas.example" });
  });

  afterAll(async () => {
    await portal?.close();
    await db?.dispose();
  });

  const attributes = (cookie: string) => cookie.split(";").slice(1).map((part) => part.trim().toLowerCase());

  it("uses __Host- cookies: Secure, HttpOnly, SameSite=Lax, Path=/ and no Domain", async () => {
    const visitor = browser();
    const page = await get(portal.base, "/aanmelden", visitor);
    const csrf = page.headers.getSetCookie().find((line) => line.startsWith("__Host-uitpas_portaal_csrf="))!;
    expect(attributes(csrf)).toEqual(expect.arrayContaining(["path=/", "httponly", "secure", "samesite=lax"]));

    await submit(portal.base, "/aanmelden", { email: "prod@example.be" }, visitor);
    const signedIn = await submit(portal.base, await mailedLinkPath(portal, "prod@example.be"), {}, visitor);
    expect(signedIn.status).toBe(303);
    const session = signedIn.headers.getSetCookie().find((line) => line.startsWith("__Host-uitpas_portaal="))!;
    const sessionAttributes = attributes(session);
    expect(sessionAttributes).toEqual(expect.arrayContaining(["path=/", "httponly", "secure", "samesite=lax"]));
    expect(sessionAttributes.some((attribute) => attribute.startsWith("domain"))).toBe(false);
    expect((await get(portal.base, "/punten", visitor)).status).toBe(200);
  });
});
