import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardNumberFrom } from "../../core/validation/card-number.js";
import { signedInDemo, type DemoBackoffice } from "./access-setup.js";
import type { Browser } from "./http.js";

const API = "/admin/api/resources";
const INSZ = "85073003328";
const COORDINATOR = "coordinator@uitpas-meetjesland.test";

describe("audit of backoffice changes", () => {
  let app: DemoBackoffice;
  let coordinator: Browser;
  let eeklo: Browser;

  beforeAll(async () => ({ app, coordinator, eeklo } = await signedInDemo()));
  afterAll(async () => app?.close());

  const rowsFor = (resource: string, recordId: string) => app.db.prisma.auditLog.findMany({ where: { resource, recordId }, orderBy: { id: "asc" } });

  it("records a registration with its facts, who and from where, but never the INSZ", async () => {
    const counter = await app.db.prisma.counter.findFirstOrThrow({ where: { name: "Sociaal Huis Eeklo" } });
    const created = await app.postJson(coordinator, `${API}/Passholder/actions/new`, {
      registeredAtCounter: String(counter.id),
      firstCardNumber: cardNumberFrom("090000999001"),
      firstName: "Auditia",
      lastName: "Spoor",
      birthDate: "1985-07-30",
      postalCode: "9900",
      city: "Eeklo",
      insz: INSZ,
    });
    expect(created.body.notice?.type).toBe("success");
    const passholder = await app.db.prisma.passholder.findFirstOrThrow({ where: { firstName: "Auditia" } });
    expect(passholder.insz).toBe(INSZ);
    const [row, ...more] = await rowsFor("Passholder", passholder.id);
    expect(more).toEqual([]);
    expect(row).toMatchObject({ actor: COORDINATOR, action: "passholder.register", ip: expect.stringContaining("127.0.0.1"), userAgent: expect.any(String) });
    expect(row!.changes).toMatchObject({ counterId: counter.id, cardNumber: cardNumberFrom("090000999001"), municipalityId: app.eeklo, insz: "[verborgen]" });
    expect(JSON.stringify({ ...row, id: String(row!.id) })).not.toContain(INSZ);
  });

  it("records only the changed fields of an edit, INSZ hidden", async () => {
    const passholder = await app.db.prisma.passholder.findFirstOrThrow({ where: { firstName: "Auditia" } });
    const edited = await app.postJson(coordinator, `${API}/Passholder/records/${passholder.id}/edit`, { phone: "09 377 00 00", insz: "85073003526" });
    expect(edited.body.notice?.type).toBe("success");
    const row = (await rowsFor("Passholder", passholder.id)).at(-1)!;
    expect(row.action).toBe("admin.edit");
    const changes = row.changes as Record<string, unknown>;
    expect(changes).toMatchObject({ phone: "09 377 00 00", insz: "[verborgen]" });
    expect(changes).not.toHaveProperty("firstName");
    expect(JSON.stringify({ ...row, id: String(row!.id) })).not.toMatch(/85073003526|85073003328/);
  });

  it("records a new user's password only as hidden", async () => {
    const created = await app.postJson(coordinator, `${API}/User/actions/new`, { email: "nieuw@eeklo.be", name: "Nieuw", role: "MUNICIPAL_ADMIN", municipality: String(app.eeklo), password: "een lang genoeg wachtwoord" });
    expect(created.body.notice?.type).toBe("success");
    const user = await app.db.prisma.user.findUniqueOrThrow({ where: { email: "nieuw@eeklo.be" } });
    const [row] = await rowsFor("User", String(user.id));
    expect(row!.changes).toMatchObject({ email: "nieuw@eeklo.be", passwordHash: "[verborgen]" });
    expect(JSON.stringify({ ...row, id: String(row!.id) })).not.toContain("scrypt");
  });

  it("records deletes and each record of a bulk delete, by the municipal administrator too", async () => {
    const pillars = await Promise.all(
      ["A", "B", "C"].map((suffix) => app.db.prisma.pillar.create({ data: { cid: `AUDIT-${suffix}`, name: `Auditzuil ${suffix}`, municipalityId: app.eeklo } })),
    );
    const [single, ...bulk] = pillars;
    expect((await app.postJson(eeklo, `${API}/Pillar/records/${single!.id}/delete`)).body.notice?.type).toBe("success");
    const deleted = await app.postJson(eeklo, `${API}/Pillar/bulk/bulkDelete?recordIds=${bulk.map((pillar) => pillar.id).join(",")}`);
    expect(deleted.body.notice?.type).toBe("success");
    expect(await app.db.prisma.pillar.count({ where: { cid: { startsWith: "AUDIT-" } } })).toBe(0);
    expect(await rowsFor("Pillar", String(single!.id))).toMatchObject([{ action: "admin.delete", actor: "beheerder.eeklo@uitpas-meetjesland.test" }]);
    for (const pillar of bulk) expect(await rowsFor("Pillar", String(pillar.id))).toMatchObject([{ action: "admin.bulkDelete" }]);
  });

  it("records link tables (composite keys) by their combined key", async () => {
    const pillar = await app.db.prisma.pillar.create({ data: { cid: "AUDIT-LINK", name: "Koppelzuil", municipalityId: app.eeklo } });
    const counter = await app.db.prisma.counter.findFirstOrThrow({ where: { municipalityId: app.eeklo } });
    const linked = await app.postJson(eeklo, `${API}/PillarCounter/actions/new`, { pillar: String(pillar.id), counter: String(counter.id) });
    expect(linked.body.notice?.type).toBe("success");
    const key = `${pillar.id},${counter.id}`;
    expect(await rowsFor("PillarCounter", key)).toMatchObject([{ action: "admin.new", changes: { pillarId: pillar.id, counterId: counter.id } }]);
    const unlinked = await app.postJson(eeklo, `${API}/PillarCounter/records/${encodeURIComponent(key)}/delete`);
    expect(unlinked.body.notice?.type).toBe("success");
    expect(await app.db.prisma.pillarCounter.count({ where: { pillarId: pillar.id } })).toBe(0);
    expect((await rowsFor("PillarCounter", key)).map((row) => row.action)).toEqual(["admin.new", "admin.delete"]);
  });

  it("writes no audit row for a refused change, which leaves no trace either", async () => {
    const before = await app.db.prisma.auditLog.count();
    const cardSystem = await app.db.prisma.cardSystem.findFirstOrThrow();
    const refused = await app.postJson(eeklo, `${API}/Counter/actions/new`, {
      name: "Balie Assenede",
      consumerKey: "audit-elders",
      cardSystem: String(cardSystem.id),
      municipality: String(app.assenede),
    });
    expect(refused.body.notice?.type).toBe("error");
    expect(await app.db.prisma.counter.findUnique({ where: { consumerKey: "audit-elders" } })).toBeNull();
    expect(await app.db.prisma.auditLog.count()).toBe(before);
  });
});
