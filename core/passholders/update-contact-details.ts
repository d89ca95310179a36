import type { Passholder } from "@prisma/client";
import type { Actor, RequestMeta } from "../access/actor.js";
import { counterForActor, passholderForActor } from "../access/authorize.js";
import { recordAudit } from "../audit/record-audit.js";
import { CardSystemError } from "../errors.js";
import { municipalityForPostalCode } from "../municipalities/municipality-for-postal-code.js";
import { inTransaction, isUniqueViolation, type Db } from "../transaction.js";
import { optionalEmail, optionalText, requiredText } from "../validation/fields.js";

export interface ContactDetailsInput {
  passholderId: unknown;
  /** The counter whose desk edits them: it must be of a registration permission group. */
  counterId: unknown;
  email?: string;
  phone?: string;
  street?: string;
  houseNumber?: string;
  postalCode: string;
  city?: string;
  actor: Actor;
  request?: RequestMeta;
}

/** Changes a passholder's e-mail, phone and address at a registration counter; a new postal code can move them to another municipality. */
export async function updateContactDetails(db: Db, input: ContactDetailsInput): Promise<Passholder> {
  const email = optionalEmail(input.email) ?? null;
  const phone = optionalText(input.phone, "phone", "Telefoon", 30) ?? null;
  const street = optionalText(input.street, "street", "Straat") ?? null;
  const houseNumber = optionalText(input.houseNumber, "houseNumber", "Huisnummer", 10) ?? null;
  const postalCode = requiredText(input.postalCode, "postalCode", "Postcode", 10);
  try {
    return await inTransaction(db, async (tx) => {
      const counter = await counterForActor(tx, input.actor, input.counterId, {
        groups: ["AUTHORISED_REGISTRATION", "NON_AUTHORISED_REGISTRATION"],
        refusal: "COUNTER_MAY_NOT_REGISTER",
      });
      const passholder = await passholderForActor(tx, input.actor, input.passholderId, counter);
      const { municipality, places } = await municipalityForPostalCode(tx, passholder.cardSystemId, postalCode);
      const typedCity = optionalText(input.city, "city", "Woonplaats");
      const place = typedCity ? places.find((candidate) => candidate.name.toLowerCase() === typedCity.toLowerCase()) : places[0];
      if (!place) {
        throw new CardSystemError("VALIDATION", { field: "city", message: `Woonplaats hoort niet bij postcode ${postalCode}: kies ${places.map((p) => p.name).join(", ")}.` });
      }
      const next = { email, phone, street, houseNumber, postalCode, city: place.name, municipalityId: municipality.id };
      const changes = Object.fromEntries(Object.entries(next).filter(([key, value]) => passholder[key as keyof typeof next] !== value));
      if (Object.keys(changes).length === 0) return passholder;
      const updated = await tx.passholder.update({ where: { id: passholder.id }, data: next });
      await recordAudit(tx, { actor: input.actor, request: input.request, action: "passholder.contact", resource: "Passholder", recordId: passholder.id, changes: { ...changes, counterId: counter.id } });
      return updated;
    });
  } catch (error) {
    if (isUniqueViolation(error, "email")) throw new CardSystemError("EMAIL_TAKEN", { field: "email" });
    throw error;
  }
}
