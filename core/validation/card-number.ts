import { CardSystemError } from "../errors.js";

/** Luhn check digit over the first 12 digits (UiTPAS numbers such as 0900000095902 carry one). */
export function luhnCheckDigit(payload: string): number {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    let digit = Number(payload[payload.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidCardNumber(value: string): boolean {
  return /^\d{13}$/.test(value) && luhnCheckDigit(value.slice(0, 12)) === Number(value[12]);
}

/** Accepts spaces and dots as typed at a counter; returns the 13 digits or refuses with CARD_NUMBER_INVALID. */
export function normalizeCardNumber(input: string, field = "cardNumber"): string {
  const digits = String(input ?? "").replace(/[\s.]/g, "");
  if (!isValidCardNumber(digits)) throw new CardSystemError("CARD_NUMBER_INVALID", { field });
  return digits;
}

/** A valid card number from a 12-digit payload (e.g. a prefix plus a sequence number). */
export function cardNumberFrom(payload: string): string {
  if (!/^\d{12}$/.test(payload)) throw new Error(`card number payload must be 12 digits, got ${payload}`);
  return payload + luhnCheckDigit(payload);
}
