import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dashboardFigures } from "../../core/reports/dashboard-figures.js";
import { demoBackoffice, type DemoBackoffice } from "./access-setup.js";
import { get } from "./http.js";

// What the start page receives, as JSON: the same figures core computes, limited to what the user may see.
describe("backoffice dashboard figures", () => {
  let app: DemoBackoffice;
  beforeAll(async () => {
    app = await demoBackoffice();
  });
  afterAll(async () => app?.close());

  const asJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

  it("gives the coordinator the whole region", async () => {
    const answer = await app.getJson(await app.signIn("COORDINATOR"), "/admin/api/dashboard");
    expect(answer.status).toBe(200);
    const data = JSON.parse(answer.text) as { figures: { passholders: number; passholdersPerMunicipality: unknown[] }; municipality: string | null };
    expect(data.municipality).toBeNull();
    expect(data.figures).toEqual(asJson(await dashboardFigures(app.db.prisma)));
    expect(data.figures.passholders).toBe(await app.db.prisma.passholder.count());
    expect(data.figures.passholdersPerMunicipality.length).toBe(await app.db.prisma.municipality.count());
  });

  it("gives the Eeklo administrator Eeklo's figures only", async () => {
    const answer = await app.getJson(await app.signIn("MUNICIPAL_ADMIN"), "/admin/api/dashboard");
    expect(answer.status).toBe(200);
    const data = JSON.parse(answer.text) as {
      figures: { passholders: number; passholdersPerMunicipality: { municipality: string }[]; topEvents: { eventId: string }[] };
      municipality: string | null;
    };
    expect(data.municipality).toBe("Eeklo");
    expect(data.figures).toEqual(asJson(await dashboardFigures(app.db.prisma, { municipalityId: app.eeklo })));
    const inEeklo = await app.db.prisma.passholder.count({ where: { municipalityId: app.eeklo } });
    expect(data.figures.passholders).toBe(inEeklo);
    expect(inEeklo).toBeLessThan(await app.db.prisma.passholder.count());
    expect(data.figures.passholdersPerMunicipality.map((row) => row.municipality)).toEqual(["Eeklo"]);
    expect(data.figures.topEvents.length).toBeGreaterThan(0);
    const events = await app.db.prisma.event.findMany({ where: { id: { in: data.figures.topEvents.map((event) => event.eventId) } } });
    expect(events.every((event) => event.municipalityId === app.eeklo)).toBe(true);
  });

  it("gives no figures without a session", async () => {
    const response = await get(app.base, "/admin/api/dashboard");
    expect(response.status).not.toBe(200);
    expect(await response.text()).not.toContain("passholders");
  });
});
