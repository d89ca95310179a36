import { describe, expect, it } from "vitest";
import { refusalOf } from "../helpers/refusal.js";
import { cardNumberFrom, isValidCardNumber, normalizeCardNumber } from "../../core/validation/card-number.js";
import { isValidBelgianIban, normalizeBelgianIban } from "../../core/validation/iban.js";
import { isValidInsz, normalizeInsz } from "../../core/validation/insz.js";
import { periodKey } from "../../core/time/periods.js";

describe("card numbers", () => {
  it("accepts the UiTPAS example number and numbers typed with spaces", () => {
    expect(isValidCardNumber("0900000095902")).toBe(true);
    expect(normalizeCardNumber("0900 0000 9590 2")).toBe("0900000095902");
  });
  it("refuses a wrong check digit, wrong length and letters, naming the field", () => {
    expect(isValidCardNumber("0900000095903")).toBe(false);
    expect(isValidCardNumber("090000009590")).toBe(false);
    expect(isValidCardNumber("09000000959O2")).toBe(false);
    expect(refusalOf(() => normalizeCardNumber("123", "kaart"))).toMatchObject({ code: "CARD_NUMBER_INVALID", field: "kaart" });
  });
  it("builds valid numbers from a 12-digit payload", () => {
    expect(cardNumberFrom("090000009590")).toBe("0900000095902");
    expect(isValidCardNumber(cardNumberFrom("123456789012"))).toBe(true);
  });
});

describe("Belgian IBAN", () => {
  it("accepts valid accounts and formats them in groups of four", () => {
    expect(isValidBelgianIban("BE68539007547034")).toBe(true);
    expect(normalizeBelgianIban("be68 5390 0754 7034")).toBe("BE68 5390 0754 7034");
    expect(isValidBelgianIban("BE54000000000097")).toBe(true);
  });
  it("refuses a broken IBAN checksum", () => {
    expect(isValidBelgianIban("BE69539007547034")).toBe(false);
  });
  it("refuses an account whose national mod 97 check fails even when the IBAN checksum is recomputed", () => {
    // 539007547035 fails the national check; BE.. digits recomputed so that only that check fails.
    const account = "539007547035";
    const remainder = Number(BigInt(`${account}111400`) % 97n);
    const iban = `BE${String(98 - remainder).padStart(2, "0")}${account}`;
    expect(isValidBelgianIban(iban)).toBe(false);
  });
  it("refuses other countries and wrong lengths", () => {
    expect(isValidBelgianIban("NL91ABNA0417164300")).toBe(false);
    expect(refusalOf(() => normalizeBelgianIban("BE6853900754703"))).toMatchObject({ code: "IBAN_INVALID", field: "iban" });
  });
});

describe("INSZ", () => {
  it("accepts numbers of people born before and after 2000", () => {
    expect(isValidInsz("85.07.30-033.28")).toBe(true);
    expect(isValidInsz("01020300467")).toBe(true);
    expect(normalizeInsz("85073003328")).toBe("85073003328");
  });
  it("refuses a wrong check number", () => {
    expect(isValidInsz("85073003329")).toBe(false);
    expect(refusalOf(() => normalizeInsz("12345"))).toMatchObject({ code: "INSZ_INVALID", field: "insz" });
  });
});

describe("limit periods in Brussels time", () => {
  it("a late-evening instant belongs to the Brussels day, not the UTC one", () => {
    expect(periodKey("DAY", new Date("2026-07-01T22:30:00Z"))).toBe("2026-07-02");
    expect(periodKey("DAY", new Date("2026-12-31T22:59:00Z"))).toBe("2026-12-31");
  });
  it("weeks, months, quarters and years", () => {
    const at = new Date("2026-11-23T10:00:00Z");
    expect(periodKey("WEEK", at)).toBe("2026-W48");
    expect(periodKey("MONTH", at)).toBe("2026-11");
    expect(periodKey("QUARTER", at)).toBe("2026-Q4");
    expect(periodKey("YEAR", at)).toBe("2026");
    expect(periodKey("ABSOLUTE", at)).toBe("all");
    expect(periodKey("WEEK", new Date("2027-01-01T10:00:00Z"))).toBe("2026-W53");
  });
});
