import type { Advantage, AdvantageKind, RedemptionChannel } from "@prisma/client";
import { CardSystemError, type ErrorCode } from "../errors.js";
import type { Db } from "../transaction.js";
import { requireIntId, requireUuid } from "../validation/ids.js";
import { refusals, remainingForUser, remainingStock, type EligibilityContext, type Refusal } from "./eligibility.js";
import { activeRedemptionCounts, loadAdvantages, passholderFacts, type LoadedAdvantage } from "./eligibility-facts.js";

export interface AdvantagesForPassholderInput {
  passholderId: string;
  at?: Date;
  /** Also check that the advantage can be redeemed at this counter. */
  counterId?: number;
  /** The same, with the counter the caller has read already. */
  counter?: { id: number; cardSystemId: number };
  /** ONLINE: also check that the advantage can be exchanged online. */
  channel?: RedemptionChannel;
  /** Only welcome or only exchange advantages. */
  kind?: AdvantageKind;
}

export type AdvantageSummary = Pick<
  Advantage,
  | "id"
  | "kind"
  | "title"
  | "description"
  | "points"
  | "onlineExchange"
  | "onlineUrl"
  | "exchangeStart"
  | "exchangeEnd"
  | "perUserLimit"
  | "perUserLimitPeriod"
  | "usesUniqueCodes"
>;

export interface AdvantageAvailability {
  advantage: AdvantageSummary;
  available: boolean;
  /** Why not, most important first; empty when available. */
  reasons: ErrorCode[];
  /** How many more times in the current period; absent when there is no per-user limit. */
  remainingForUser?: number;
  /** Units left; absent when stock is unlimited. */
  remainingStock?: number;
  /** When the per-user limit is reached: the Brussels day (YYYY-MM-DD) from which it is possible again. */
  availableAgainOn?: string;
}

/** Every published advantage of the passholder's card system, and whether (or why not) they can get it now. */
export async function advantagesForPassholder(db: Db, input: AdvantagesForPassholderInput): Promise<AdvantageAvailability[]> {
  const evaluated = await evaluatePublishedAdvantages(db, input);
  return evaluated.map(({ advantage, context, refusals }) => ({
    advantage: summary(advantage),
    available: refusals.length === 0,
    reasons: refusals.map((refusal) => refusal.code),
    remainingForUser: remainingForUser(context),
    remainingStock: remainingStock(advantage),
    availableAgainOn: refusals.find((refusal) => refusal.code === "ADVANTAGE_USER_LIMIT_REACHED")?.details?.availableAgainOn as string | undefined,
  }));
}

export interface EvaluatedAdvantage {
  advantage: LoadedAdvantage;
  context: EligibilityContext;
  reasons: ErrorCode[];
  refusals: Refusal[];
}

/** Loads the published advantages and runs the eligibility rules on each: five queries, whatever the count. */
export async function evaluatePublishedAdvantages(db: Db, input: AdvantagesForPassholderInput): Promise<EvaluatedAdvantage[]> {
  const at = input.at ?? new Date();
  const facts = passholderFacts(db, requireUuid(input.passholderId, "passholderId", "PASSHOLDER_NOT_FOUND"));
  // Read beside the passholder; an unknown passholder is still the refusal given when both are wrong.
  const reading = input.counter ? Promise.resolve(input.counter) : input.counterId === undefined ? undefined : counterById(db, input.counterId);
  reading?.catch(() => undefined);
  const passholder = await facts;
  const counter = await reading;
  const advantages = await loadAdvantages(
    db,
    {
      cardSystemId: passholder.cardSystemId,
      kind: input.kind,
      publicationStart: { lte: at },
      OR: [{ publicationEnd: null }, { publicationEnd: { gte: at } }],
    },
    [{ kind: "asc" }, { title: "asc" }, { id: "asc" }],
  );
  const used = await activeRedemptionCounts(db, passholder.id, advantages, at);
  return advantages.map((advantage) => {
    const context: EligibilityContext = { at, advantage, passholder, usedInPeriod: used.get(advantage.id) ?? 0, channel: input.channel, counter };
    const refused = refusals(context);
    return { advantage, context, reasons: refused.map((refusal) => refusal.code), refusals: refused };
  });
}

async function counterById(db: Db, counterId: number): Promise<{ id: number; cardSystemId: number }> {
  const id = requireIntId(counterId, "counterId", "COUNTER_NOT_FOUND");
  const counter = await db.counter.findUnique({ where: { id }, select: { id: true, cardSystemId: true } });
  if (!counter) throw new CardSystemError("COUNTER_NOT_FOUND", { field: "counterId" });
  return counter;
}

function summary(advantage: Advantage): AdvantageSummary {
  const { id, kind, title, description, points, onlineExchange, onlineUrl, exchangeStart, exchangeEnd, perUserLimit, perUserLimitPeriod, usesUniqueCodes } =
    advantage;
  return { id, kind, title, description, points, onlineExchange, onlineUrl, exchangeStart, exchangeEnd, perUserLimit, perUserLimitPeriod, usesUniqueCodes };
}
