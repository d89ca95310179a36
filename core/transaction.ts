import { Prisma, type PrismaClient } from "@prisma/client";
import { CardSystemError } from "./errors.js";

export type Tx = Prisma.TransactionClient;
/** What every use case accepts: the client, or a transaction it should join. */
export type Db = PrismaClient | Tx;

/** The client itself, not a transaction: only the client can connect (a transaction may open nested ones). */
export function isClient(db: Db): db is PrismaClient {
  return "$connect" in db;
}

/**
 * Runs `work` in a transaction, or inside the caller's transaction when given one. When every connection stays
 * busy past the wait limit the caller gets BUSY (503, "try again"), not the driver's own error.
 */
export async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (!isClient(db)) return work(db);
  try {
    return await db.$transaction(work);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2028" && /unable to start a transaction/i.test(error.message)) {
      throw new CardSystemError("BUSY");
    }
    throw error;
  }
}

/** True when a unique constraint (or unique index) was violated, optionally only the one named. */
export function isUniqueViolation(error: unknown, indexOrColumn?: string): boolean {
  const known = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
  const raw = !known && /unique constraint|duplicate key/i.test(String((error as Error)?.message ?? ""));
  if (!known && !raw) return false;
  if (!indexOrColumn) return true;
  return JSON.stringify((error as { meta?: unknown }).meta ?? "").includes(indexOrColumn) || String((error as Error).message).includes(indexOrColumn);
}
