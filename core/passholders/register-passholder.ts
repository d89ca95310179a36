import type { Card, Gender, Passholder } from "@prisma/client";
import type { Actor, RequestMeta } from "../access/actor.js";
import { requireRegistrationCounter } from "../cards/registration-counter.js";
import { welcomeAdvantagesFor, type WelcomeAdvantage } from "../advantages/welcome-advantages.js";
import { recordAudit } from "../audit/record-audit.js";
import { CardSystemError } from "../errors.js";
import { municipalityForPostalCode } from "../municipalities/municipality-for-postal-code.js";
import { defaultKansenstatuutEnd, localDate } from "../time/periods.js";
import { inTransaction, isUniqueViolation, type Db } from "../transaction.js";
import { normalizeCardNumber } from "../validation/card-number.js";
import { optionalEmail, optionalText, requiredDate, requiredText } from "../validation/fields.js";
import { checkInszAgrees, normalizeInsz } from "../validation/insz.js";

export interface RegisterPassholderInput {
  /** A counter the actor works for, of a registration permission group. */
  counterId: unknown;
  cardNumber: string;
  firstName: string;
  lastName: string;
  birthDate: string | Date;
  postalCode: string;
  /** The sub-municipality; defaults to the only or first place with that postal code. */
  city?: string;
  street?: string;
  houseNumber?: string;
  email?: string;
  phone?: string;
  gender?: Gender;
  insz?: string;
  /** Register with kansenstatuut (MIA); only authorised registration counters may. */
  kansenstatuut?: boolean;
  /** End of the kansenstatuut; defaults to 30 April of next year. */
  kansenstatuutEnd?: string | Date;
  at?: Date;
  actor: Actor;
  request?: RequestMeta;
}

export interface Registration {
  passholder: Passholder;
  card: Card;
  /** The welcome advantages this registration entitles the passholder to. */
  welcomeAdvantages: WelcomeAdvantage[];
}

const GENDERS: Gender[] = ["FEMALE", "MALE", "X"];

/** Registers a passholder at a counter, as far as the counter's permission group allows. */
export async function registerPassholder(db: Db, input: RegisterPassholderInput): Promise<Registration> {
  const at = input.at ?? new Date();
  const cardNumber = normalizeCardNumber(input.cardNumber);
  const firstName = requiredText(input.firstName, "firstName", "Voornaam");
  const lastName = requiredText(input.lastName, "lastName", "Naam");
  const birthDate = requiredDate(input.birthDate, "birthDate", "Geboortedatum");
  if (birthDate.toISOString().slice(0, 10) > localDate(at) || birthDate.getUTCFullYear() < 1900) {
    throw new CardSystemError("VALIDATION", { field: "birthDate", message: "Geboortedatum ligt niet in een geldige periode." });
  }
  const email = optionalEmail(input.email);
  const insz = input.insz ? normalizeInsz(input.insz) : undefined;
  if (input.gender !== undefined && !GENDERS.includes(input.gender)) {
    throw new CardSystemError("VALIDATION", { field: "gender", message: "Geslacht is ongeldig." });
  }
  if (insz) checkInszAgrees(insz, birthDate.toISOString().slice(0, 10), input.gender);

  try {
    return await inTransaction(db, async (tx) => {
      const counter = await requireRegistrationCounter(tx, input.actor, input.counterId);
      const cardSystem = await tx.cardSystem.findUniqueOrThrow({ where: { id: counter.cardSystemId } });
      const authorised = counter.permissionGroups.includes("AUTHORISED_REGISTRATION");
      if (input.kansenstatuut && !authorised) {
        throw new CardSystemError("COUNTER_MAY_NOT_REGISTER_KANSENSTATUUT", { field: "kansenstatuut" });
      }
      if (cardSystem.inszRequired && !authorised && !insz) throw new CardSystemError("INSZ_REQUIRED", { field: "insz" });

      const { municipality, places } = await municipalityForPostalCode(tx, counter.cardSystemId, input.postalCode);
      const city = optionalText(input.city, "city", "Woonplaats") ?? places[0]!.name;
      if (!places.some((place) => place.name.toLowerCase() === city.toLowerCase())) {
        throw new CardSystemError("VALIDATION", {
          field: "city",
          message: `Woonplaats hoort niet bij postcode ${input.postalCode.trim()}: kies ${places.map((place) => place.name).join(", ")}.`,
        });
      }
      const passholder = await tx.passholder.create({
        data: {
          cardSystemId: counter.cardSystemId,
          firstName,
          lastName,
          birthDate,
          gender: input.gender,
          email,
          phone: optionalText(input.phone, "phone", "Telefoon", 30),
          street: optionalText(input.street, "street", "Straat"),
          houseNumber: optionalText(input.houseNumber, "houseNumber", "Huisnummer", 10),
          postalCode: input.postalCode.trim(),
          city: places.find((place) => place.name.toLowerCase() === city.toLowerCase())!.name,
          municipalityId: municipality.id,
          insz,
          kansenstatuutStart: input.kansenstatuut ? new Date(`${localDate(at)}T00:00:00Z`) : undefined,
          kansenstatuutEnd: input.kansenstatuut
            ? input.kansenstatuutEnd
              ? requiredDate(input.kansenstatuutEnd, "kansenstatuutEnd", "Einddatum kansenstatuut")
              : defaultKansenstatuutEnd(at)
            : undefined,
          registeredAt: at,
          registeredAtCounterId: counter.id,
        },
      });
      const card = await tx.card.create({
        data: { number: cardNumber, passholderId: passholder.id, issueReason: "FIRST_CARD", issuedAt: at, issuedAtCounterId: counter.id },
      });
      await recordAudit(tx, {
        actor: input.actor,
        request: input.request,
        action: "passholder.register",
        resource: "Passholder",
        recordId: passholder.id,
        changes: { counterId: counter.id, cardNumber, municipalityId: municipality.id, kansenstatuut: !!input.kansenstatuut, insz: insz ?? null },
      });
      const welcomeAdvantages = await welcomeAdvantagesFor(tx, { passholderId: passholder.id, at });
      return { passholder, card, welcomeAdvantages };
    });
  } catch (error) {
    if (isUniqueViolation(error, "number")) throw new CardSystemError("CARD_NUMBER_TAKEN", { field: "cardNumber" });
    if (isUniqueViolation(error, "email")) throw new CardSystemError("EMAIL_TAKEN", { field: "email" });
    if (isUniqueViolation(error, "insz")) throw new CardSystemError("INSZ_TAKEN", { field: "insz" });
    throw error;
  }
}
