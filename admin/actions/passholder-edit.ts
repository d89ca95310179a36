import type { PrismaClient } from "@prisma/client";
import type { ActionContext, ActionRequest, PropertyOptions } from "adminjs";
import { CardSystemError, isCardSystemError } from "../../core/errors.js";
import { municipalityForPostalCode } from "../../core/municipalities/municipality-for-postal-code.js";
import { optionalEmail, requiredDate, requiredText } from "../../core/validation/fields.js";
import { checkInszAgrees, normalizeInsz } from "../../core/validation/insz.js";
import { actorOf } from "../access/actor.js";
import { coreRefusal } from "../write-errors.js";
import type { Payload } from "./record-action.js";

/** Facts of the registration and values that follow from others: shown, never typed in. */
const fixedOnEdit = ["cardSystem", "municipality", "registeredAt"];

export const passholderEditProperties: Record<string, PropertyOptions> = Object.fromEntries(fixedOnEdit.map((field) => [field, { isDisabled: true }]));

/**
 * A `before` hook of "Bewerken" on a passholder: personal data may change, but by the rules of registration.
 * The municipality follows the postal code (and the place must lie in it), names stay filled in, the e-mail
 * address is checked, and a kansenstatuut has a start and an end that does not precede it.
 */
export function passholderEditRules(client: PrismaClient) {
  return async (request: ActionRequest, context: ActionContext): Promise<ActionRequest> => {
    if (request.method !== "post" || !request.payload || !context.record) return request;
    const current = context.record.params;
    const payload: Payload = { ...request.payload };
    for (const field of fixedOnEdit) delete payload[field];
    const value = (field: string) => (payload[field] === undefined ? current[field] : payload[field]);
    try {
      for (const [field, label] of [["firstName", "Voornaam"], ["lastName", "Naam"]] as const) {
        if (payload[field] !== undefined) payload[field] = requiredText(payload[field], field, label);
      }
      if (payload.email !== undefined) payload.email = optionalEmail(payload.email) ?? null;
      // As at registration; without mayViewInsz the resource refuses any INSZ typed in, in its own words.
      if (typeof payload.insz === "string" && payload.insz.trim() && (await actorOf(client, context))?.mayViewInsz) payload.insz = normalizeInsz(payload.insz);
      if (payload.postalCode !== undefined || payload.city !== undefined) {
        const postalCode = String(value("postalCode") ?? "");
        const { municipality, places } = await municipalityForPostalCode(client, Number(current.cardSystem), postalCode);
        const admin = context.currentAdmin as { role?: string; municipalityId?: number } | undefined;
        if (admin?.role === "MUNICIPAL_ADMIN" && municipality.id !== admin.municipalityId) {
          throw new CardSystemError("VALIDATION", { field: "postalCode", message: `Postcode ${postalCode.trim()} ligt in ${municipality.name}, buiten uw gemeente.` });
        }
        // A new postal code without a place takes its first place, not the old one.
        const city = String(payload.city ?? (payload.postalCode === undefined ? current.city : "") ?? "").trim() || places[0]!.name;
        const place = places.find((candidate) => candidate.name.toLowerCase() === city.toLowerCase());
        if (!place) {
          throw new CardSystemError("VALIDATION", { field: "city", message: `Woonplaats hoort niet bij postcode ${postalCode.trim()}: kies ${places.map((candidate) => candidate.name).join(", ")}.` });
        }
        Object.assign(payload, { postalCode: postalCode.trim(), city: place.name, municipality: String(municipality.id) });
      }
      checkKansenstatuut(value("kansenstatuutStart"), value("kansenstatuutEnd"));
      await checkInszStillAgrees(client, String(current.id), payload, value, !!(await actorOf(client, context))?.mayViewInsz);
    } catch (error) {
      if (isCardSystemError(error)) throw coreRefusal(error);
      throw error;
    }
    return { ...request, payload };
  };
}

function checkKansenstatuut(start: unknown, end: unknown): void {
  const filled = (date: unknown) => date !== undefined && date !== null && date !== "";
  if (!filled(start) && !filled(end)) return;
  const day = (date: unknown, field: string, label: string) => requiredDate(date, field, label);
  // A date that is no date is named first, before the other one is asked for.
  if (filled(start)) day(start, "kansenstatuutStart", "Start kansenstatuut");
  if (filled(end)) day(end, "kansenstatuutEnd", "Einde kansenstatuut");
  if (!filled(start)) throw new CardSystemError("VALIDATION", { field: "kansenstatuutStart", message: "Een kansenstatuut heeft een startdatum." });
  if (!filled(end)) throw new CardSystemError("VALIDATION", { field: "kansenstatuutEnd", message: "Een kansenstatuut heeft een einddatum (standaard 30 april van volgend jaar)." });
  if (day(end, "kansenstatuutEnd", "Einde kansenstatuut") < day(start, "kansenstatuutStart", "Start kansenstatuut")) {
    throw new CardSystemError("VALIDATION", { field: "kansenstatuutEnd", message: "Het einde van het kansenstatuut mag niet vóór de start liggen." });
  }
}

/**
 * The INSZ, the birth date and the sex of a passholder must agree, also when only one of them changes, and also
 * for a user who may not see the INSZ (whose form does not carry it): the stored one is read here.
 */
async function checkInszStillAgrees(client: PrismaClient, id: string, payload: Payload, value: (field: string) => unknown, mayViewInsz: boolean): Promise<void> {
  if (payload.insz === undefined && payload.birthDate === undefined && payload.gender === undefined) return;
  // Who may not see the INSZ learns nothing about one typed in: the resource refuses it in its own words.
  const typed = typeof payload.insz === "string" && mayViewInsz ? payload.insz.trim() : undefined;
  const insz = typed !== undefined ? typed : (await client.passholder.findUnique({ where: { id }, select: { insz: true } }))?.insz;
  // An INSZ that is no INSZ at all is refused by its own check, in its own words.
  if (!insz || !/^\d{11}$/.test(insz)) return;
  const birthDate = value("birthDate");
  const filled = birthDate !== undefined && birthDate !== null && birthDate !== "";
  checkInszAgrees(insz, filled ? requiredDate(birthDate, "birthDate", "Geboortedatum").toISOString().slice(0, 10) : undefined, (value("gender") as string | null) || null, typed !== undefined ? "insz" : "birthDate");
}
