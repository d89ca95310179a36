import { Prisma, type PrismaClient } from "@prisma/client";

export type Tx = Prisma.TransactionClient;
/** What every use case accepts: the client, or a transaction it should join. */
export type Db = PrismaClient | Tx;

/** Runs `work` in a transaction, or inside the caller's transaction when given one. */
export function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return "$transaction" in db ? db.$transaction(work) : work(db);
}

/** True when a unique constraint (or unique index) was violated, optionally only the one named. */
export function isUniqueViolation(error: unknown, indexOrColumn?: string): boolean {
  const known = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
  const raw = !known && /unique constraint|duplicate key/i.test(String((error as Error)?.message ?? ""));
  if (!known && !raw) return false;
  if (!indexOrColumn) return true;
  return JSON.stringify((error as { meta?: unknown }).meta ?? "").includes(indexOrColumn) || String((error as Error).message).includes(indexOrColumn);
}
