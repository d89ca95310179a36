import type { Prisma } from "@prisma/client";
import { actorLabel, type Caller } from "../access/actor.js";
import type { Tx } from "../transaction.js";

/** Fields whose values never reach the audit trail; only the fact that they changed does. */
export const sensitiveFields = new Set(["insz", "passwordHash"]);

/** Who did it and from where (the caller), and what. */
export interface AuditEntry extends Caller {
  /** What happened, e.g. "card.block", "checkin.correct". */
  action: string;
  resource: string;
  recordId: string | number;
  /** Changed fields and their new values. */
  changes?: Record<string, unknown>;
}

/** Writes an audit row in the same transaction as the change it describes, so neither exists without the other. */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  const changes = entry.changes
    ? Object.fromEntries(Object.entries(entry.changes).map(([field, value]) => [field, sensitiveFields.has(field) ? "[verborgen]" : value]))
    : undefined;
  await tx.auditLog.create({
    data: {
      actor: actorLabel(entry.actor),
      action: entry.action,
      resource: entry.resource,
      recordId: String(entry.recordId),
      changes: changes as Prisma.InputJsonValue | undefined,
      ip: entry.request?.ip,
      userAgent: entry.request?.userAgent,
    },
  });
}
