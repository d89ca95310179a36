import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../../core/access/actor.js";
import { verifyPassword } from "../../core/auth/password.js";
import { createUser, type CreateUserInput } from "../../core/users/create-user.js";
import { databaseKinds, freshDatabase, type TestDatabase } from "../helpers/databases.js";
import { createWorld } from "../helpers/fixtures.js";
import { expectRefusal } from "../helpers/refusal.js";

describe.each(databaseKinds)("creating backoffice accounts on %s", (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await freshDatabase(kind);
    await createWorld(db.prisma);
  });
  afterAll(() => db.dispose());

  const input = (overrides: Partial<CreateUserInput> = {}): CreateUserInput => ({
    email: "Coordinator@Comeet.be",
    name: "Regio Coördinator",
    role: "COORDINATOR",
    password: "een lang wachtwoord",
    actor: systemActor("cli"),
    ...overrides,
  });

  it("stores a hashed password and a municipal scope, and audits without the hash", async () => {
    const user = await createUser(db.prisma, input());
    expect(user.email).toBe("coordinator@comeet.be");
    expect(user.passwordHash).not.toContain("een lang wachtwoord");
    expect(await verifyPassword("een lang wachtwoord", user.passwordHash)).toBe(true);
    expect(await verifyPassword("een ander wachtwoord", user.passwordHash)).toBe(false);
    const admin = await createUser(db.prisma, input({ email: "uitpas@eeklo.be", role: "MUNICIPAL_ADMIN", municipality: "eeklo" }));
    expect(admin.municipalityId).not.toBeNull();
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { resource: "User", recordId: String(user.id) } });
    expect(JSON.stringify(audit.changes)).not.toContain(user.passwordHash);
  });

  it("refuses short passwords, unknown roles and municipalities, and taken addresses, naming the field", async () => {
    expect((await expectRefusal(createUser(db.prisma, input({ email: "a@b.be", password: "kort" })), "VALIDATION")).field).toBe("password");
    expect((await expectRefusal(createUser(db.prisma, input({ email: "a@b.be", role: "ROOT" as never })), "VALIDATION")).field).toBe("role");
    expect((await expectRefusal(createUser(db.prisma, input({ email: "a@b.be", role: "MUNICIPAL_ADMIN", municipality: "Gent" })), "VALIDATION")).field).toBe("municipality");
    expect((await expectRefusal(createUser(db.prisma, input()), "VALIDATION")).field).toBe("email");
  });
});
