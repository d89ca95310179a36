import type { PrismaClient } from "@prisma/client";
import { describe, expect, it } from "vitest";
import { isTransientConflict, retryOnConflict } from "../../core/retry-on-conflict.js";
import type { Db } from "../../core/transaction.js";
import { expectRefusal } from "../helpers/refusal.js";

// Shapes as Prisma reports them through the PostgreSQL driver adapter.
const deadlock = Object.assign(new Error("Raw query failed."), {
  code: "P2010",
  meta: { driverAdapterError: { cause: { originalCode: "40P01", kind: "postgres", code: "40P01", message: "deadlock detected" } } },
});
const uniqueViolation = Object.assign(new Error("Unique constraint failed"), {
  code: "P2002",
  meta: { driverAdapterError: { cause: { originalCode: "23505", kind: "UniqueConstraintViolation" } } },
});
const client = { $connect: () => undefined, $transaction: () => undefined } as unknown as PrismaClient;
// A transaction client may open nested transactions (savepoints), but it cannot connect.
const insideTransaction = { $transaction: () => undefined } as unknown as Db;

describe("retrying after a deadlock or serialization failure", () => {
  it("recognises deadlocks and write conflicts, not other errors", () => {
    expect(isTransientConflict(deadlock)).toBe(true);
    expect(isTransientConflict({ code: "P2034", message: "Transaction failed due to a write conflict or a deadlock" })).toBe(true);
    expect(isTransientConflict(uniqueViolation)).toBe(false);
    expect(isTransientConflict(new Error("Failing row contains (40001, …)"))).toBe(false);
  });

  it("tries again when it owns the transaction", async () => {
    let calls = 0;
    const result = await retryOnConflict(client, async () => {
      calls++;
      if (calls < 3) throw deadlock;
      return "gelukt";
    });
    expect([result, calls]).toEqual(["gelukt", 3]);
  });

  it("gives up with CONFLICT after the last attempt, and at once inside a caller's transaction", async () => {
    let calls = 0;
    await expectRefusal(retryOnConflict(client, async () => { calls++; throw deadlock; }), "CONFLICT");
    expect(calls).toBe(3);
    calls = 0;
    await expectRefusal(retryOnConflict(insideTransaction, async () => { calls++; throw deadlock; }), "CONFLICT");
    expect(calls).toBe(1);
  });

  it("passes other errors on untouched", async () => {
    await expect(retryOnConflict(client, async () => { throw uniqueViolation; })).rejects.toBe(uniqueViolation);
  });
});
