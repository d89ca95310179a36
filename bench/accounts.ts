import { randomBytes } from "node:crypto";
import type { PrismaClient, Role } from "@prisma/client";
import { systemActor } from "../core/access/actor.js";
import { recordAudit } from "../core/audit/record-audit.js";
import { hashPassword } from "../core/auth/password.js";
import { createUser } from "../core/users/create-user.js";
import { adminLogin, type Browser } from "../tests/server/http.js";
import type { BenchRole } from "./list-cases.js";

export const BENCH_ACTOR = systemActor("npm run bench");

/**
 * The bench account with this e-mail address, created on the first run; it gets a fresh random password on every
 * run (returned), so no known password stays behind.
 */
export async function benchAccount(prisma: PrismaClient, email: string, role: Role, municipality: string): Promise<{ userId: number; password: string }> {
  const password = randomBytes(24).toString("base64url");
  const existing = await prisma.user.findUnique({ where: { email } });
  if (!existing) {
    const user = await createUser(prisma, { email, name: `Benchmark (${role})`, role, password, municipality, actor: BENCH_ACTOR });
    return { userId: user.id, password };
  }
  const municipalityId = role === "MUNICIPAL_ADMIN" ? (await prisma.municipality.findFirstOrThrow({ where: { name: municipality } })).id : null;
  const passwordHash = await hashPassword(password);
  await prisma.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: existing.id },
      data: { passwordHash, role, municipalityId, active: true, failedLogins: 0, lockedUntil: null },
    });
    await recordAudit(tx, { actor: BENCH_ACTOR, action: "user.password", resource: "User", recordId: existing.id, changes: { passwordHash: "set", municipalityId } });
  });
  return { userId: existing.id, password };
}

/** Signs in to the backoffice with this role's bench account, as a browser would. */
export async function signInForBench(prisma: PrismaClient, base: string, role: BenchRole, municipality: string): Promise<Browser> {
  const email = role === "COORDINATOR" ? "bench.coordinator@uitpas-bench.test" : "bench.gemeente@uitpas-bench.test";
  const { password } = await benchAccount(prisma, email, role, municipality);
  const browser: Browser = {};
  const response = await adminLogin(base, email, password, browser);
  if (response.status !== 302) throw new Error(`bench login as ${email} answered ${response.status}`);
  return browser;
}
