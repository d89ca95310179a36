import type { LimitPeriod } from "@prisma/client";
import type { AdvantageAvailability } from "../../../../core/advantages/advantages-for-passholder.js";
import { formatDayWithWeekday } from "../../../../core/advantages/limit-period.js";
import { CardSystemError, errorCatalogue, type ErrorCode } from "../../../../core/errors.js";
import { formatCalendarDate, formatMoment } from "../../../../core/time/calendar-date.js";

export const perPeriod: Record<LimitPeriod, string> = {
  ABSOLUTE: "in totaal",
  DAY: "per dag",
  WEEK: "per week",
  MONTH: "per maand",
  QUARTER: "per kwartaal",
  YEAR: "per jaar",
};

const NEW_CARD = "Wat nu: geef de pashouder een nieuwe kaart aan een registratiebalie (Nieuwe kaart). De punten blijven bewaard.";

/** A refusal from core as the desk says it: core's message, with what the counter needs to help further. */
export function refusalLines(error: CardSystemError): string[] {
  const details = error.details ?? {};
  switch (error.code) {
    case "CARD_BLOCKED": {
      const since = details.blockedAt instanceof Date ? ` sinds ${formatMoment(details.blockedAt)}` : "";
      const reason = typeof details.blockReason === "string" && details.blockReason ? ` Reden: ${details.blockReason}.` : "";
      return [`Deze kaart is geblokkeerd${since}.${reason}`, "Met een geblokkeerde kaart kan je geen punten sparen, geen kansentarief geven en geen voordeel omruilen.", NEW_CARD];
    }
    case "CARD_REPLACED": {
      const active = typeof details.activeCardNumber === "string" ? details.activeCardNumber : undefined;
      return [
        error.message,
        active ? `Vraag de nieuwe kaart van de pashouder (kaartnummer eindigt op ${active.slice(-4)}).` : `De pashouder heeft geen actieve kaart. ${NEW_CARD}`,
      ];
    }
    case "CARD_NOT_FOUND":
      return [error.message, "Controleer het nummer: 13 cijfers, zoals achteraan op de kaart of onder de QR-code in 'Mijn kaart'."];
    case "MIA_TICKET_LIMIT_REACHED": {
      const limit = Number(details.limit);
      const period = perPeriod[details.period as LimitPeriod] ?? "";
      return [`${error.message}`, `Maximum ${limit} tickets ${period} voor evenementen van ${String(details.counter ?? "deze balie")}: er zijn er nog 0 over.`];
    }
    case "CHECKIN_LIMIT_REACHED":
      return [details.period === "DAY" ? "Deze pashouder spaarde vandaag al voor deze activiteit. Morgen kan het opnieuw." : error.message];
    default:
      return [error.message];
  }
}

/** Why the passholder cannot take an advantage now, for the counter. */
export function advantageReason(code: ErrorCode, item: AdvantageAvailability, balance: number): string {
  const { advantage } = item;
  switch (code) {
    case "NOT_ENOUGH_POINTS":
      return `Niet genoeg punten: nodig ${advantage.points}, saldo ${balance}.`;
    case "ADVANTAGE_OUTSIDE_EXCHANGE_PERIOD":
      return advantage.exchangeEnd && advantage.exchangeEnd < new Date()
        ? `De omruilperiode is voorbij (tot ${formatMoment(advantage.exchangeEnd)}).`
        : `Omruilen kan pas vanaf ${formatMoment(advantage.exchangeStart)}.`;
    case "ADVANTAGE_USER_LIMIT_REACHED":
      return item.availableAgainOn
        ? `Limiet per pashouder bereikt (${advantage.perUserLimit} ${perPeriod[advantage.perUserLimitPeriod]}). Opnieuw vanaf ${formatDayWithWeekday(item.availableAgainOn)}.`
        : "Limiet per pashouder bereikt.";
    case "ADVANTAGE_WRONG_COUNTER":
      return "Niet aan deze balie: dit voordeel wordt aan een andere balie opgenomen.";
    case "ADVANTAGE_WRONG_MUNICIPALITY":
      return "Geldt niet voor inwoners van de gemeente van deze pashouder.";
    default:
      return errorCatalogue[code].nl;
  }
}

export const day = formatCalendarDate;
