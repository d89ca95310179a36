import type { Session, SessionKind, User } from "@prisma/client";
import type { Actor, RequestMeta } from "../access/actor.js";
import { requireStaff } from "../access/authorize.js";
import { recordAudit } from "../audit/record-audit.js";
import { CardSystemError } from "../errors.js";
import { requireReason } from "../validation/reason.js";
import { inTransaction, type Db, type Tx } from "../transaction.js";

/** A staff account's sessions: the backoffice's and the desk's. */
export const STAFF_KINDS: SessionKind[] = ["ADMIN", "DESK"];

/** Why a user's sessions ended, as the audit row says it. */
export type SessionEndReason = "op verzoek" | "wachtwoord gewijzigd" | "gedeactiveerd" | "rol gewijzigd";

export type UserSession = Pick<Session, "id" | "kind" | "createdAt" | "expiresAt">;

/** Only the user themself and a coordinator see or end a user's sessions. */
function requireSelfOrCoordinator(actor: Actor, userId: number): void {
  if (actor.kind === "SYSTEM") return;
  const staff = requireStaff(actor);
  if (staff.userId !== userId && staff.role !== "COORDINATOR") throw new CardSystemError("NOT_ALLOWED");
}

/** The user's open sessions, newest first (ids are hashes of the cookies: they sign nobody in). */
export async function listUserSessions(db: Db, input: { userId: number; actor: Actor; now?: Date }): Promise<UserSession[]> {
  requireSelfOrCoordinator(input.actor, input.userId);
  return db.session.findMany({
    where: { userId: input.userId, kind: { in: STAFF_KINDS }, expiresAt: { gt: input.now ?? new Date() } },
    select: { id: true, kind: true, createdAt: true, expiresAt: true },
    orderBy: { createdAt: "desc" },
  });
}

/**
 * Ends a user's backoffice and desk sessions at once, except `keepSessionId` (the row id of the session asking,
 * so whoever changes their own password stays signed in there). `reason` is one of SessionEndReason after an
 * account change, or typed by the coordinator; without it the user asked. Audited; returns how many ended.
 */
export async function endUserSessions(
  db: Db,
  input: { userId: number; actor: Actor; request?: RequestMeta; keepSessionId?: string; reason?: string },
): Promise<number> {
  requireSelfOrCoordinator(input.actor, input.userId);
  const reason = input.reason === undefined ? undefined : requireReason(input.reason);
  return inTransaction(db, async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true } });
    if (!user) throw new CardSystemError("NOT_FOUND");
    const { count } = await tx.session.deleteMany({
      where: { userId: input.userId, kind: { in: STAFF_KINDS }, ...(input.keepSessionId ? { id: { not: input.keepSessionId } } : {}) },
    });
    await auditEnded(tx, input, count, reason);
    return count;
  });
}

/** Ends one of a user's backoffice or desk sessions by its row id; false when it is not theirs (or already over). Audited. */
export async function endUserSession(
  db: Db,
  input: { userId: number; sessionId: string; actor: Actor; request?: RequestMeta },
): Promise<boolean> {
  requireSelfOrCoordinator(input.actor, input.userId);
  return inTransaction(db, async (tx) => {
    const { count } = await tx.session.deleteMany({ where: { id: input.sessionId, userId: input.userId, kind: { in: STAFF_KINDS } } });
    if (count === 0) return false;
    await auditEnded(tx, input, count);
    return true;
  });
}

function auditEnded(tx: Tx, input: { userId: number; actor: Actor; request?: RequestMeta }, count: number, reason = "op verzoek") {
  return recordAudit(tx, {
    actor: input.actor,
    request: input.request,
    action: "user.end-sessions",
    resource: "User",
    recordId: input.userId,
    changes: { sessionsEnded: count, reason },
  });
}

type AccountFields = Pick<User, "passwordHash" | "active" | "role" | "municipalityId">;

/** Which change to an account ends its other sessions, if any. */
export function sessionEndingChange(before: AccountFields, after: AccountFields): SessionEndReason | undefined {
  if (before.passwordHash !== after.passwordHash) return "wachtwoord gewijzigd";
  if (before.active && !after.active) return "gedeactiveerd";
  if (before.role !== after.role || before.municipalityId !== after.municipalityId) return "rol gewijzigd";
  return undefined;
}
