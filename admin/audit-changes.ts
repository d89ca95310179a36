/** A value as the audit trail's JSON can hold it. */
function auditValue(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return value.toISOString();
  return value;
}

/**
 * The fields that differ between two rows, with their new values; every filled-in field of a new row when
 * there is no `before`. Sensitive values are blanked later by recordAudit.
 */
export function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown>): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(after)) {
    const next = auditValue(value);
    if (before ? JSON.stringify(auditValue(before[field])) === JSON.stringify(next) : next === null || next === undefined) continue;
    changes[field] = next;
  }
  return changes;
}
