import { TITLE_PATH } from "../presentation/screen-hooks.js";

/**
 * Fields of the screens that are no column: the search box, a form's password, a passholder's current card and
 * its status, the filter on events open now, an advantage's lists of counters and municipalities.
 */
export const screenFieldLabels = {
  nl: {
    [TITLE_PATH]: "Zoeken",
    password: "Wachtwoord",
    cardNumber: "Kaartnummer",
    cardStatus: "Kaartstatus",
    openForCheckin: "Nu open voor check-in",
    auditedRecord: "Betreft",
    counters: "Balies waar het voordeel opgenomen kan worden",
    municipalities: "Geldig voor inwoners van",
    grantCount: "Toekenningen",
  },
  en: {
    [TITLE_PATH]: "Search",
    password: "Password",
    cardNumber: "Card number",
    cardStatus: "Card status",
    openForCheckin: "Open for check-in now",
    auditedRecord: "Record",
    counters: "Counters where the advantage can be redeemed",
    municipalities: "Valid for residents of",
    grantCount: "Grants",
  },
};
