import type { User } from "@prisma/client";
import type { Db } from "../transaction.js";
import type { StaffActor } from "./actor.js";

/** What to read with a user to build their actor: the counters they work at. */
export const withCounters = { counters: { select: { counterId: true } } } as const;

export type UserWithCounters = Pick<User, "id" | "email" | "role" | "municipalityId" | "mayViewInsz"> & { counters: { counterId: number }[] };

/** An account that may act now: active and not locked. */
export function userMayAct(user: Pick<User, "active" | "lockedUntil">, now = new Date()): boolean {
  return user.active && !(user.lockedUntil && user.lockedUntil > now);
}

/** The staff actor of a user read with `withCounters`; whether the account may act is the caller's check. */
export function staffActorOf(user: UserWithCounters): StaffActor {
  return {
    kind: "STAFF",
    userId: user.id,
    email: user.email,
    role: user.role,
    municipalityId: user.municipalityId,
    counterIds: user.counters.map((row) => row.counterId),
    mayViewInsz: user.mayViewInsz,
  };
}

/** The staff actor behind a session's user id, with their counters, or null when the account may not act (gone, inactive, locked). */
export async function loadStaffActor(db: Db, userId: number): Promise<StaffActor | null> {
  const user = await db.user.findUnique({ where: { id: userId }, include: withCounters });
  return user && userMayAct(user) ? staffActorOf(user) : null;
}
