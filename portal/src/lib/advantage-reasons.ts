import type { LimitPeriod } from "@prisma/client";
import type { AdvantageAvailability } from "../../../core/advantages/advantages-for-passholder.js";
import { formatDayWithWeekday } from "../../../core/advantages/limit-period.js";
import { errorCatalogue, type ErrorCode } from "../../../core/errors.js";
import { formatDate, points } from "./format.js";

const thisPeriod: Record<LimitPeriod, string> = {
  ABSOLUTE: "",
  DAY: "vandaag ",
  WEEK: "deze week ",
  MONTH: "deze maand ",
  QUARTER: "dit kwartaal ",
  YEAR: "dit jaar ",
};

/** Refusals about the card itself: they hold for every advantage, so the page says them once, on top. */
export const cardReasons: Partial<Record<ErrorCode, string>> = {
  CARD_BLOCKED: "Je kaart is geblokkeerd: met een geblokkeerde kaart krijg je geen voordelen. Vraag een nieuwe kaart aan een UiTPAS-balie; je punten blijven bewaard.",
  CARD_REPLACED: "Je kaart werd vervangen en je hebt nog geen nieuwe actieve kaart: zo krijg je geen voordelen. Vraag raad aan een UiTPAS-balie.",
  CARD_NOT_FOUND: "Er is nog geen kaart aan je gegevens gekoppeld: zo krijg je geen voordelen. Vraag raad aan een UiTPAS-balie.",
};

/** Why the passholder cannot get an advantage now, in their words. */
export function reasonText(code: ErrorCode, { advantage, availableAgainOn }: AdvantageAvailability, balance: number): string {
  switch (code) {
    case "CARD_BLOCKED":
      return "Niet met een geblokkeerde kaart.";
    case "CARD_REPLACED":
    case "CARD_NOT_FOUND":
      return "Niet zonder actieve kaart.";
    case "NOT_ENOUGH_POINTS":
      return `Je hebt nog niet genoeg punten: nodig ${points(advantage.points)}, je hebt er ${balance}.`;
    case "ADVANTAGE_OUTSIDE_EXCHANGE_PERIOD":
      return advantage.exchangeEnd && advantage.exchangeEnd < new Date()
        ? `De omruilperiode is voorbij (tot ${formatDate(advantage.exchangeEnd)}).`
        : `Omruilen kan pas vanaf ${formatDate(advantage.exchangeStart)}.`;
    case "ADVANTAGE_WRONG_MUNICIPALITY":
      return "Dit voordeel geldt niet voor inwoners van jouw gemeente.";
    case "ADVANTAGE_USER_LIMIT_REACHED":
      return availableAgainOn
        ? `Je kreeg dit voordeel ${thisPeriod[advantage.perUserLimitPeriod]}al zo vaak als mag. Opnieuw mogelijk vanaf ${formatDayWithWeekday(availableAgainOn)}.`
        : "Je hebt dit voordeel al zo vaak gekregen als mag.";
    case "ADVANTAGE_ALREADY_REDEEMED":
      return "Je kreeg dit welkomstvoordeel al.";
    case "ADVANTAGE_NOT_ENTITLED":
      return "Je hebt geen recht op dit welkomstvoordeel: het geldt voor wie in de toekenningsperiode een UiTPAS kocht.";
    case "ADVANTAGE_SOLD_OUT":
      return "Dit voordeel is uitverkocht.";
    default:
      return errorCatalogue[code].nl;
  }
}
