import { describe, expect, it } from "vitest";
import {
  currentPeriodKey,
  refusals,
  remainingStock,
  type AdvantageRules,
  type EligibilityContext,
  type PassholderFacts,
} from "../../../core/advantages/eligibility.js";

const at = new Date("2026-06-15T10:00:00Z");

const advantage = (overrides: Partial<AdvantageRules> = {}): AdvantageRules => ({
  id: 1,
  cardSystemId: 1,
  kind: "EXCHANGE",
  points: 5,
  unitsAvailable: null,
  maxTotal: null,
  redeemedCount: 0,
  perUserLimit: null,
  perUserLimitPeriod: "ABSOLUTE",
  publicationStart: new Date("2026-01-01T00:00:00Z"),
  publicationEnd: null,
  grantStart: null,
  grantEnd: null,
  exchangeStart: new Date("2026-01-01T00:00:00Z"),
  exchangeEnd: null,
  onlineExchange: false,
  usesUniqueCodes: false,
  counterIds: [],
  municipalityIds: [],
  freeCodes: 0,
  ...overrides,
});

const passholder = (overrides: Partial<PassholderFacts> = {}): PassholderFacts => ({
  id: "p",
  cardSystemId: 1,
  municipalityId: 10,
  registeredAt: new Date("2026-03-10T09:00:00Z"),
  municipalityJoinedAt: new Date("2026-03-01T00:00:00Z"),
  points: 20,
  cardStatus: "ACTIVE",
  ...overrides,
});

const codes = (context: Partial<EligibilityContext>) =>
  refusals({ at, advantage: advantage(), passholder: passholder(), usedInPeriod: 0, ...context }).map((refusal) => refusal.code);

describe("advantage eligibility rules", () => {
  it("entitles to a welcome advantage from the Brussels day the municipality joined", () => {
    const welcome = advantage({ kind: "WELCOME", points: 0 });
    // 00:30 on 1 March in Brussels is still 28 February in UTC.
    expect(codes({ advantage: welcome, passholder: passholder({ registeredAt: new Date("2026-02-28T23:30:00Z") }) })).toEqual([]);
    expect(codes({ advantage: welcome, passholder: passholder({ registeredAt: new Date("2026-02-28T22:30:00Z") }) })).toEqual(["ADVANTAGE_NOT_ENTITLED"]);
  });

  it("entitles only registrations within the granting period, its ends included", () => {
    const welcome = advantage({ kind: "WELCOME", grantStart: new Date("2026-03-10T09:00:00Z"), grantEnd: new Date("2026-04-01T00:00:00Z") });
    expect(codes({ advantage: welcome })).toEqual([]);
    expect(codes({ advantage: welcome, passholder: passholder({ registeredAt: new Date("2026-03-10T08:59:59Z") }) })).toEqual(["ADVANTAGE_NOT_ENTITLED"]);
    expect(codes({ advantage: welcome, passholder: passholder({ registeredAt: new Date("2026-04-01T00:00:01Z") }) })).toEqual(["ADVANTAGE_NOT_ENTITLED"]);
  });

  it("needs no points and ignores the per-user limit for a welcome advantage, but grants it once", () => {
    const welcome = advantage({ kind: "WELCOME", points: 0, perUserLimit: 5 });
    expect(codes({ advantage: welcome, passholder: passholder({ points: 0 }) })).toEqual([]);
    expect(codes({ advantage: welcome, usedInPeriod: 1 })).toEqual(["ADVANTAGE_ALREADY_REDEEMED"]);
    expect(currentPeriodKey({ kind: "WELCOME", perUserLimitPeriod: "DAY" }, at)).toBe("all");
  });

  it("lets a counter of the card system redeem an advantage without counters, and only its own counters otherwise", () => {
    expect(codes({ counter: { id: 7, cardSystemId: 1 } })).toEqual([]);
    expect(codes({ counter: { id: 7, cardSystemId: 2 } })).toEqual(["ADVANTAGE_WRONG_COUNTER"]);
    expect(codes({ advantage: advantage({ counterIds: [8] }), counter: { id: 7, cardSystemId: 1 } })).toEqual(["ADVANTAGE_WRONG_COUNTER"]);
    expect(codes({ advantage: advantage({ counterIds: [7, 8] }), counter: { id: 7, cardSystemId: 1 } })).toEqual([]);
  });

  it("takes the tightest of stock, total maximum and free codes", () => {
    expect(remainingStock(advantage())).toBeUndefined();
    expect(remainingStock(advantage({ unitsAvailable: 10, maxTotal: 6, redeemedCount: 4 }))).toBe(2);
    expect(remainingStock(advantage({ unitsAvailable: 10, redeemedCount: 4, usesUniqueCodes: true, freeCodes: 1 }))).toBe(1);
    expect(codes({ advantage: advantage({ usesUniqueCodes: true, freeCodes: 0 }) })).toEqual(["ADVANTAGE_SOLD_OUT"]);
  });

  it("says how the per-user limit reads, in Dutch", () => {
    const [refusal] = refusals({ at, advantage: advantage({ perUserLimit: 2, perUserLimitPeriod: "MONTH" }), passholder: passholder(), usedInPeriod: 2 });
    expect(refusal).toMatchObject({ code: "ADVANTAGE_USER_LIMIT_REACHED", details: { limit: 2, period: "MONTH", used: 2, availableAgainOn: "2026-07-01" } });
    expect(refusal?.message).toBe("Deze pashouder mag dit voordeel 2 keer per maand omruilen; de limiet is bereikt. Opnieuw mogelijk vanaf woensdag 01/07/2026.");
  });

  it("says from which Brussels day a limit per day, week, month, quarter or year allows the advantage again", () => {
    const againOn = (period: "ABSOLUTE" | "DAY" | "WEEK" | "MONTH" | "QUARTER" | "YEAR", when: string) =>
      refusals({ at: new Date(when), advantage: advantage({ perUserLimit: 1, perUserLimitPeriod: period }), passholder: passholder(), usedInPeriod: 1 })[0]?.details?.availableAgainOn;
    // Thursday 10 December 2026, 23:30 in Brussels (22:30 UTC): the week and the day are Brussels' ones.
    expect(againOn("WEEK", "2026-12-10T22:30:00Z")).toBe("2026-12-14");
    expect(againOn("DAY", "2026-12-10T23:30:00Z")).toBe("2026-12-12");
    expect(againOn("WEEK", "2026-12-13T22:59:00Z")).toBe("2026-12-14");
    expect(againOn("WEEK", "2026-12-13T23:00:00Z")).toBe("2026-12-21");
    expect(againOn("MONTH", "2026-12-31T23:30:00Z")).toBe("2027-02-01");
    expect(againOn("QUARTER", "2026-11-15T12:00:00Z")).toBe("2027-01-01");
    expect(againOn("YEAR", "2026-06-15T12:00:00Z")).toBe("2027-01-01");
    expect(againOn("ABSOLUTE", "2026-06-15T12:00:00Z")).toBeUndefined();
  });

  it("refuses a blocked, replaced or missing card first, and puts sold out before points and limits", () => {
    expect(codes({ passholder: passholder({ cardStatus: "BLOCKED" }) })).toEqual(["CARD_BLOCKED"]);
    expect(codes({ passholder: passholder({ cardStatus: "REPLACED" }) })).toEqual(["CARD_REPLACED"]);
    expect(codes({ passholder: passholder({ cardStatus: null }) })).toEqual(["CARD_NOT_FOUND"]);
    const soldOut = advantage({ points: 50, unitsAvailable: 3, redeemedCount: 3, perUserLimit: 1, perUserLimitPeriod: "WEEK" });
    expect(codes({ advantage: soldOut, usedInPeriod: 1 })).toEqual(["ADVANTAGE_SOLD_OUT", "ADVANTAGE_USER_LIMIT_REACHED", "NOT_ENOUGH_POINTS"]);
  });
});
