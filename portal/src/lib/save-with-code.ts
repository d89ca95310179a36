import { CardSystemError } from "../../../core/errors.js";
import { checkInWithSaveCode } from "../../../core/savecodes/check-in-with-save-code.js";
import type { PortalLocals } from "../../../portal/locals.js";
import { countAttempt, limits } from "./attempts.js";
import { points } from "./format.js";

export interface SaveOutcome {
  saved: boolean;
  title: string;
  message: string;
  status: number;
}

// In the passholder's words; the core's own messages speak to counter staff.
const refusals: Partial<Record<string, string>> = {
  CHECKIN_NOT_OPEN: "Deze activiteit is nu niet open om te sparen. Sparen kan kort voor, tijdens en kort na de activiteit.",
  CARD_BLOCKED: "Je kaart is geblokkeerd: je kan er geen punten mee sparen. Vraag een nieuwe kaart aan een UiTPAS-balie.",
  CARD_REPLACED: "Je kaart werd vervangen en je hebt nog geen nieuwe actieve kaart. Vraag raad aan een UiTPAS-balie.",
  CARD_NOT_FOUND: "Er is nog geen kaart aan je gegevens gekoppeld. Vraag raad aan een UiTPAS-balie.",
  SAVE_CODE_INVALID: "Deze QR-code is geen geldige spaarcode. Scan de QR-code van de activiteit opnieuw.",
  SAVE_CODE_EXPIRED: "Deze spaarcode is verlopen: de activiteit is voorbij of de code werd vervangen.",
};

/** Saves a point with an event's QR save-code for the signed-in passholder, by the same rules as any check-in. */
export async function saveWithCode(locals: PortalLocals, passholderId: string, code: string): Promise<SaveOutcome> {
  try {
    await countAttempt(locals.db, [{ key: `portal-save:${passholderId}`, limit: limits.savePerPassholder }]);
    const result = await checkInWithSaveCode(locals.db.prisma, { secret: locals.config.qrSecret, code, passholderId });
    return {
      saved: true,
      title: `+${points(result.points)} gespaard`,
      message: `Je spaarde ${points(result.points)} bij ${result.eventName}. Je nieuwe saldo: ${points(result.balance)}.`,
      status: 200,
    };
  } catch (error) {
    if (!(error instanceof CardSystemError)) throw error;
    const message =
      error.code === "CHECKIN_LIMIT_REACHED"
        ? error.details?.period === "DAY"
          ? "Je hebt vandaag al gespaard voor deze activiteit. Morgen kan het opnieuw."
          : "Je hebt al gespaard voor deze activiteit: het maximum is bereikt."
        : (refusals[error.code] ?? error.message);
    return { saved: false, title: "Niet gespaard", message, status: error.status };
  }
}
