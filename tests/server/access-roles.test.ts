import type { ActionContext } from "adminjs";
import { Filter } from "adminjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessibleFor, GENERIC_ACTIONS } from "../../admin/access/permissions.js";
import { roleMay } from "../../core/access/role-may.js";
import { loadDatamodel } from "../../admin/datamodel.js";
import { PrismaResource } from "../../admin/prisma-resource.js";
import { createWorld, createPassholder } from "../helpers/fixtures.js";
import { freshDatabase, type TestDatabase } from "../helpers/databases.js";

describe("role checks on every generic action", () => {
  it("gives counter staff and sessions without a role nothing, on any model", () => {
    for (const model of ["Passholder", "Card", "Counter", "Event", "Checkin", "User", "AuditLog", "CardSystem"]) {
      for (const action of GENERIC_ACTIONS) {
        expect(roleMay("COUNTER_STAFF", model, action), `${model} ${action}`).toBe(false);
        expect(roleMay(undefined, model, action), `${model} ${action}`).toBe(false);
        expect(accessibleFor(model, action)({ currentAdmin: { email: "x", role: "COUNTER_STAFF" } as never }), `${model} ${action}`).toBe(false);
        expect(roleMay("COORDINATOR", model, action), `${model} ${action}`).toBe(true);
      }
    }
  });

  it("lets a municipal administrator read but not change reference data, and never see users or the audit trail", () => {
    expect(GENERIC_ACTIONS.filter((action) => roleMay("MUNICIPAL_ADMIN", "Municipality", action))).toEqual(["list", "search", "show"]);
    expect(GENERIC_ACTIONS.filter((action) => roleMay("MUNICIPAL_ADMIN", "Coupon", action))).toEqual(["list", "search", "show"]);
    expect(GENERIC_ACTIONS.filter((action) => roleMay("MUNICIPAL_ADMIN", "Counter", action))).toEqual(["list", "search", "show", "new", "edit"]);
    expect(GENERIC_ACTIONS.filter((action) => roleMay("MUNICIPAL_ADMIN", "Provider", action))).toEqual(["list", "search", "show", "new", "edit"]);
    expect(GENERIC_ACTIONS.filter((action) => roleMay("MUNICIPAL_ADMIN", "Pillar", action))).toEqual([...GENERIC_ACTIONS]);
    for (const model of ["User", "AuditLog"]) expect(GENERIC_ACTIONS.some((action) => roleMay("MUNICIPAL_ADMIN", model, action))).toBe(false);
  });
});

describe("the resource layer trusts the database, not the session", () => {
  let db: TestDatabase;
  let passholders: PrismaResource;
  let passholderId: string;
  let staffId: number;

  beforeAll(async () => {
    db = await freshDatabase("pglite");
    const world = await createWorld(db.prisma);
    passholderId = (await createPassholder(db.prisma, world)).id;
    staffId = (await db.prisma.user.create({ data: { email: "balie@eeklo.be", name: "Balie", role: "COUNTER_STAFF", passwordHash: "x" } })).id;
    const datamodel = await loadDatamodel();
    const model = datamodel.models.find((candidate) => candidate.name === "Passholder")!;
    passholders = new PrismaResource({ model, client: db.prisma, clientModule: { Prisma: { dmmf: { datamodel } } }, inszFields: ["insz"] });
  });
  afterAll(async () => db?.dispose());

  // A session claiming to be a coordinator, while the database says counter staff.
  const context = () => ({ currentAdmin: { id: staffId, email: "balie@eeklo.be", role: "COORDINATOR" }, action: { name: "edit" } }) as unknown as ActionContext;

  it("reads nothing and writes nothing for counter staff, whatever the session says", async () => {
    expect(await passholders.count(new Filter({}, passholders), context())).toBe(0);
    expect(await passholders.find(new Filter({}, passholders), {}, context())).toEqual([]);
    expect(await passholders.findOne(passholderId, context())).toBeNull();
    expect(await passholders.findMany([passholderId], context())).toEqual([]);
    await expect(passholders.update(passholderId, { firstName: "Gewijzigd" }, context())).rejects.toThrow();
    await expect(passholders.delete(passholderId, context())).rejects.toThrow();
    expect((await db.prisma.passholder.findUniqueOrThrow({ where: { id: passholderId } })).firstName).not.toBe("Gewijzigd");
    expect(await db.prisma.auditLog.count()).toBe(0);
  });

  it("reads nothing without a signed-in user", async () => {
    expect(await passholders.findOne(passholderId)).toBeNull();
    expect(await passholders.count(new Filter({}, passholders))).toBe(0);
  });
});
