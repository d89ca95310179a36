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

/**
 * An INSZ starts with the birth date (YYMMDD; a bis number adds 20 or 40 to the month, 00 where the day or month is
 * unknown) and its serial number is odd for men and even for women (for a bis number only when 40 was added).
 * Refuses an INSZ that contradicts the passholder's birth date (YYYY-MM-DD) or sex.
 */
export function checkInszAgrees(insz: string, birthDate: string | undefined, gender: string | null | undefined, field = "insz"): void {
  const month = Number(insz.slice(2, 4));
  const day = Number(insz.slice(4, 6));
  const bisOffset = month > 40 ? 40 : month > 20 ? 20 : 0;
  const bornFrom2000 = 97 - (Number(`2${insz.slice(0, 9)}`) % 97) === Number(insz.slice(9));
  if (birthDate) {
    const [year, birthMonth, birthDay] = birthDate.split("-").map(Number) as [number, number, number];
    const century = bornFrom2000 ? 2000 : 1900;
    const agrees = century + Number(insz.slice(0, 2)) === year && (month === 0 || month - bisOffset === birthMonth) && (day === 0 || day === birthDay);
    if (!agrees) {
      throw new CardSystemError("INSZ_INVALID", {
        field,
        message: `Het rijksregisternummer (INSZ) past niet bij de geboortedatum ${birthDate.slice(8, 10)}/${birthDate.slice(5, 7)}/${birthDate.slice(0, 4)}.`,
      });
    }
  }
  if (bisOffset === 20 || (gender !== "MALE" && gender !== "FEMALE")) return;
  const male = Number(insz.slice(6, 9)) % 2 === 1;
  if (male !== (gender === "MALE")) {
    throw new CardSystemError("INSZ_INVALID", { field, message: `Het rijksregisternummer (INSZ) past niet bij het geslacht (${gender === "MALE" ? "man" : "vrouw"}).` });
  }
}
