import type { Actor } from "../access/actor.js";
import { CardSystemError } from "../errors.js";
import { formatCalendarDate } from "../time/calendar-date.js";
import { localDate } from "../time/periods.js";
import type { Db } from "../transaction.js";

export interface OwnDetails {
  name: string;
  /** dd/mm/jjjj */
  birthDate: string;
  /** The kansenstatuut as the passholder reads it, or null without one. */
  kansenstatuut: { until: string; valid: boolean } | null;
}

/** What a signed-in passholder sees of their own registration: name, birth date and kansenstatuut, as days. */
export async function ownDetails(db: Db, actor: Actor, at = new Date()): Promise<OwnDetails | null> {
  if (actor.kind !== "PASSHOLDER") throw new CardSystemError("NOT_ALLOWED");
  const passholder = await db.passholder.findUnique({
    where: { id: actor.passholderId },
    select: { firstName: true, lastName: true, birthDate: true, kansenstatuutEnd: true },
  });
  if (!passholder) return null;
  const end = passholder.kansenstatuutEnd;
  return {
    name: `${passholder.firstName} ${passholder.lastName}`,
    birthDate: formatCalendarDate(passholder.birthDate),
    kansenstatuut: end ? { until: formatCalendarDate(end), valid: end.toISOString().slice(0, 10) >= localDate(at) } : null,
  };
}
