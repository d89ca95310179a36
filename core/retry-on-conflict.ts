import { CardSystemError } from "./errors.js";
import { isClient, type Db } from "./transaction.js";

const conflictCode = /"(?:originalCode|code)":"(?:40001|40P01)"/;
const conflictText = /deadlock detected|could not serialize access|TransactionWriteConflict/i;

/** The database error as one text: Prisma puts the driver's error in `meta`, the raw adapter error in `cause`. */
export function errorText(error: unknown): string {
  if (!error || typeof error !== "object") return String(error ?? "");
  const { message, meta, cause } = error as { message?: unknown; meta?: unknown; cause?: unknown };
  return `${String(message ?? "")} ${JSON.stringify(meta ?? null)} ${JSON.stringify(cause ?? null)}`;
}

/** A deadlock (40P01) or serialization failure (40001): the database rolled back, trying again is safe. */
export function isTransientConflict(error: unknown): boolean {
  if ((error as { code?: unknown })?.code === "P2034") return true;
  const text = errorText(error);
  return conflictCode.test(text) || conflictText.test(text);
}

/**
 * Runs `attempt` again after a transient conflict when it owns its transaction (db is the client). Inside a
 * caller's transaction nothing can be retried: the caller gets CONFLICT ("probeer opnieuw") instead of a
 * raw database error.
 */
export async function retryOnConflict<T>(db: Db, attempt: () => Promise<T>, attempts = 3): Promise<T> {
  const ownsTransaction = isClient(db);
  for (let round = 1; ; round++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isTransientConflict(error)) throw error;
      if (!ownsTransaction || round >= attempts) throw new CardSystemError("CONFLICT");
    }
  }
}
