import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds, freshDatabase, type TestDatabase } from "./helpers/databases.js";

describe.each(databaseKinds)("migrations on %s", (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await freshDatabase(kind);
  });
  afterAll(() => db.dispose());
  it("creates every model's table", async () => {
    expect(await db.prisma.passholder.count()).toBe(0);
  });
});
