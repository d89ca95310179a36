import { CardSystemError } from "../errors.js";
import { storableText } from "./fields.js";

/** Cancellations, removals, blocks and corrections are recorded with a reason a colleague can read later. */
export function requireReason(reason: string | undefined, field = "reason"): string {
  const text = String(reason ?? "").trim();
  if (text.length < 3) throw new CardSystemError("VALIDATION", { field, message: "Geef een reden op (minstens 3 tekens)." });
  if (text.length > 500) throw new CardSystemError("VALIDATION", { field, message: "De reden mag hoogstens 500 tekens lang zijn." });
  return storableText(text, field, "De reden");
}
