import type { Advantage } from "@prisma/client";
import type { ErrorCode } from "../errors.js";
import type { Db } from "../transaction.js";
import { evaluatePublishedAdvantages } from "./advantages-for-passholder.js";
import { entitlementCodes } from "./eligibility.js";

export interface WelcomeAdvantagesInput {
  passholderId: string;
  at?: Date;
}

/** An entitled welcome advantage, and whether it can be redeemed right now (or why not yet / not any more). */
export type WelcomeAdvantage = Advantage & { available: boolean; reasons: ErrorCode[] };

/**
 * The published welcome advantages this passholder is entitled to: right card system and municipality,
 * registered within the granting period and not before the municipality joined. Registration shows them.
 */
export async function welcomeAdvantagesFor(db: Db, input: WelcomeAdvantagesInput): Promise<WelcomeAdvantage[]> {
  const evaluated = await evaluatePublishedAdvantages(db, { passholderId: input.passholderId, at: input.at, kind: "WELCOME" });
  return evaluated
    .filter(({ reasons }) => !reasons.some((reason) => entitlementCodes.has(reason)))
    .map(({ advantage, reasons }) => {
      const { counterIds: _counters, municipalityIds: _municipalities, freeCodes: _codes, ...row } = advantage;
      return { ...row, available: reasons.length === 0, reasons };
    });
}
