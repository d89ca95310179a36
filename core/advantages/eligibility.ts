import type { Advantage, CardStatus, LimitPeriod, RedemptionChannel } from "@prisma/client";
import type { ErrorCode } from "../errors.js";
import { localDate, periodKey, within } from "../time/periods.js";
import { formatDayWithWeekday, nextPeriodStart } from "./limit-period.js";

/**
 * The rules that decide whether a passholder may redeem an advantage, as small pure predicates. Redeeming
 * throws the first refusal; the overviews list all of them. Both call `refusals`, so a rule lives here once.
 */

export type AdvantageRules = Pick<
  Advantage,
  | "id"
  | "cardSystemId"
  | "kind"
  | "points"
  | "unitsAvailable"
  | "maxTotal"
  | "redeemedCount"
  | "perUserLimit"
  | "perUserLimitPeriod"
  | "publicationStart"
  | "publicationEnd"
  | "grantStart"
  | "grantEnd"
  | "exchangeStart"
  | "exchangeEnd"
  | "onlineExchange"
  | "usesUniqueCodes"
> & {
  /** Counters where it can be redeemed; empty = every counter of the card system. */
  counterIds: number[];
  /** "Geldig voor inwoners van"; empty = every municipality of the card system. */
  municipalityIds: number[];
  /** Codes not yet handed out (only meaningful when usesUniqueCodes). */
  freeCodes: number;
};

export interface PassholderFacts {
  id: string;
  cardSystemId: number;
  municipalityId: number;
  registeredAt: Date;
  /** The day the passholder's municipality joined (a date column). */
  municipalityJoinedAt: Date;
  points: number;
  /** The active card's status, else that of the last card issued; null when the passholder has no card. */
  cardStatus: CardStatus | null;
}

export interface EligibilityContext {
  at: Date;
  advantage: AdvantageRules;
  passholder: PassholderFacts;
  /** The passholder's active redemptions of this advantage in the current limit period. */
  usedInPeriod: number;
  channel?: RedemptionChannel;
  /** Only when redeeming at (or asking about) a specific counter. */
  counter?: { id: number; cardSystemId: number };
}

export interface Refusal {
  code: ErrorCode;
  field?: string;
  message?: string;
  details?: Record<string, unknown>;
}

type Rule = (context: EligibilityContext) => Refusal | undefined;

const periodWords: Record<LimitPeriod, string> = {
  ABSOLUTE: "in totaal",
  DAY: "per dag",
  WEEK: "per week",
  MONTH: "per maand",
  QUARTER: "per kwartaal",
  YEAR: "per jaar",
};

/** A welcome advantage is granted once, whatever its limit settings say. */
export function limitPeriodOf(advantage: Pick<Advantage, "kind" | "perUserLimitPeriod">): LimitPeriod {
  return advantage.kind === "WELCOME" ? "ABSOLUTE" : advantage.perUserLimitPeriod;
}

export function currentPeriodKey(advantage: Pick<Advantage, "kind" | "perUserLimitPeriod">, at: Date): string {
  return periodKey(limitPeriodOf(advantage), at);
}

/** Units left before the stock, the total maximum or the unique codes run out; undefined = unlimited. */
export function remainingStock(advantage: AdvantageRules): number | undefined {
  const limits = [advantage.unitsAvailable, advantage.maxTotal]
    .filter((limit): limit is number => limit !== null)
    .map((limit) => limit - advantage.redeemedCount);
  if (advantage.usesUniqueCodes) limits.push(advantage.freeCodes);
  return limits.length === 0 ? undefined : Math.max(0, Math.min(...limits));
}

/** How many more times this passholder may redeem it in the current period; undefined = no limit. */
export function remainingForUser(context: Pick<EligibilityContext, "advantage" | "usedInPeriod">): number | undefined {
  const { advantage, usedInPeriod } = context;
  const limit = advantage.kind === "WELCOME" ? 1 : advantage.perUserLimit;
  return limit === null ? undefined : Math.max(0, limit - usedInPeriod);
}

/** A blocked or replaced card gets nothing, wherever it is asked (manual: a blocked card cannot be used). */
export const usableCard: Rule = ({ passholder }) => {
  if (passholder.cardStatus === "ACTIVE") return undefined;
  const code: ErrorCode = passholder.cardStatus === "BLOCKED" ? "CARD_BLOCKED" : passholder.cardStatus === "REPLACED" ? "CARD_REPLACED" : "CARD_NOT_FOUND";
  return { code, field: "cardNumber" };
};

export const sameCardSystem: Rule = ({ advantage, passholder }) =>
  advantage.cardSystemId === passholder.cardSystemId ? undefined : { code: "ADVANTAGE_WRONG_CARD_SYSTEM", field: "advantageId" };

export const published: Rule = ({ advantage, at }) =>
  within(at, advantage.publicationStart, advantage.publicationEnd)
    ? undefined
    : {
        code: "ADVANTAGE_NOT_PUBLISHED",
        field: "advantageId",
        details: { publicationStart: advantage.publicationStart, publicationEnd: advantage.publicationEnd },
      };

export const inExchangePeriod: Rule = ({ advantage, at }) =>
  within(at, advantage.exchangeStart, advantage.exchangeEnd)
    ? undefined
    : {
        code: "ADVANTAGE_OUTSIDE_EXCHANGE_PERIOD",
        field: "advantageId",
        details: { exchangeStart: advantage.exchangeStart, exchangeEnd: advantage.exchangeEnd },
      };

export const atOneOfItsCounters: Rule = ({ advantage, counter }) => {
  if (!counter) return undefined;
  const allowed = advantage.counterIds.length > 0 ? advantage.counterIds.includes(counter.id) : counter.cardSystemId === advantage.cardSystemId;
  return allowed ? undefined : { code: "ADVANTAGE_WRONG_COUNTER", field: "counterId", details: { counterIds: advantage.counterIds } };
};

export const onlineWhenAsked: Rule = ({ advantage, channel }) =>
  channel !== "ONLINE" || advantage.onlineExchange ? undefined : { code: "ADVANTAGE_NOT_ONLINE", field: "channel" };

export const forResidents: Rule = ({ advantage, passholder }) =>
  advantage.municipalityIds.length === 0 || advantage.municipalityIds.includes(passholder.municipalityId)
    ? undefined
    : { code: "ADVANTAGE_WRONG_MUNICIPALITY", details: { municipalityIds: advantage.municipalityIds } };

/** Welcome: registered within the granting period, and not before the municipality joined (manual p. 9). */
export const entitledToWelcome: Rule = ({ advantage, passholder }) => {
  if (advantage.kind !== "WELCOME") return undefined;
  const joinedDay = passholder.municipalityJoinedAt.toISOString().slice(0, 10);
  const entitled =
    within(passholder.registeredAt, advantage.grantStart, advantage.grantEnd) && localDate(passholder.registeredAt) >= joinedDay;
  return entitled
    ? undefined
    : {
        code: "ADVANTAGE_NOT_ENTITLED",
        details: {
          registeredAt: passholder.registeredAt,
          grantStart: advantage.grantStart,
          grantEnd: advantage.grantEnd,
          municipalityJoinedAt: joinedDay,
        },
      };
};

export const welcomeOnce: Rule = ({ advantage, usedInPeriod }) =>
  advantage.kind === "WELCOME" && usedInPeriod > 0 ? { code: "ADVANTAGE_ALREADY_REDEEMED", field: "advantageId" } : undefined;

export const withinUserLimit: Rule = ({ advantage, usedInPeriod, at }) => {
  if (advantage.kind !== "EXCHANGE" || advantage.perUserLimit === null || usedInPeriod < advantage.perUserLimit) return undefined;
  const times = advantage.perUserLimit === 1 ? "1 keer" : `${advantage.perUserLimit} keer`;
  const availableAgainOn = nextPeriodStart(advantage.perUserLimitPeriod, at);
  const again = availableAgainOn ? ` Opnieuw mogelijk vanaf ${formatDayWithWeekday(availableAgainOn)}.` : "";
  return {
    code: "ADVANTAGE_USER_LIMIT_REACHED",
    message: `Deze pashouder mag dit voordeel ${times} ${periodWords[advantage.perUserLimitPeriod]} omruilen; de limiet is bereikt.${again}`,
    details: { limit: advantage.perUserLimit, period: advantage.perUserLimitPeriod, used: usedInPeriod, ...(availableAgainOn && { availableAgainOn }) },
  };
};

export const enoughPoints: Rule = ({ advantage, passholder }) =>
  advantage.kind !== "EXCHANGE" || passholder.points >= advantage.points
    ? undefined
    : {
        code: "NOT_ENOUGH_POINTS",
        message: `Niet genoeg punten: dit voordeel kost ${advantage.points} punten, het saldo is ${passholder.points}.`,
        details: { balance: passholder.points, needed: advantage.points },
      };

export const inStock: Rule = ({ advantage }) =>
  remainingStock(advantage) === 0 ? { code: "ADVANTAGE_SOLD_OUT", field: "advantageId", details: { remainingStock: 0 } } : undefined;

/**
 * In the order a counter should hear them: the card, who and where first, then stock (sold out is final for
 * everyone, so it goes before what the passholder could still change), limits and points.
 */
const rules: Rule[] = [
  sameCardSystem,
  usableCard,
  published,
  inExchangePeriod,
  atOneOfItsCounters,
  onlineWhenAsked,
  forResidents,
  entitledToWelcome,
  welcomeOnce,
  inStock,
  withinUserLimit,
  enoughPoints,
];

export function refusals(context: EligibilityContext): Refusal[] {
  return rules.map((rule) => rule(context)).filter((refusal): refusal is Refusal => refusal !== undefined);
}

/** Refusals about who the passholder is, as opposed to when, where or how often they redeem. */
export const entitlementCodes: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  "ADVANTAGE_WRONG_CARD_SYSTEM",
  "ADVANTAGE_WRONG_MUNICIPALITY",
  "ADVANTAGE_NOT_ENTITLED",
]);
