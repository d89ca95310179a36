import { CardSystemError, type ErrorCode } from "../errors.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** An id from a URL or form must have the right shape before it reaches the database; otherwise it is simply not found. */
export function requireUuid(value: unknown, field: string, notFound: ErrorCode): string {
  if (typeof value !== "string" || !UUID.test(value)) throw new CardSystemError(notFound, { field });
  return value.toLowerCase();
}

export function requireIntId(value: unknown, field: string, notFound: ErrorCode): number {
  const id = typeof value === "number" ? value : typeof value === "string" && /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) throw new CardSystemError(notFound, { field });
  return id;
}
