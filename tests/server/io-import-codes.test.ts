import type { Advantage } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoBackoffice, type DemoBackoffice } from "./access-setup.js";
import { send, type Browser } from "./http.js";

const API = "/admin/api/resources";

interface ImportAnswer {
  status: number;
  notice?: { type: string; message: string };
  rows?: Array<{ row: number; code: string; error: string }>;
  imported?: number;
  freeCodes?: number;
}

describe("Omruilvoordeel → Unieke codes importeren", () => {
  let app: DemoBackoffice;
  let coordinator: Browser;
  let eeklo: Browser;
  let eekloAdvantage: Advantage;
  let assenedeAdvantage: Advantage;
  let regionalAdvantage: Advantage;

  /** Uploads a CSV file as the form does: multipart, with the CSRF header. */
  async function upload(browser: Browser, advantageId: number, csv: string, screen = "ExchangeAdvantage"): Promise<ImportAnswer> {
    const form = new FormData();
    form.append("file", new Blob([csv], { type: "text/csv" }), "codes.csv");
    const response = await send(app.base, `${API}/${screen}/records/${advantageId}/importCodes`, { method: "POST", body: form, headers: { "x-xsrf-token": browser.csrfToken ?? "" } }, browser);
    const text = await response.text();
    return { status: response.status, ...(JSON.parse(text) as Omit<ImportAnswer, "status">) };
  }

  const codesOf = async (advantageId: number) => (await app.db.prisma.advantageCode.findMany({ where: { advantageId }, orderBy: { id: "asc" } })).map((row) => row.code);
  const imports = (advantageId: number) => app.db.prisma.auditLog.count({ where: { action: "advantage.import-codes", recordId: String(advantageId) } });

  beforeAll(async () => {
    app = await demoBackoffice();
    coordinator = await app.signIn("COORDINATOR");
    eeklo = await app.signIn("MUNICIPAL_ADMIN");
    const base = await app.db.prisma.advantage.findFirstOrThrow({ where: { kind: "EXCHANGE", usesUniqueCodes: true } });
    const copy = (title: string, ownerMunicipalityId: number | null) =>
      app.db.prisma.advantage.create({
        data: { cardSystemId: base.cardSystemId, kind: "EXCHANGE", title, points: 3, publicationStart: base.publicationStart, exchangeStart: base.exchangeStart, onlineExchange: true, onlineUrl: base.onlineUrl, usesUniqueCodes: true, ownerMunicipalityId },
      });
    eekloAdvantage = await copy("Kortingscode zwembad Eeklo", app.eeklo);
    assenedeAdvantage = await copy("Kortingscode Assenede", app.assenede);
    regionalAdvantage = base;
  });
  afterAll(async () => app?.close());

  it("imports every code of a file with a header, in one go, and records who did it", async () => {
    const answer = await upload(eeklo, eekloAdvantage.id, "\uFEFFcode\r\nZWEM-001\r\n\"ZWEM-002\";extra kolom\r\nZWEM-003\r\n\r\n");
    expect(answer.status).toBe(200);
    expect(answer.notice).toEqual({ type: "success", message: "3 codes geïmporteerd. Dit voordeel heeft nu 3 vrije codes." });
    expect(await codesOf(eekloAdvantage.id)).toEqual(["ZWEM-001", "ZWEM-002", "ZWEM-003"]);
    const audit = await app.db.prisma.auditLog.findFirstOrThrow({ where: { action: "advantage.import-codes", recordId: String(eekloAdvantage.id) } });
    expect(audit.actor).toBe("beheerder.eeklo@uitpas-meetjesland.test");
    expect(audit.changes).toEqual({ imported: 3, freeCodes: 3 });
  });

  it("refuses a file with wrong rows, imports none of it and reports each row in Dutch with the file's row number", async () => {
    const before = await codesOf(eekloAdvantage.id);
    const tooLong = "L".repeat(101);
    const answer = await upload(eeklo, eekloAdvantage.id, ["Code", "NIEUW-1", "", "ZWEM-001", "NIEUW-2", "NIEUW-1", tooLong].join("\n"));
    expect(answer.status).toBe(200);
    expect(answer.notice?.type).toBe("error");
    expect(answer.notice?.message).toBe("4 van de 6 rijen zijn niet in orde; er werd niets geïmporteerd.");
    expect(answer.rows).toEqual([
      { row: 3, code: "", error: "Lege code." },
      { row: 4, code: "ZWEM-001", error: "Deze code bestaat al voor dit voordeel." },
      { row: 6, code: "NIEUW-1", error: "Dubbele code: staat ook op rij 2." },
      { row: 7, code: tooLong, error: "De code is langer dan 100 tekens." },
    ]);
    expect(await codesOf(eekloAdvantage.id)).toEqual(before);
    expect(await imports(eekloAdvantage.id)).toBe(1);
  });

  it("refuses an empty file and a missing file by name", async () => {
    const empty = await upload(coordinator, eekloAdvantage.id, "code\n\n");
    expect(empty.notice).toEqual({ type: "error", message: "Het bestand bevat geen codes." });
    const form = new FormData();
    const response = await send(app.base, `${API}/ExchangeAdvantage/records/${eekloAdvantage.id}/importCodes`, { method: "POST", body: form, headers: { "x-xsrf-token": coordinator.csrfToken ?? "" } }, coordinator);
    const missing = (await response.json()) as { notice?: { message: string }; record?: { errors?: Record<string, { message: string }> } };
    expect(missing.notice?.message).toBe("Kies een CSV-bestand met de codes.");
    expect(missing.record?.errors?.file?.message).toBe("Kies een CSV-bestand met de codes.");
  });

  it("lets a municipal administrator import only into their own municipality's advantages", async () => {
    const actionsOn = async (advantageId: number) =>
      ((await app.getJson(eeklo, `${API}/ExchangeAdvantage/records/${advantageId}/show`)).body.record as unknown as { recordActions: Array<{ name: string }> }).recordActions.map((action) => action.name);
    expect(await actionsOn(eekloAdvantage.id)).toContain("importCodes");
    expect(await actionsOn(regionalAdvantage.id)).not.toContain("importCodes");
    for (const advantage of [assenedeAdvantage, regionalAdvantage]) {
      const before = await codesOf(advantage.id);
      const answer = await upload(eeklo, advantage.id, "VREEMD-1\nVREEMD-2\n");
      expect(answer.notice?.type).toBe("error");
      expect(answer.notice?.message).not.toContain("geïmporteerd");
      expect(await codesOf(advantage.id)).toEqual(before);
    }
    const coordinatorAnswer = await upload(coordinator, assenedeAdvantage.id, "REGIO-1\n");
    expect(coordinatorAnswer.notice?.type).toBe("success");
    expect(await codesOf(assenedeAdvantage.id)).toEqual(["REGIO-1"]);
  });

  it("is only for advantages that use unique codes, and needs the CSRF token", async () => {
    const plain = await app.db.prisma.advantage.findFirstOrThrow({ where: { kind: "EXCHANGE", usesUniqueCodes: false, ownerMunicipalityId: null } });
    const refused = await upload(coordinator, plain.id, "A-1\n");
    expect(refused.notice).toEqual({ type: "error", message: 'Dit voordeel gebruikt geen unieke codes: zet eerst "Unieke kortingscodes" aan bij het voordeel.' });
    expect(await codesOf(plain.id)).toEqual([]);

    const form = new FormData();
    form.append("file", new Blob(["GESMOKKELD\n"]), "codes.csv");
    const forged = await send(app.base, `${API}/ExchangeAdvantage/records/${eekloAdvantage.id}/importCodes`, { method: "POST", body: form }, { ...coordinator, crossSite: true });
    expect(forged.status).toBe(403);
    expect(await codesOf(eekloAdvantage.id)).not.toContain("GESMOKKELD");
  });
});
