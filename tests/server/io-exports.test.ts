import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kansentariefSettlement } from "../../core/reports/kansentarief-settlement.js";
import { settlementPeriod } from "../../core/reports/settlement-period.js";
import { demoBackoffice, type DemoBackoffice } from "./access-setup.js";
import { get, type Browser } from "./http.js";

const BOM = "\uFEFF";

/** The cells of an exported CSV file: `;`-separated, quoted where needed, CRLF between rows. */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') (cell += '"'), (i += 1);
      else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ";") row.push(cell), (cell = "");
    else if (char === "\r" && text[i + 1] === "\n") row.push(cell), rows.push(row), (row = []), (cell = ""), (i += 1);
    else cell += char;
  }
  return rows;
}

describe("exports and the financial settlement", () => {
  let app: DemoBackoffice;
  let coordinator: Browser;
  let eeklo: Browser;

  async function download(browser: Browser, path: string) {
    const response = await get(app.base, path, browser);
    return { status: response.status, type: response.headers.get("content-type") ?? "", disposition: response.headers.get("content-disposition") ?? "", body: Buffer.from(await response.arrayBuffer()) };
  }
  async function csv(browser: Browser, path: string) {
    const file = await download(browser, path);
    expect(file.status).toBe(200);
    expect(file.type).toBe("text/csv; charset=utf-8");
    const text = file.body.toString("utf8");
    expect(text.startsWith(BOM)).toBe(true);
    const [headers, ...rows] = csvRows(text.slice(1));
    return { headers: headers!, rows, column: (name: string) => rows.map((row) => row[headers!.indexOf(name)]) };
  }

  beforeAll(async () => {
    app = await demoBackoffice();
    coordinator = await app.signIn("COORDINATOR");
    eeklo = await app.signIn("MUNICIPAL_ADMIN");
  });
  afterAll(async () => app?.close());

  it("exports passholders with the list's filter, Dutch headers and INSZ only for who may see it", async () => {
    const someone = await app.db.prisma.passholder.findFirstOrThrow({ where: { municipalityId: app.eeklo }, orderBy: { lastName: "asc" } });
    const namesakes = await app.db.prisma.passholder.count({ where: { lastName: { contains: someone.lastName } } });
    const file = await csv(coordinator, `/admin/export/Passholder/csv?filters.lastName=${encodeURIComponent(someone.lastName)}`);
    expect(file.headers.slice(0, 3)).toEqual(["Kaartnummer", "Naam", "Voornaam"]);
    expect(file.headers).toContain("INSZ");
    expect(file.rows.length).toBe(namesakes);
    expect(file.column("Naam").every((name) => name!.includes(someone.lastName))).toBe(true);

    const own = await csv(eeklo, "/admin/export/Passholder/csv");
    expect(own.headers).not.toContain("INSZ");
    expect(own.rows.length).toBe(await app.db.prisma.passholder.count({ where: { municipalityId: app.eeklo } }));
    expect(new Set(own.column("Gemeente"))).toEqual(new Set(["Eeklo"]));
  });

  it("never gives an Eeklo administrator another municipality's check-ins, whatever the filter", async () => {
    const expected = await app.db.prisma.checkin.findMany({ where: { event: { municipalityId: app.eeklo } }, select: { id: true } });
    const file = await csv(eeklo, "/admin/export/Checkin/csv");
    expect(file.rows.length).toBe(expected.length);
    expect(new Set(file.column("ActieID"))).toEqual(new Set(expected.map((row) => row.id)));

    const elsewhere = await app.db.prisma.event.findFirstOrThrow({ where: { municipalityId: { not: app.eeklo }, checkins: { some: {} } } });
    const filtered = await csv(eeklo, `/admin/export/Checkin/csv?filters.event=${elsewhere.id}`);
    expect(filtered.rows).toEqual([]);
    const coordinatorFiltered = await csv(coordinator, `/admin/export/Checkin/csv?filters.event=${elsewhere.id}`);
    expect(coordinatorFiltered.rows.length).toBe(await app.db.prisma.checkin.count({ where: { eventId: elsewhere.id } }));
    expect(new Set(coordinatorFiltered.column("Evenement"))).toEqual(new Set([elsewhere.name]));
  });

  it("pages through a list longer than one batch without skipping or repeating a row", async () => {
    const all = await app.db.prisma.checkin.count();
    expect(all).toBeGreaterThan(1_000);
    const file = await csv(coordinator, "/admin/export/Checkin/csv");
    expect(file.rows.length).toBe(all);
    expect(new Set(file.column("ActieID")).size).toBe(all);
  });

  it("writes tickets to an XLSX file that Excel's format library opens, with every row", async () => {
    const file = await download(coordinator, "/admin/export/TicketSale/xlsx?filters.status=ACTIVE");
    expect(file.status).toBe(200);
    expect(file.type).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(file.disposition).toMatch(/^attachment; filename="?toegekende-kansentarieven-\d{4}-\d{2}-\d{2}\.xlsx"?$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe("Toegekend op");
    const active = await app.db.prisma.ticketSale.findMany({ where: { status: "ACTIVE" }, select: { tariffCents: true } });
    expect(active.length).toBeGreaterThan(0);
    expect(sheet.actualRowCount).toBe(active.length + 1);
    const tariffColumn = (sheet.getRow(1).values as unknown[]).indexOf("Kansentarief (€)");
    let total = 0;
    sheet.eachRow((row, number) => {
      if (number > 1) total += Number(row.getCell(tariffColumn).value);
    });
    expect(Math.round(total * 100)).toBe(active.reduce((sum, ticket) => sum + ticket.tariffCents, 0));
  });

  it("keeps a typed formula from running in Excel and records every export in the audit trail", async () => {
    const someone = await app.db.prisma.passholder.findFirstOrThrow({ where: { municipalityId: app.eeklo } });
    await app.db.prisma.passholder.update({ where: { id: someone.id }, data: { firstName: '=HYPERLINK("http://kwaad.example";"klik")' } });
    const file = await csv(eeklo, `/admin/export/Passholder/csv?filters.lastName=${encodeURIComponent(someone.lastName)}`);
    expect(file.column("Voornaam")).toContain(`'=HYPERLINK("http://kwaad.example";"klik")`);

    const audit = await app.db.prisma.auditLog.findFirstOrThrow({ where: { action: "export.csv", resource: "Passholder", actor: "beheerder.eeklo@uitpas-meetjesland.test" }, orderBy: { at: "desc" } });
    expect(audit.changes).toEqual({ filters: { lastName: someone.lastName } });
  });

  it("refuses exports to whoever is not signed in to the backoffice", async () => {
    const anonymous = await download({}, "/admin/export/Passholder/csv");
    expect(anonymous.status).toBe(403);
    expect(anonymous.body.toString()).toContain("Meld je aan");
    expect((await download(coordinator, "/admin/export/User/csv")).status).toBe(404);
  });

  it("settles kansentarief per counter and period as core computes it, on screen and in the file", async () => {
    const { from, to } = settlementPeriod("2025-01-01", "2026-12-31");
    const expected = await kansentariefSettlement(app.db.prisma, { from, to });
    expect(expected.length).toBeGreaterThan(1);
    const screen = await app.getJson(coordinator, "/admin/api/resources/TicketSale/actions/settlement?from=2025-01-01&to=2026-12-31");
    const table = (screen.body as { table?: { headers: string[]; rows: Array<Array<string | number | null>> } }).table!;
    const at = (name: string) => table.headers.indexOf(name);
    const counters = table.rows.slice(0, -1);
    expect(counters.map((row) => [row[at("Balie")], row[at("IBAN")], row[at("Tickets")], row[at("Te betalen door de gemeente aan de balie (€)")]])).toEqual(
      expected.map((row) => [row.counterName, row.iban ?? "ontbreekt", row.tickets, row.municipalityShareCents / 100]),
    );
    for (const row of counters) {
      for (const key of String(row[at("Verdeelsleutel (deelnemer/organisator/gemeente %)")]).split(", ")) {
        expect(key.split("/").reduce((sum, pct) => sum + Number(pct), 0)).toBe(100);
      }
      const shares = ["Aandeel deelnemer volgens sleutel (€)", "Aandeel organisator (€)", "Te betalen door de gemeente aan de balie (€)"].reduce((sum, name) => sum + Number(row[at(name)]) * 100, 0);
      // Each share is rounded to the cent per ticket.
      expect(Math.abs(Math.round(shares) - Number(row[at("Gewone prijs (€)")]) * 100)).toBeLessThanOrEqual(Number(row[at("Tickets")]));
    }
    const total = table.rows.at(-1)!;
    expect(total[0]).toBe("Totaal");
    expect(total[at("Tickets")]).toBe(expected.reduce((sum, row) => sum + row.tickets, 0));

    const file = await csv(coordinator, "/admin/afrekening/csv?from=2025-01-01&to=2026-12-31");
    expect(file.headers).toEqual(table.headers);
    expect(file.column("Balie")).toEqual(table.rows.map((row) => row[at("Balie")] ?? ""));
    expect(file.rows.at(-1)![at("Tickets")]).toBe(String(total[at("Tickets")]));
  });

  it("settles only the Eeklo counters for the Eeklo administrator and explains a wrong period", async () => {
    const { from, to } = settlementPeriod("2025-01-01", "2026-12-31");
    const expected = await kansentariefSettlement(app.db.prisma, { from, to, municipalityId: app.eeklo });
    const file = await csv(eeklo, "/admin/afrekening/csv?from=2025-01-01&to=2026-12-31");
    expect(file.rows.slice(0, -1).map((row) => row[1])).toEqual(expected.map((row) => row.counterName));
    expect(new Set(file.rows.slice(0, -1).map((row) => row[0]))).toEqual(new Set(["Eeklo"]));

    const wrong = await app.getJson(eeklo, "/admin/api/resources/TicketSale/actions/settlement?from=2026-05-01&to=2026-04-01");
    expect(wrong.body.notice).toEqual({ type: "error", message: "Tot en met: de einddatum mag niet vóór de begindatum liggen." });
    const badFile = await download(eeklo, "/admin/afrekening/xlsx?from=gisteren&to=2026-04-01");
    expect(badFile.status).toBe(400);
    expect(badFile.body.toString()).toBe("Van: geef een geldige datum (jjjj-mm-dd).");
  });
});
