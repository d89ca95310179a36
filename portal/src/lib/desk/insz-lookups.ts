import type { StaffActor } from "../../../../core/access/actor.js";
import type { Database } from "../../../../core/db/database.js";
import { isInszLookup } from "../../../../core/desk/identify-passholder.js";
import { CardSystemError } from "../../../../core/errors.js";
import { RateLimiter } from "../../../../server/rate-limit.js";

const WINDOW_MS = 15 * 60_000;
/** National register numbers one staff member may look up per quarter hour: a desk serves, it does not search. */
export const INSZ_LOOKUPS_PER_QUARTER = 30;

/** Counts a lookup by national register number (INSZ) for this staff member, refusing it past the limit. */
export async function countInszLookup(db: Database, actor: StaffActor, typed: unknown): Promise<void> {
  if (!isInszLookup(typed)) return;
  const [count] = await new RateLimiter(db, WINDOW_MS).hit([`desk-insz:${actor.userId}`]);
  if (count! > INSZ_LOOKUPS_PER_QUARTER) {
    throw new CardSystemError("TOO_MANY_ATTEMPTS", {
      field: "kaart",
      message: `Te veel opzoekingen met een rijksregisternummer: maximum ${INSZ_LOOKUPS_PER_QUARTER} per kwartier. Scan de kaart of probeer het over een kwartier opnieuw.`,
    });
  }
}
