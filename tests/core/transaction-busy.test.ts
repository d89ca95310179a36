import { Prisma, type PrismaClient } from "@prisma/client";
import { describe, expect, it } from "vitest";
import { inTransaction } from "../../core/transaction.js";
import { expectRefusal } from "../helpers/refusal.js";

// As Prisma's transaction manager reports a transaction that found no free connection within maxWait.
const noConnection = new Prisma.PrismaClientKnownRequestError("Transaction API error: Unable to start a transaction in the given time.", {
  code: "P2028",
  clientVersion: Prisma.prismaVersion.client,
});
const failing = (error: unknown) => ({ $connect: () => undefined, $transaction: () => Promise.reject(error) }) as unknown as PrismaClient;

describe("a transaction that cannot start", () => {
  it("is refused as BUSY (503, try again), not with the driver's own error", async () => {
    const refusal = await expectRefusal(inTransaction(failing(noConnection), async () => "never"), "BUSY");
    expect(refusal.status).toBe(503);
    expect(refusal.message).toMatch(/druk/);
  });

  it("passes other transaction errors on unchanged", async () => {
    const closed = new Prisma.PrismaClientKnownRequestError("Transaction API error: Transaction already closed.", { code: "P2028", clientVersion: Prisma.prismaVersion.client });
    await expect(inTransaction(failing(closed), async () => "never")).rejects.toBe(closed);
  });
});
