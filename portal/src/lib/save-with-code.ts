import { passholderActor } from "../../../core/access/actor.js";
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
  /** "code" when the typed code itself is wrong: the form shows the message at the field. */
  field?: "code";
}

/** Where the code came from: the printed QR code's address opened by a phone, or the Sparen form. */
export type CodeSource = "link" | "typed";

// In the passholder's words; the core's own messages speak to counter staff.
const refusals: Partial<Record<string, string>> = {
  CHECKIN_NOT_OPEN: "Deze activiteit is nu niet open om te sparen. Sparen kan kort voor, tijdens en kort na de activiteit.",
  EVENT_OTHER_CARD_SYSTEM: "Deze activiteit hoort bij een andere UiTPAS-regio: met jouw kaart spaar je daar geen punten.",
  CARD_BLOCKED: "Je kaart is geblokkeerd: je kan er geen punten mee sparen. Vraag een nieuwe kaart aan een UiTPAS-balie.",
  CARD_REPLACED: "Je kaart werd vervangen en je hebt nog geen nieuwe actieve kaart. Vraag raad aan een UiTPAS-balie.",
  CARD_NOT_FOUND: "Er is nog geen kaart aan je gegevens gekoppeld. Vraag raad aan een UiTPAS-balie.",
  SAVE_CODE_INVALID: "Deze QR-code is geen geldige spaarcode. Scan de QR-code van de activiteit opnieuw.",
  SAVE_CODE_UNKNOWN: "Deze QR-code is geen geldige spaarcode. Scan de QR-code van de activiteit opnieuw.",
  SAVE_CODE_EXPIRED: "Deze spaarcode is verlopen: de activiteit is voorbij of de code werd vervangen.",
};

const WRONG_TYPED_CODE =
  "Deze code is niet gekend. Typ de 8 tekens over die onder de QR-code op de affiche staan, bijvoorbeeld K7MP-4QXR. Er komen geen O, 0, I, 1 of L in voor.";

/** Saves a point with an event's QR save-code or code to type for the signed-in passholder, by the rules of any check-in. */
export async function saveWithCode(locals: PortalLocals, passholderId: string, code: string, source: CodeSource = "link"): Promise<SaveOutcome> {
  try {
    // Scans and typed codes share one limit per passholder: typing cannot be used to guess codes faster.
    await countAttempt(locals.db, [{ key: `portal-save:${passholderId}`, limit: limits.savePerPassholder }]);
    const result = await checkInWithSaveCode(locals.db.prisma, { secret: locals.config.qrSecret, code, actor: passholderActor(passholderId), request: locals.request });
    return {
      saved: true,
      title: `+${points(result.points)} gespaard`,
      message: `Je spaarde ${points(result.points)} bij ${result.eventName}. Je nieuwe saldo: ${points(result.balance)}.`,
      status: 200,
    };
  } catch (error) {
    if (!(error instanceof CardSystemError)) throw error;
    const wrongCode = error.code === "SAVE_CODE_INVALID" || error.code === "SAVE_CODE_UNKNOWN";
    const message =
      source === "typed" && wrongCode
        ? WRONG_TYPED_CODE
        : error.code === "CHECKIN_LIMIT_REACHED"
          ? error.details?.period === "DAY"
            ? "Je hebt vandaag al gespaard voor deze activiteit. Morgen kan het opnieuw."
            : "Je hebt al gespaard voor deze activiteit: het maximum is bereikt."
          : (refusals[error.code] ?? error.message);
    return { saved: false, title: "Niet gespaard", message, status: error.status, ...(source === "typed" && wrongCode && { field: "code" as const }) };
  }
}
