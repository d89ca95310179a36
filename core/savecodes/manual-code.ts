/**
 * An event's code to type (Event.manualCode): 8 characters without the look-alikes 0/O and 1/I/L, made by the
 * database (event_manual_code()) and replaced there when the QR save-code's version is raised.
 */
export const MANUAL_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const MANUAL_CODE_LENGTH = 8;

const SEPARATORS = /[\s\-–.]/g;
const valid = new RegExp(`^[${MANUAL_CODE_ALPHABET}]{${MANUAL_CODE_LENGTH}}$`);

/** What a passholder typed as a stored code (any case, spaces and dashes ignored); undefined when it cannot be one. */
export function normalizeManualCode(typed: string): string | undefined {
  const code = typed.replace(SEPARATORS, "").toUpperCase();
  return valid.test(code) ? code : undefined;
}

/** Typed input short enough to be meant as a code to type, rather than a scanned code or address. */
export function looksTyped(typed: string): boolean {
  return typed.replace(SEPARATORS, "").length <= 2 * MANUAL_CODE_LENGTH;
}

/** As printed: two groups of four, "K7MP-4QXR", easier to read aloud and to type. */
export function formatManualCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** A code from random bytes (at least one per character), for data made outside the database's default. */
export function manualCodeFrom(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, MANUAL_CODE_LENGTH), (byte) => MANUAL_CODE_ALPHABET[byte % MANUAL_CODE_ALPHABET.length]).join("");
}
