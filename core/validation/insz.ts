import { CardSystemError } from "../errors.js";

/**
 * INSZ / rijksregisternummer: YYMMDD + 3-digit serial + 2 check digits = 97 - (first nine mod 97);
 * for people born from 2000 on, the check is computed over "2" + the first nine digits.
 */
export function isValidInsz(value: string): boolean {
  const digits = value.replace(/[\s.\-]/g, "");
  if (!/^\d{11}$/.test(digits)) return false;
  const base = digits.slice(0, 9);
  const check = Number(digits.slice(9));
  return 97 - (Number(base) % 97) === check || 97 - (Number(`2${base}`) % 97) === check;
}

export function normalizeInsz(input: string, field = "insz"): string {
  const digits = String(input ?? "").replace(/[\s.\-]/g, "");
  if (!isValidInsz(digits)) throw new CardSystemError("INSZ_INVALID", { field });
  return digits;
}
