import { describe, expect, it } from "vitest";
import { readCodeFile } from "../../core/advantages/code-file.js";
import { settlementPeriod } from "../../core/reports/settlement-period.js";
import { expectRefusal } from "../helpers/refusal.js";

describe("reading a file of unique codes", () => {
  it("skips a title row and counts rows as the file does", () => {
    expect(readCodeFile("\uFEFFKortingscode\r\nA-1\r\nA-2\r\n")).toEqual({ codes: ["A-1", "A-2"], firstRow: 2 });
    expect(readCodeFile("A-1\nA-2")).toEqual({ codes: ["A-1", "A-2"], firstRow: 1 });
  });

  it("takes the first column of Excel's CSV, unquoting it, and keeps empty rows in between for the report", () => {
    expect(readCodeFile('"A;1";eerste\r"B ""2""",tweede\r\r C-3\t3\r\r').codes).toEqual(["A;1", 'B "2"', "", " C-3"]);
  });
});

describe("a settlement period", () => {
  it("runs from midnight in Brussels on the first day up to midnight after the last, in winter and summer time", () => {
    expect(settlementPeriod("2026-01-01", "2026-03-28")).toMatchObject({ from: new Date("2025-12-31T23:00:00Z"), to: new Date("2026-03-28T23:00:00Z") });
    expect(settlementPeriod("2026-03-29", "2026-10-24")).toMatchObject({ from: new Date("2026-03-28T23:00:00Z"), to: new Date("2026-10-24T22:00:00Z") });
  });

  it("refuses a date that does not exist and an end before the start, naming the field", async () => {
    const wrongDay = await expectRefusal(Promise.resolve().then(() => settlementPeriod("2026-02-30", "2026-03-01")), "VALIDATION");
    expect(wrongDay.field).toBe("from");
    const backwards = await expectRefusal(Promise.resolve().then(() => settlementPeriod("2026-03-02", "2026-03-01")), "VALIDATION");
    expect(backwards.field).toBe("to");
  });
});
