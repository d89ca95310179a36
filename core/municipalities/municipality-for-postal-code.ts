import type { Municipality, SubMunicipality } from "@prisma/client";
import { CardSystemError } from "../errors.js";
import type { Db } from "../transaction.js";

export interface PostalCodeMatch {
  municipality: Municipality;
  /** The sub-municipalities (deelgemeenten) that share this postal code, e.g. 9968 Bassevelde and Oosteeklo. */
  places: SubMunicipality[];
}

/** Postal code → municipality of the card system, or POSTAL_CODE_UNKNOWN naming the field. */
export async function municipalityForPostalCode(db: Db, cardSystemId: number, postalCode: string, field = "postalCode"): Promise<PostalCodeMatch> {
  const code = String(postalCode ?? "").trim();
  if (!/^\d{4}$/.test(code)) throw new CardSystemError("POSTAL_CODE_UNKNOWN", { field, message: "Een Belgische postcode heeft 4 cijfers." });
  const places = await db.subMunicipality.findMany({
    where: { postalCode: code, municipality: { cardSystemId } },
    include: { municipality: true },
    orderBy: { name: "asc" },
  });
  const first = places[0];
  if (!first) throw new CardSystemError("POSTAL_CODE_UNKNOWN", { field });
  return { municipality: first.municipality, places: places.map(({ municipality: _m, ...place }) => place) };
}
