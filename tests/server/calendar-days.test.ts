import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardNumberFrom } from "../../core/validation/card-number.js";
import { signedInDemo, type DemoBackoffice } from "./access-setup.js";
import type { Browser } from "./http.js";

const API = "/admin/api/resources";
const day = (date: Date | null | undefined) => date?.toISOString().slice(0, 10);

/** A valid INSZ for a birth date YYMMDD and serial number (odd for men, even for women), born before 2000. */
function insz(yymmdd: string, serial: string): string {
  const base = `${yymmdd}${serial}`;
  return `${base}${String(97 - (Number(base) % 97)).padStart(2, "0")}`;
}

describe("days typed in the backoffice are the days stored, and an INSZ belongs to one passholder", () => {
  let app: DemoBackoffice;
  let coordinator: Browser;

  beforeAll(async () => ({ app, coordinator } = await signedInDemo()));
  afterAll(async () => app?.close());

  const authorisedCounter = async () => String((await app.db.prisma.counter.findFirstOrThrow({ where: { permissionGroups: { has: "AUTHORISED_REGISTRATION" }, municipalityId: app.eeklo } })).id);
  let serial = 0;
  const register = async (fields: Record<string, string>) =>
    app.postJson(coordinator, `${API}/Passholder/actions/new`, {
      registeredAtCounter: await authorisedCounter(),
      firstCardNumber: cardNumberFrom(`0900007770${String(++serial).padStart(2, "0")}`),
      firstName: "Dag",
      lastName: `Datum ${serial}`,
      postalCode: "9900",
      ...fields,
    });
  const stored = async (lastName: string) => app.db.prisma.passholder.findFirstOrThrow({ where: { lastName } });

  it("registers the birth date and kansenstatuut end as typed (dd/mm/jjjj), and as the old picker posted them", async () => {
    const typed = await register({ birthDate: "14/05/1990", kansenstatuut: "true", kansenstatuutEnd: "30/04/2027" });
    expect(typed.body.notice?.type).toBe("success");
    expect(await stored(`Datum ${serial}`)).toMatchObject({ birthDate: new Date("1990-05-14T00:00:00Z"), kansenstatuutEnd: new Date("2027-04-30T00:00:00Z") });
    // A browser in Brussels that still runs the old screen sends the local midnight of the day it shows.
    const old = await register({ birthDate: "1990-05-13T22:00:00.000Z", kansenstatuut: "true", kansenstatuutEnd: "2027-04-29T22:00:00.000Z" });
    expect(old.body.notice?.type).toBe("success");
    const passholder = await stored(`Datum ${serial}`);
    expect([day(passholder.birthDate), day(passholder.kansenstatuutEnd)]).toEqual(["1990-05-14", "2027-04-30"]);
  });

  it("edits days as typed, and refuses a day that is no day next to its field, in Dutch", async () => {
    const passholder = await app.db.prisma.passholder.findFirstOrThrow({ where: { municipalityId: app.eeklo, insz: null } });
    const edited = await app.postJson(coordinator, `${API}/Passholder/records/${passholder.id}/edit`, { birthDate: "14/05/1990", kansenstatuutStart: "01/05/2026", kansenstatuutEnd: "30/04/2027" });
    expect(edited.body.notice?.type).toBe("success");
    const after = await app.db.prisma.passholder.findUniqueOrThrow({ where: { id: passholder.id } });
    expect([day(after.birthDate), day(after.kansenstatuutStart), day(after.kansenstatuutEnd)]).toEqual(["1990-05-14", "2026-05-01", "2027-04-30"]);
    const refused = await app.postJson(coordinator, `${API}/Passholder/records/${passholder.id}/edit`, { birthDate: "31/02/1990" });
    expect(refused.body.notice?.type).toBe("error");
    expect(refused.body.record?.errors?.birthDate?.message).toMatch(/geen geldige datum: typ dd\/mm\/jjjj/);
    expect(day((await app.db.prisma.passholder.findUniqueOrThrow({ where: { id: passholder.id } })).birthDate)).toBe("1990-05-14");
  });

  it("gives a refused form back as typed, so no other value the user typed is lost", async () => {
    const passholder = await app.db.prisma.passholder.findFirstOrThrow({ where: { municipalityId: app.eeklo, insz: null } });
    const typed = { firstName: "Nieuwe voornaam", phone: "09 999 99 99", birthDate: "31/02/1990" };
    const refused = await app.postJson(coordinator, `${API}/Passholder/records/${passholder.id}/edit`, typed);
    expect(refused.body.record?.errors?.birthDate).toBeDefined();
    expect(refused.body.record?.params).toMatchObject(typed);
    // Refused by the passholder's own rules (a place outside the postal code) before the write is tried.
    const place = { firstName: "Nog een voornaam", postalCode: "9900", city: "Gent" };
    const outside = await app.postJson(coordinator, `${API}/Passholder/records/${passholder.id}/edit`, place);
    expect(outside.body.record?.errors?.city?.message).toMatch(/Woonplaats hoort niet bij postcode 9900/);
    expect(outside.body.record?.params).toMatchObject(place);
    const registration = await register({ birthDate: "14/05/1990", postalCode: "1000", phone: "09 123 45 67" });
    expect(registration.body.record?.errors?.postalCode).toBeDefined();
    expect(registration.body.record?.params).toMatchObject({ postalCode: "1000", phone: "09 123 45 67", firstName: "Dag" });
    expect(await app.db.prisma.passholder.findUniqueOrThrow({ where: { id: passholder.id } })).toMatchObject({ firstName: passholder.firstName, city: passholder.city });
  });

  it("stores a municipality's start as the day typed", async () => {
    const edited = await app.postJson(coordinator, `${API}/Municipality/records/${app.eeklo}/edit`, { joinedAt: "01/01/2016" });
    expect(edited.body.notice?.type).toBe("success");
    expect(day((await app.db.prisma.municipality.findUniqueOrThrow({ where: { id: app.eeklo } })).joinedAt)).toBe("2016-01-01");
  });

  it("refuses an INSZ that contradicts the birth date or sex, and one that belongs to another passholder", async () => {
    const contradicts = await register({ birthDate: "14/05/1990", gender: "MALE", insz: insz("900515", "123") });
    expect(contradicts.body.record?.errors?.insz?.message).toBe("Het rijksregisternummer (INSZ) past niet bij de geboortedatum 14/05/1990.");
    const wrongSex = await register({ birthDate: "14/05/1990", gender: "FEMALE", insz: insz("900514", "123") });
    expect(wrongSex.body.record?.errors?.insz?.message).toBe("Het rijksregisternummer (INSZ) past niet bij het geslacht (vrouw).");
    const first = await register({ birthDate: "14/05/1990", gender: "MALE", insz: insz("900514", "123") });
    expect(first.body.notice?.type).toBe("success");
    const owner = await stored(`Datum ${serial}`);
    const twice = await register({ birthDate: "14/05/1990", gender: "MALE", insz: insz("900514", "123") });
    expect(twice.body.record?.errors?.insz?.message).toBe("Dit rijksregisternummer (INSZ) hoort al bij een andere pashouder.");
    expect(await app.db.prisma.passholder.count({ where: { insz: insz("900514", "123") } })).toBe(1);

    // On edit too: another passholder's INSZ, and a birth date or sex that no longer agrees with the stored INSZ.
    const other = await app.db.prisma.passholder.findFirstOrThrow({ where: { municipalityId: app.eeklo, insz: null, id: { not: owner.id } } });
    const taken = await app.postJson(coordinator, `${API}/Passholder/records/${other.id}/edit`, { birthDate: "14/05/1990", gender: "MALE", insz: insz("900514", "123") });
    expect(taken.body.notice?.type).toBe("error");
    expect(JSON.stringify(taken.body.record?.errors)).toMatch(/INSZ|rijksregisternummer/);
    const moved = await app.postJson(coordinator, `${API}/Passholder/records/${owner.id}/edit`, { birthDate: "15/05/1990" });
    expect(moved.body.record?.errors?.birthDate?.message).toBe("Het rijksregisternummer (INSZ) past niet bij de geboortedatum 15/05/1990.");
    const sex = await app.postJson(coordinator, `${API}/Passholder/records/${owner.id}/edit`, { gender: "FEMALE" });
    expect(sex.body.notice?.type).toBe("error");
    expect(await app.db.prisma.passholder.findUniqueOrThrow({ where: { id: owner.id } })).toMatchObject({ birthDate: new Date("1990-05-14T00:00:00Z"), gender: "MALE" });
  });

  it("the repair moves a day forward only where a backoffice form in a browser wrote it", async () => {
    const [typed, seeded, default30April] = await app.db.prisma.passholder.findMany({ where: { municipalityId: app.eeklo, insz: null }, orderBy: { id: "asc" }, take: 3 });
    const prisma = app.db.prisma;
    await prisma.passholder.update({ where: { id: typed!.id }, data: { birthDate: new Date("1990-05-13T00:00:00Z") } });
    await prisma.auditLog.create({ data: { actor: "x@test", action: "admin.edit", resource: "Passholder", recordId: typed!.id, changes: { birthDate: "1990-05-13T00:00:00.000Z" }, userAgent: "Mozilla/5.0" } });
    await prisma.auditLog.create({ data: { actor: "x@test", action: "admin.edit", resource: "Passholder", recordId: seeded!.id, changes: { birthDate: "2001-01-01T00:00:00.000Z" }, userAgent: "Mozilla/5.0" } });
    await prisma.passholder.update({ where: { id: default30April!.id }, data: { kansenstatuutEnd: new Date("2027-04-30T00:00:00Z") } });
    await prisma.auditLog.create({ data: { actor: "x@test", action: "passholder.register", resource: "Passholder", recordId: default30April!.id, changes: {}, userAgent: "Mozilla/5.0" } });
    const before = await prisma.passholder.findMany({ where: { id: { in: [seeded!.id, default30April!.id] } }, orderBy: { id: "asc" } });

    const repair = await readFile(new URL("../../prisma/migrations/20261205100000_repair_typed_days/migration.sql", import.meta.url), "utf8");
    await app.db.withConnection((connection) => connection.exec(`BEGIN;\n${repair}\nCOMMIT;`));

    expect(day((await prisma.passholder.findUniqueOrThrow({ where: { id: typed!.id } })).birthDate)).toBe("1990-05-14");
    const after = await prisma.passholder.findMany({ where: { id: { in: [seeded!.id, default30April!.id] } }, orderBy: { id: "asc" } });
    // The registration's birth date was typed, so it moves; its end of 30 April is core's default and stays.
    expect(after.map((row) => day(row.kansenstatuutEnd))).toEqual(before.map((row) => day(row.kansenstatuutEnd)));
    expect(day(after.find((row) => row.id === seeded!.id)!.birthDate)).toBe(day(before.find((row) => row.id === seeded!.id)!.birthDate));
  });
});
