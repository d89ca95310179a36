import { expect } from "vitest";
import { isCardSystemError, type ErrorCode } from "../../core/errors.js";

/** Awaits a use case that must be refused with `code`; returns the error for further checks. */
export async function expectRefusal(work: Promise<unknown>, code: ErrorCode) {
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isCardSystemError(error)) throw new Error(`expected refusal ${code}, got ${error === undefined ? "success" : String(error)}`);
  expect(error.code).toBe(code);
  expect(error.message.length).toBeGreaterThan(5);
  return error;
}

/** Codes of rejected promises, for concurrency tests. */
export function refusalCodes(results: PromiseSettledResult<unknown>[]): string[] {
  return results
    .filter((result): result is PromiseRejectedResult => result.status === "rejected")
    .map((result) => (isCardSystemError(result.reason) ? result.reason.code : `UNEXPECTED: ${String(result.reason)}`));
}

/** The refusal a synchronous rule throws, as code, field and message; throws when it is not refused. */
export function refusalOf(work: () => unknown): { code: ErrorCode; field?: string; message: string } {
  try {
    work();
  } catch (error) {
    if (isCardSystemError(error)) return { code: error.code, field: error.field, message: error.message };
    throw error;
  }
  throw new Error("expected a refusal");
}
