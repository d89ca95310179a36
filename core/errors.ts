// One error class for every refused rule: a stable code, a Dutch message, an HTTP status, and the field at fault.

export const errorCatalogue = {
  VALIDATION: { status: 400, nl: "Ongeldige invoer.", en: "Invalid input." },
  NOT_FOUND: { status: 404, nl: "Niet gevonden.", en: "Not found." },
  CARD_NUMBER_INVALID: { status: 400, nl: "Het kaartnummer is ongeldig: 13 cijfers met een correct controlecijfer.", en: "The card number is invalid: 13 digits with a correct check digit." },
  CARD_NOT_FOUND: { status: 404, nl: "Deze kaart is niet gekend.", en: "This card is unknown." },
  CARD_BLOCKED: { status: 409, nl: "Deze kaart is geblokkeerd.", en: "This card is blocked." },
  CARD_REPLACED: { status: 409, nl: "Deze kaart werd vervangen door een nieuwe kaart.", en: "This card was replaced by a new card." },
  CARD_NUMBER_TAKEN: { status: 409, nl: "Dit kaartnummer is al in gebruik.", en: "This card number is already in use." },
  CARD_ALREADY_BLOCKED: { status: 409, nl: "Deze kaart is al geblokkeerd.", en: "This card is already blocked." },
  IBAN_INVALID: { status: 400, nl: "Het IBAN-nummer is ongeldig.", en: "The IBAN is invalid." },
  INSZ_INVALID: { status: 400, nl: "Het rijksregisternummer (INSZ) is ongeldig.", en: "The national register number (INSZ) is invalid." },
  INSZ_TAKEN: { status: 409, nl: "Dit rijksregisternummer (INSZ) hoort al bij een andere pashouder.", en: "This national register number (INSZ) already belongs to another passholder." },
  INSZ_REQUIRED: { status: 400, nl: "Deze balie mag enkel registreren met rijksregisternummer (INSZ).", en: "This counter may only register with a national register number (INSZ)." },
  POSTAL_CODE_UNKNOWN: { status: 400, nl: "Deze postcode hoort niet bij een gemeente van het kaartsysteem.", en: "This postal code does not belong to a municipality of the card system." },
  EMAIL_TAKEN: { status: 409, nl: "Dit e-mailadres is al gekoppeld aan een andere pashouder.", en: "This email address is already linked to another passholder." },
  COUNTER_NOT_FOUND: { status: 404, nl: "Deze balie is niet gekend.", en: "This counter is unknown." },
  COUNTER_NOT_YOURS: { status: 403, nl: "U werkt niet voor deze balie.", en: "You do not work for this counter." },
  COUNTER_MAY_NOT_REGISTER: { status: 403, nl: "Deze balie mag geen pashouders registreren.", en: "This counter may not register passholders." },
  COUNTER_MAY_NOT_REGISTER_KANSENSTATUUT: { status: 403, nl: "Deze balie mag geen pashouders met kansenstatuut registreren.", en: "This counter may not register passholders with kansenstatuut." },
  COUNTER_MAY_NOT_CHECKIN: { status: 403, nl: "Deze balie heeft geen permissie voor check-ins en tickets.", en: "This counter has no check-in and ticket permission." },
  PASSHOLDER_NOT_FOUND: { status: 404, nl: "Deze pashouder is niet gekend.", en: "This passholder is unknown." },
  EVENT_NOT_FOUND: { status: 404, nl: "Dit evenement is niet gekend.", en: "This event is unknown." },
  EVENT_NOT_OF_COUNTER: { status: 409, nl: "Dit evenement is geen activiteit van deze balie.", en: "This event is not an activity of this counter." },
  EVENT_OTHER_CARD_SYSTEM: { status: 409, nl: "Dit evenement hoort bij een ander kaartsysteem: deze pashouder spaart er geen punten.", en: "This event belongs to another card system: this passholder saves no points there." },
  EVENT_CANCELLED: { status: 409, nl: "Dit evenement werd geannuleerd.", en: "This event was cancelled." },
  CHECKIN_NOT_OPEN: { status: 409, nl: "Inchecken op dit evenement kan nu niet: het is niet open voor check-in.", en: "Check-in for this event is not open now." },
  CHECKIN_LIMIT_REACHED: { status: 409, nl: "Deze pashouder heeft al ingecheckt op dit evenement (maximum bereikt).", en: "This passholder has already checked in to this event (maximum reached)." },
  CHECKIN_NOT_FOUND: { status: 404, nl: "Deze check-in is niet gekend.", en: "This check-in is unknown." },
  CORRECTION_POINTS_SPENT: { status: 409, nl: "Deze punten werden al omgeruild: verwijder eerst de opname van het voordeel en corrigeer dan de check-in.", en: "These points were already exchanged: remove the redemption first, then correct the check-in." },
  CHECKIN_ALREADY_CORRECTED: { status: 409, nl: "Deze check-in werd al gecorrigeerd.", en: "This check-in was already corrected." },
  SAVE_CODE_INVALID: { status: 400, nl: "Deze QR-code is geen geldige spaarcode.", en: "This QR code is not a valid save code." },
  SAVE_CODE_UNKNOWN: { status: 400, nl: "Deze spaarcode is niet gekend: de code om over te typen telt 8 tekens, zonder O, 0, I, 1 of L.", en: "This save code is unknown: the code to type has 8 characters, without O, 0, I, 1 or L." },
  SAVE_CODE_EXPIRED: { status: 410, nl: "Deze spaarcode is verlopen: het evenement is voorbij of de code werd vervangen.", en: "This save code has expired: the event is over or the code was replaced." },
  PILLAR_NOT_FOUND: { status: 404, nl: "Deze zuil is niet gekend.", en: "This pillar is unknown." },
  PILLAR_NO_EVENT: { status: 409, nl: "Deze zuil heeft nu geen evenement waarop ingecheckt kan worden.", en: "This pillar has no event open for check-in now." },
  PILLAR_EVENT_EXPIRED: { status: 409, nl: "Het evenement van deze zuil is verlopen: er worden geen punten toegekend.", en: "This pillar's event has expired: no points are awarded." },
  NO_KANSENSTATUUT: { status: 409, nl: "Deze pashouder heeft geen geldig kansenstatuut op de datum van het evenement.", en: "This passholder has no valid kansenstatuut on the event date." },
  NO_TARIFF: { status: 409, nl: "Voor dit evenement is geen kansentarief ingesteld.", en: "No kansentarief is set for this event." },
  MIA_TICKET_LIMIT_REACHED: { status: 409, nl: "Deze pashouder heeft het maximum aantal tickets voor evenementen van deze balie bereikt.", en: "This passholder reached the maximum number of tickets for this counter's events." },
  TICKET_NOT_FOUND: { status: 404, nl: "Dit toegekende kansentarief is niet gekend.", en: "This granted kansentarief is unknown." },
  TICKET_ALREADY_CANCELLED: { status: 409, nl: "Dit kansentarief werd al geannuleerd.", en: "This kansentarief was already cancelled." },
  ADVANTAGE_NOT_FOUND: { status: 404, nl: "Dit voordeel is niet gekend.", en: "This advantage is unknown." },
  ADVANTAGE_NOT_PUBLISHED: { status: 409, nl: "Dit voordeel is niet gepubliceerd.", en: "This advantage is not published." },
  ADVANTAGE_OUTSIDE_EXCHANGE_PERIOD: { status: 409, nl: "Dit voordeel kan nu niet omgeruild worden: buiten de omruilperiode.", en: "This advantage cannot be exchanged now: outside the exchange period." },
  ADVANTAGE_WRONG_COUNTER: { status: 409, nl: "Dit voordeel kan niet aan deze balie opgenomen worden.", en: "This advantage cannot be redeemed at this counter." },
  ADVANTAGE_NOT_ONLINE: { status: 409, nl: "Dit voordeel kan niet online omgeruild worden.", en: "This advantage cannot be exchanged online." },
  ADVANTAGE_WRONG_MUNICIPALITY: { status: 409, nl: "Dit voordeel geldt niet voor inwoners van jouw gemeente.", en: "This advantage is not valid for residents of your municipality." },
  ADVANTAGE_WRONG_CARD_SYSTEM: { status: 409, nl: "Dit voordeel hoort bij een ander kaartsysteem.", en: "This advantage belongs to another card system." },
  ADVANTAGE_NOT_ENTITLED: { status: 409, nl: "Deze pashouder heeft geen recht op dit welkomstvoordeel.", en: "This passholder is not entitled to this welcome advantage." },
  ADVANTAGE_ALREADY_REDEEMED: { status: 409, nl: "Dit welkomstvoordeel werd al opgenomen.", en: "This welcome advantage was already redeemed." },
  ADVANTAGE_SOLD_OUT: { status: 409, nl: "Dit voordeel is uitverkocht.", en: "This advantage is sold out." },
  ADVANTAGE_USER_LIMIT_REACHED: { status: 409, nl: "De limiet voor deze pashouder is bereikt.", en: "This passholder's limit is reached." },
  NOT_ENOUGH_POINTS: { status: 409, nl: "Niet genoeg punten.", en: "Not enough points." },
  REDEMPTION_NOT_FOUND: { status: 404, nl: "Dit opgenomen voordeel is niet gekend.", en: "This redeemed advantage is unknown." },
  REDEMPTION_ALREADY_REMOVED: { status: 409, nl: "Deze opname werd al verwijderd.", en: "This redemption was already removed." },
  COUPON_NOT_FOUND: { status: 404, nl: "Deze coupon is niet gekend of niet toegekend aan deze pashouder.", en: "This coupon is unknown or not granted to this passholder." },
  COUPON_NOT_VALID_NOW: { status: 409, nl: "Deze coupon is nu niet geldig.", en: "This coupon is not valid now." },
  COUPON_USED_UP: { status: 409, nl: "Deze coupon werd al zo vaak gebruikt als toegestaan.", en: "This coupon has been used as often as allowed." },
  COUPON_EXPIRED: { status: 409, nl: "Deze coupon is verlopen en kan niet meer toegekend worden.", en: "This coupon has expired and can no longer be granted." },
  NOT_ALLOWED: { status: 403, nl: "U mag deze actie niet uitvoeren.", en: "You may not perform this action." },
  ADVANTAGE_NO_UNIQUE_CODES: { status: 409, nl: "Dit voordeel gebruikt geen unieke codes: zet eerst \"Unieke kortingscodes\" aan bij het voordeel.", en: "This advantage does not use unique codes: switch on \"Unique discount codes\" first." },
  SIGN_IN_LINK_INVALID: { status: 410, nl: "Deze aanmeldlink is ongeldig, verlopen of al gebruikt. Vraag een nieuwe link aan.", en: "This sign-in link is invalid, expired or already used. Ask for a new link." },
  TOO_MANY_ATTEMPTS: { status: 429, nl: "Te veel pogingen na elkaar. Probeer het over een kwartier opnieuw.", en: "Too many attempts in a row. Try again in a quarter of an hour." },
  PROVIDER_NOT_FOUND: { status: 404, nl: "Deze aanbieder is niet gekend.", en: "This provider is unknown." },
  PROVIDER_STEPS_MISSING: { status: 409, nl: "Eerst moeten de vorige stappen van het stappenplan in orde zijn.", en: "The earlier steps of the onboarding must be done first." },
  PROVIDER_STEP_ALREADY_DONE: { status: 409, nl: "Deze stap werd al gezet. Een mail opnieuw versturen kan bij Uitgaande mails.", en: "This step was already done. Resend a mail from the outbox." },
  MAIL_SETTINGS_MISSING: { status: 409, nl: "Voor deze mail ontbreken gegevens in de instellingen.", en: "Settings needed for this mail are missing." },
  EMAIL_NOT_FOUND: { status: 404, nl: "Deze mail is niet gekend.", en: "This mail is unknown." },
  EMAIL_SECRET_NOT_KEPT: { status: 409, nl: "Deze aanmeldmail kan niet opnieuw verstuurd worden: de link erin wordt niet bewaard. De pashouder vraagt een nieuwe link aan.", en: "This sign-in mail cannot be sent again: its link is not kept. The passholder asks for a new link." },
  AGREEMENT_FILE_INVALID: { status: 400, nl: "De overeenkomst moet een pdf, png of jpg zijn van hoogstens 10 MB.", en: "The agreement must be a PDF, PNG or JPG file of at most 10 MB." },
  ANONYMISE_NOT_CONFIRMED: { status: 400, nl: "Typ ANONIMISEREN om te bevestigen dat de persoonsgegevens definitief verwijderd worden.", en: "Type ANONIMISEREN to confirm that the personal data is removed for good." },
  PASSHOLDER_ALREADY_ANONYMISED: { status: 409, nl: "Deze pashouder werd al geanonimiseerd.", en: "This passholder was already anonymised." },
  BUSY: { status: 503, nl: "Het is nu erg druk. Probeer het zo meteen opnieuw.", en: "It is very busy right now. Please try again in a moment." },
  CONFLICT: { status: 409, nl: "Deze wijziging botst met een andere wijziging. Probeer opnieuw.", en: "This change conflicts with another change. Please try again." },
} as const satisfies Record<string, { status: number; nl: string; en: string }>;

export type ErrorCode = keyof typeof errorCatalogue;
export type Locale = "nl" | "en";

export class CardSystemError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** The input field at fault, when there is one (e.g. "cardNumber"). */
  readonly field?: string;
  /** Extra facts for the caller (e.g. the balance when points run short). */
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, options: { field?: string; message?: string; details?: Record<string, unknown> } = {}) {
    super(options.message ?? errorCatalogue[code].nl);
    this.name = "CardSystemError";
    this.code = code;
    this.status = errorCatalogue[code].status;
    this.field = options.field;
    this.details = options.details;
  }

  localized(locale: Locale): string {
    return locale === "nl" ? this.message : errorCatalogue[this.code].en;
  }
}

export function isCardSystemError(error: unknown, code?: ErrorCode): error is CardSystemError {
  return error instanceof CardSystemError && (code === undefined || error.code === code);
}
