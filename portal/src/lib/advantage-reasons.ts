import type { AdvantageAvailability } from "../../../core/advantages/advantages-for-passholder.js";
import { errorCatalogue, type ErrorCode } from "../../../core/errors.js";
import { formatDate, points } from "./format.js";

/** Why the passholder cannot get an advantage now, in their words. */
export function reasonText(code: ErrorCode, { advantage }: AdvantageAvailability, balance: number): string {
  switch (code) {
    case "NOT_ENOUGH_POINTS":
      return `Je hebt nog niet genoeg punten: nodig ${points(advantage.points)}, je hebt er ${balance}.`;
    case "ADVANTAGE_OUTSIDE_EXCHANGE_PERIOD":
      return advantage.exchangeEnd && advantage.exchangeEnd < new Date()
        ? `De omruilperiode is voorbij (tot ${formatDate(advantage.exchangeEnd)}).`
        : `Omruilen kan pas vanaf ${formatDate(advantage.exchangeStart)}.`;
    case "ADVANTAGE_WRONG_MUNICIPALITY":
      return "Dit voordeel geldt niet voor inwoners van jouw gemeente.";
    case "ADVANTAGE_USER_LIMIT_REACHED":
      return "Je hebt dit voordeel al zo vaak gekregen als mag.";
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
