import type { Role, User } from "@prisma/client";
import { plainQuery } from "../db/plain-query.js";
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

interface ActorRow extends Record<string, unknown> {
  id: number;
  email: string;
  role: Role;
  municipalityId: number | null;
  mayViewInsz: boolean;
  active: boolean;
  lockedUntilMs: number | null;
  counterIds: number[];
}

/**
 * The staff actor behind a session's user id, with their counters, or null when the account may not act (gone,
 * inactive, locked). Every backoffice and desk request reads it: one plain statement, the lock as epoch milliseconds.
 */
export async function loadStaffActor(db: Db, userId: number): Promise<StaffActor | null> {
  const [user] = await plainQuery<ActorRow>(
    db,
    `SELECT u."id", u."email", u."role"::text AS "role", u."municipalityId", u."mayViewInsz", u."active",
  (extract(epoch FROM u."lockedUntil") * 1000)::float8 AS "lockedUntilMs",
  COALESCE(array_agg(s."counterId" ORDER BY s."counterId") FILTER (WHERE s."counterId" IS NOT NULL), '{}') AS "counterIds"
FROM "User" u LEFT JOIN "CounterStaff" s ON s."userId" = u."id"
WHERE u."id" = $1
GROUP BY u."id"`,
    [userId],
  );
  if (!user || !userMayAct({ active: user.active, lockedUntil: user.lockedUntilMs === null ? null : new Date(user.lockedUntilMs) })) return null;
  return staffActorOf({ ...user, counters: user.counterIds.map((counterId) => ({ counterId })) });
}
