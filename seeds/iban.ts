import { isValidBelgianIban, normalizeBelgianIban } from "../core/validation/iban.js";
import type { Random } from "./random.js";

function mod97(digits: string): number {
  let remainder = 0;
  for (const char of digits) remainder = (remainder * 10 + Number(char)) % 97;
  return remainder;
}

/** A Belgian IBAN for a 10-digit bank + account base: national check (mod 97, 97 for 0) and ISO 13616 check digits. */
export function belgianIbanFor(base: string): string {
  if (!/^\d{10}$/.test(base)) throw new Error(`IBAN base must be 10 digits, got ${base}`);
  const account = base + String(mod97(base) || 97).padStart(2, "0");
  // "BE00" moved to the end, letters as numbers: B = 11, E = 14.
  const check = String(98 - mod97(`${account}111400`)).padStart(2, "0");
  const iban = `BE${check}${account}`;
  if (!isValidBelgianIban(iban)) throw new Error(`generated an invalid IBAN ${iban}`);
  return normalizeBelgianIban(iban);
}

export function randomBelgianIban(random: Random): string {
  let base = "";
  for (let i = 0; i < 10; i++) base += String(random.int(0, 9));
  return belgianIbanFor(base);
}
