import { describe, expect, it } from "vitest";
import { refusalOf } from "../helpers/refusal.js";
import { brusselsDayBounds, formatCalendarDate, formatMoment, parseCalendarDate, parseMoment } from "../../core/time/calendar-date.js";
import { requiredDate } from "../../core/validation/fields.js";
import { checkInszAgrees } from "../../core/validation/insz.js";

/** A valid INSZ for a birth date YYMMDD and serial number (odd for men, even for women). */
function insz(yymmdd: string, serial: string, from2000 = false): string {
  const base = `${yymmdd}${serial}`;
  return `${base}${String(97 - (Number(`${from2000 ? "2" : ""}${base}`) % 97)).padStart(2, "0")}`;
}

describe("a day is a date", () => {
  it("reads a day as a Flemish user types it, and as the backoffice's picker and older screens post it", () => {
    expect(parseCalendarDate("14/05/1990")).toBe("1990-05-14");
    expect(parseCalendarDate("4/5/1990")).toBe("1990-05-04");
    expect(parseCalendarDate(" 1990-05-14 ")).toBe("1990-05-14");
    // The local midnight of a browser in Brussels, in summer and in winter: the day that was chosen.
    expect(parseCalendarDate("1990-05-13T22:00:00.000Z")).toBe("1990-05-14");
    expect(parseCalendarDate("2027-01-14T23:00:00.000Z")).toBe("2027-01-15");
    expect(parseCalendarDate("2027-04-30T00:00:00.000Z")).toBe("2027-04-30");
  });

  it("refuses what is no day", () => {
    for (const bad of ["30/02/2020", "31/04/2027", "14-05", "morgen", "", "2027-13-01", "00/01/2020"]) expect(parseCalendarDate(bad)).toBeUndefined();
  });

  it("shows a day as dd/mm/jjjj without a time, whatever zone it is read in", () => {
    expect(formatCalendarDate("1990-05-14T00:00:00.000Z")).toBe("14/05/1990");
    expect(formatCalendarDate(new Date(Date.UTC(2027, 3, 30)))).toBe("30/04/2027");
    expect(formatCalendarDate(null)).toBe("");
  });

  it("core names the field of a day that is not one, and says how to type it", () => {
    expect(requiredDate("14/05/1990", "birthDate", "Geboortedatum").toISOString()).toBe("1990-05-14T00:00:00.000Z");
    expect(refusalOf(() => requiredDate("31/02/1990", "birthDate", "Geboortedatum"))).toMatchObject({ field: "birthDate", message: expect.stringContaining("dd/mm/jjjj") });
    expect(refusalOf(() => requiredDate("", "birthDate", "Geboortedatum"))).toMatchObject({ field: "birthDate", message: "Geboortedatum is verplicht." });
  });
});

describe("a moment is a time in Brussels", () => {
  it("reads dd/mm/jjjj uu:mm on the clock of Brussels, in summer and winter time", () => {
    expect(parseMoment("14/05/2026 13:05")?.toISOString()).toBe("2026-05-14T11:05:00.000Z");
    expect(parseMoment("05/12/2026 20:00")?.toISOString()).toBe("2026-12-05T19:00:00.000Z");
    expect(parseMoment("2026-05-14T11:05:00.000Z")?.toISOString()).toBe("2026-05-14T11:05:00.000Z");
    expect(parseMoment("14/05/2026 25:00")).toBeUndefined();
  });

  it("takes the hour skipped in spring on the winter clock and the first of the autumn's repeated hour", () => {
    expect(parseMoment("29/03/2026 02:30")?.toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(parseMoment("25/10/2026 02:30")?.toISOString()).toBe("2026-10-25T00:30:00.000Z");
  });

  it("shows a moment in Brussels time", () => {
    expect(formatMoment("2026-05-14T11:05:00.000Z")).toBe("14/05/2026 13:05");
    expect(formatMoment(new Date("2026-12-31T23:30:00Z"))).toBe("01/01/2027 00:30");
  });

  it("gives a whole Brussels day for a filter from one day to another", () => {
    expect(brusselsDayBounds("2026-12-05")).toEqual({ from: new Date("2026-12-04T23:00:00.000Z"), to: new Date("2026-12-05T22:59:59.999Z") });
    expect(brusselsDayBounds("2026-07-01").from.toISOString()).toBe("2026-06-30T22:00:00.000Z");
  });
});

describe("an INSZ agrees with the birth date and sex", () => {
  it("accepts the passholder's own number, also for someone born from 2000 on and for a bis number", () => {
    expect(() => checkInszAgrees(insz("900514", "123"), "1990-05-14", "MALE")).not.toThrow();
    expect(() => checkInszAgrees(insz("900514", "124"), "1990-05-14", "FEMALE")).not.toThrow();
    expect(() => checkInszAgrees(insz("050514", "124", true), "2005-05-14", "FEMALE")).not.toThrow();
    expect(() => checkInszAgrees(insz("902514", "124"), "1990-05-14", "MALE")).not.toThrow();
    expect(() => checkInszAgrees(insz("904514", "123"), "1990-05-14", "MALE")).not.toThrow();
    expect(() => checkInszAgrees(insz("900000", "123"), "1990-05-14", "X")).not.toThrow();
  });

  it("refuses a number that contradicts the birth date, naming the date", () => {
    expect(refusalOf(() => checkInszAgrees(insz("900514", "123"), "1990-05-15", "MALE"))).toMatchObject({
      code: "INSZ_INVALID",
      field: "insz",
      message: "Het rijksregisternummer (INSZ) past niet bij de geboortedatum 15/05/1990.",
    });
    expect(refusalOf(() => checkInszAgrees(insz("900514", "123"), "2090-05-14", "MALE"))).toMatchObject({ code: "INSZ_INVALID" });
    expect(refusalOf(() => checkInszAgrees(insz("050514", "124", true), "1905-05-14", null))).toMatchObject({ code: "INSZ_INVALID" });
  });

  it("refuses a number that contradicts the sex", () => {
    expect(refusalOf(() => checkInszAgrees(insz("900514", "123"), "1990-05-14", "FEMALE"))).toMatchObject({
      field: "insz",
      message: "Het rijksregisternummer (INSZ) past niet bij het geslacht (vrouw).",
    });
    expect(refusalOf(() => checkInszAgrees(insz("904514", "124"), "1990-05-14", "MALE"))).toMatchObject({ code: "INSZ_INVALID" });
  });
});
