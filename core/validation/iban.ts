import { CardSystemError } from "../errors.js";

function mod97(digits: string): number {
  let remainder = 0;
  for (const char of digits) remainder = (remainder * 10 + Number(char)) % 97;
  return remainder;
}

/**
 * A Belgian IBAN: BEkk + 12 digits, the IBAN checksum (ISO 13616, mod 97 = 1) and the national check:
 * the last two digits of the account number are its first ten digits mod 97 (97 when that is 0).
 */
export function isValidBelgianIban(value: string): boolean {
  const iban = value.replace(/\s/g, "").toUpperCase();
  if (!/^BE\d{14}$/.test(iban)) return false;
  const rearranged = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (letter) => String(letter.charCodeAt(0) - 55));
  if (mod97(rearranged) !== 1) return false;
  const account = iban.slice(4);
  const national = mod97(account.slice(0, 10)) || 97;
  return national === Number(account.slice(10));
}

/** Returns the IBAN in groups of four (BE68 5390 0754 7034) or refuses with IBAN_INVALID. */
export function normalizeBelgianIban(input: string, field = "iban"): string {
  const compact = String(input ?? "").replace(/\s/g, "").toUpperCase();
  if (!isValidBelgianIban(compact)) throw new CardSystemError("IBAN_INVALID", { field });
  return compact.replace(/(.{4})/g, "$1 ").trim();
}
