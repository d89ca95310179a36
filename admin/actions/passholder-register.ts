import type { Gender, PrismaClient } from "@prisma/client";
import { ValidationError, type Action, type ActionContext, type ActionRequest, type ActionResponse, type PropertyOptions } from "adminjs";
import { CardSystemError, isCardSystemError } from "../../core/errors.js";
import { registerPassholder } from "../../core/passholders/register-passholder.js";
import { requestMetaOf } from "../audit-origin.js";
import { coreRefusal } from "../write-errors.js";
import { passholderName } from "./passholder-card.js";
import { actingUser, text, type Payload } from "./record-action.js";

/** Form fields that exist only to register (core's input), not as columns of a passholder. */
export const registrationProperties: Record<string, PropertyOptions> = {
  firstCardNumber: {
    type: "string",
    isRequired: true,
    isVisible: false,
    description: "Het nummer achteraan op de UiTPAS (13 cijfers). Een latere kaart geef je met \"Nieuwe kaart\".",
  },
  kansenstatuut: {
    type: "boolean",
    isVisible: false,
    description: "Registreren met kansenstatuut (MIA): enkel aan een geautoriseerde registratiebalie.",
  },
};

/** What the registration form asks, in the manual's order; the municipality follows from the postal code. */
const REGISTRATION_FORM = [
  "registeredAtCounter",
  "firstCardNumber",
  "firstName",
  "lastName",
  "birthDate",
  "gender",
  "postalCode",
  "city",
  "street",
  "houseNumber",
  "email",
  "phone",
  "insz",
  "kansenstatuut",
  "kansenstatuutEnd",
];

/** Core's names of the counter and the card number; the form has its own (the filter already has a cardNumber). */
const FORM_FIELD = { counterId: "registeredAtCounter", cardNumber: "firstCardNumber" };

/**
 * "Nieuw" on Pashouders registers through core (registerPassholder): the counter's permission group, the INSZ
 * rule, postal code → municipality, the first card's number and the welcome advantages, as at a counter.
 */
export function registerPassholderAction(client: PrismaClient): Partial<Action<ActionResponse>> {
  return {
    layout: REGISTRATION_FORM,
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext) => {
      if (request.method !== "post") return {};
      const actor = await actingUser(client, context, "Passholder");
      const payload: Payload = request.payload ?? {};
      if (!actor.mayViewInsz && text(payload, "insz").trim()) {
        throw new ValidationError({ insz: { message: "U mag het INSZ niet invullen of wijzigen." } }, { message: "U mag het INSZ niet invullen of wijzigen." });
      }
      let registration;
      try {
        registration = await client.$transaction(async (tx) => {
          if (!text(payload, "registeredAtCounter").trim()) {
            throw new CardSystemError("VALIDATION", { field: "counterId", message: "Kies de balie waar de pashouder geregistreerd wordt." });
          }
          const done = await registerPassholder(tx, {
            counterId: text(payload, "registeredAtCounter"),
            cardNumber: text(payload, "firstCardNumber"),
            firstName: text(payload, "firstName"),
            lastName: text(payload, "lastName"),
            birthDate: text(payload, "birthDate"),
            postalCode: text(payload, "postalCode"),
            city: text(payload, "city") || undefined,
            street: text(payload, "street"),
            houseNumber: text(payload, "houseNumber"),
            email: text(payload, "email"),
            phone: text(payload, "phone"),
            gender: (text(payload, "gender") || undefined) as Gender | undefined,
            insz: text(payload, "insz").trim() || undefined,
            kansenstatuut: String(payload.kansenstatuut) === "true",
            kansenstatuutEnd: text(payload, "kansenstatuutEnd") || undefined,
            actor,
            request: requestMetaOf(request),
          });
          if (actor.role !== "COORDINATOR" && done.passholder.municipalityId !== actor.municipalityId) {
            throw new CardSystemError("VALIDATION", { field: "postalCode", message: "Deze postcode hoort bij een andere gemeente: u registreert enkel inwoners van uw eigen gemeente." });
          }
          return done;
        });
      } catch (error) {
        if (isCardSystemError(error)) throw coreRefusal(error, FORM_FIELD);
        throw error;
      }
      const { passholder, card, welcomeAdvantages } = registration;
      const record = await context.resource.findOne(passholder.id, context);
      const welcome = welcomeAdvantages.length ? ` Welkomstvoordelen: ${welcomeAdvantages.map((advantage) => advantage.title).join(", ")}.` : "";
      return {
        record: record?.toJSON(context.currentAdmin),
        redirectUrl: context.h.recordActionUrl({ resourceId: context.resource.id(), recordId: passholder.id, actionName: "show" }),
        notice: { type: "success", message: `${passholderName(passholder)} is geregistreerd met kaart ${card.number}.${welcome}` },
      };
    },
  };
}
