import { TITLE_PATH } from "../presentation/screen-hooks.js";

/** Fields of the screens that are no schema field: the search box, a form's password, a passholder's card number. */
export const screenFieldLabels = {
  nl: { [TITLE_PATH]: "Zoeken", password: "Wachtwoord", cardNumber: "Kaartnummer" },
  en: { [TITLE_PATH]: "Search", password: "Password", cardNumber: "Card number" },
};
