import { TIME_ZONE } from "../core/time/periods.js";

/** Id prefixes of benchmark rows: sequential UUIDs keep index inserts at the end of the b-tree. */
export const scaleIds = {
  passholder: "5ca1e000",
  checkin: "5ca1e001",
  ledger: "5ca1e002",
  ticket: "5ca1e003",
  redemption: "5ca1e004",
  redemptionLedger: "5ca1e005",
  event: "5ca1e0e0",
} as const;

/** Benchmark card numbers: this prefix, an 8-digit sequence and the Luhn digit. */
export const SCALE_CARD_PREFIX = "0910";

/** A UUID (as SQL) whose last 12 hex digits are the number `n` (an SQL bigint expression). */
export function scaleUuidSql(prefix: string, n: string): string {
  return `('${prefix}-0000-4000-8000-' || lpad(to_hex((${n})::bigint), 12, '0'))::uuid`;
}

export function scaleUuid(prefix: string, n: number): string {
  return `${prefix}-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
}

/** The same UUID under another prefix: a ledger line's id from its check-in's id. */
export function siblingUuidSql(prefix: string, uuid: string): string {
  return `('${prefix}' || substr((${uuid})::text, 9))::uuid`;
}

/** A 13-digit card number: the 12-digit payload plus its Luhn check digit (as cardNumberFrom). */
export function cardNumberSql(payload: string): string {
  return `(${payload} || ((10 - (SELECT sum(CASE WHEN pos % 2 = 0 THEN (d * 2) / 10 + (d * 2) % 10 ELSE d END)
      FROM (SELECT pos, substr(${payload}, pos, 1)::int AS d FROM generate_series(1, 12) AS pos) AS digits) % 10) % 10)::text)`;
}

/** SQL mirror of periodKey(): the period of a UTC timestamp on the Brussels calendar. */
export function periodKeySql(period: string, at: string): string {
  const local = `((${at}) AT TIME ZONE 'UTC' AT TIME ZONE '${TIME_ZONE}')`;
  return `(CASE ${period}
    WHEN 'ABSOLUTE' THEN 'all'
    WHEN 'DAY' THEN to_char(${local}, 'YYYY-MM-DD')
    WHEN 'WEEK' THEN to_char(${local}, 'IYYY-"W"IW')
    WHEN 'MONTH' THEN to_char(${local}, 'YYYY-MM')
    WHEN 'QUARTER' THEN to_char(${local}, 'YYYY-"Q"Q')
    WHEN 'YEAR' THEN to_char(${local}, 'YYYY') END)`;
}

/** A deterministic pseudo-random integer in [0, modulo) from an SQL expression and a salt. */
export function hashSql(expression: string, salt: string, modulo: number): string {
  return `(abs(hashtext('${salt}' || (${expression})::text)::bigint) % ${modulo})`;
}

/** A UTC instant as the timestamp-without-time-zone literal Prisma stores. */
export function timestampSql(at: Date): string {
  return `('${at.toISOString()}'::timestamptz AT TIME ZONE 'UTC')`;
}
