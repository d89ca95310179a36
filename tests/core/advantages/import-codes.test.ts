import { describe, expect, it } from "vitest";
import { systemActor } from "../../../core/access/actor.js";
import { importAdvantageCodes } from "../../../core/advantages/import-codes.js";
import { databaseKinds } from "../../helpers/databases.js";
import { createAdvantage, worldOn } from "../../helpers/fixtures.js";
import { expectRefusal } from "../../helpers/refusal.js";

describe.each(databaseKinds)("importing unique codes on %s", (kind) => {
  const t = worldOn(kind);

  const codesOf = async (advantageId: number) =>
    (await t.db.prisma.advantageCode.findMany({ where: { advantageId }, orderBy: { id: "asc" } })).map((row) => row.code);

  it("imports trimmed codes in file order and switches the advantage to unique codes", async () => {
    const advantage = await createAdvantage(t.db.prisma, t.world, { onlineExchange: true });
    const result = await importAdvantageCodes(t.db.prisma, { advantageId: advantage.id, codes: [" KOR-1 ", "KOR-2", "KOR-3\t"], actor: systemActor("ksb") });
    expect(result).toEqual({ imported: 3, freeCodes: 3 });
    expect(await codesOf(advantage.id)).toEqual(["KOR-1", "KOR-2", "KOR-3"]);
    expect((await t.db.prisma.advantage.findUniqueOrThrow({ where: { id: advantage.id } })).usesUniqueCodes).toBe(true);

    const more = await importAdvantageCodes(t.db.prisma, { advantageId: advantage.id, codes: ["KOR-4"], actor: systemActor("ksb") });
    expect(more).toEqual({ imported: 1, freeCodes: 4 });
  });

  it("imports nothing when any row is wrong, and reports every wrong row", async () => {
    const advantage = await createAdvantage(t.db.prisma, t.world);
    await importAdvantageCodes(t.db.prisma, { advantageId: advantage.id, codes: ["BESTAAT"], actor: systemActor("ksb") });
    const tooLong = "X".repeat(101);
    const refusal = await expectRefusal(
      importAdvantageCodes(t.db.prisma, {
        advantageId: advantage.id,
        codes: ["GOED-1", "", "DUBBEL", tooLong, " DUBBEL", "BESTAAT", "GOED-2", "X".repeat(100)],
        actor: systemActor("ksb"),
      }),
      "VALIDATION",
    );
    expect(refusal.field).toBe("codes");
    expect(refusal.message).toContain("niets geïmporteerd");
    expect(refusal.details?.rows).toEqual([
      { row: 2, code: "", error: "Lege code." },
      { row: 4, code: tooLong, error: "De code is langer dan 100 tekens." },
      { row: 5, code: "DUBBEL", error: "Dubbele code: staat ook op rij 3." },
      { row: 6, code: "BESTAAT", error: "Deze code bestaat al voor dit voordeel." },
    ]);
    expect(await codesOf(advantage.id)).toEqual(["BESTAAT"]);
  });

  it("allows the same code on two different advantages", async () => {
    const first = await createAdvantage(t.db.prisma, t.world);
    const second = await createAdvantage(t.db.prisma, t.world);
    await importAdvantageCodes(t.db.prisma, { advantageId: first.id, codes: ["GEDEELD"], actor: systemActor("ksb") });
    await importAdvantageCodes(t.db.prisma, { advantageId: second.id, codes: ["GEDEELD"], actor: systemActor("ksb") });
    expect(await codesOf(second.id)).toEqual(["GEDEELD"]);
  });

  it("refuses an empty file and an unknown advantage", async () => {
    const advantage = await createAdvantage(t.db.prisma, t.world);
    await expectRefusal(importAdvantageCodes(t.db.prisma, { advantageId: advantage.id, codes: [], actor: systemActor("ksb") }), "VALIDATION");
    expect((await t.db.prisma.advantage.findUniqueOrThrow({ where: { id: advantage.id } })).usesUniqueCodes).toBe(false);
    await expectRefusal(importAdvantageCodes(t.db.prisma, { advantageId: 987_654, codes: ["A"], actor: systemActor("ksb") }), "ADVANTAGE_NOT_FOUND");
  });

  it("imports a large file in one go", async () => {
    const advantage = await createAdvantage(t.db.prisma, t.world);
    const codes = Array.from({ length: 20_000 }, (_, i) => `BULK-${String(i).padStart(6, "0")}`);
    expect(await importAdvantageCodes(t.db.prisma, { advantageId: advantage.id, codes, actor: systemActor("ksb") })).toEqual({ imported: 20_000, freeCodes: 20_000 });
  });
});
