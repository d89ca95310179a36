// Money is kept in eurocent and read and typed as a Fleming does: "€ 3,50". Pure, also bundled into the backoffice.

const euro = new Intl.NumberFormat("nl-BE", { style: "currency", currency: "EUR" });

/** "€ 3,50" for 350 eurocent; empty for no amount. */
export function formatEuro(cents: number | null | undefined): string {
  return cents === null || cents === undefined || !Number.isFinite(cents) ? "" : euro.format(cents / 100).replace(/\u00a0/g, " ");
}

/** The amount in eurocent of "3,50", "€ 3,50", "3.50", "3" or "1.234,50"; undefined when it is no amount. */
export function parseEuro(text: string): number | undefined {
  const bare = text.replace(/€|eur(o)?/gi, "").replace(/\s/g, "");
  if (!bare) return undefined;
  const match = /^(-?)(\d{1,3}(?:\.\d{3})+|\d+)(?:[,.](\d{1,2}))?$/.exec(bare);
  if (!match) return undefined;
  const whole = Number(match[2]!.replace(/\./g, ""));
  const cents = Number((match[3] ?? "0").padEnd(2, "0"));
  const amount = whole * 100 + cents;
  return match[1] ? -amount : amount;
}
