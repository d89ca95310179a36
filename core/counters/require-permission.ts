import type { Counter, PermissionGroup } from "@prisma/client";
import { CardSystemError, type ErrorCode } from "../errors.js";
import type { Db } from "../transaction.js";

/** Loads a counter and refuses with `refusal` unless it belongs to one of the permission groups. */
export async function counterWithPermission(
  db: Db,
  counterId: number,
  groups: PermissionGroup[],
  refusal: ErrorCode,
): Promise<Counter> {
  const counter = await db.counter.findUnique({ where: { id: counterId } });
  if (!counter) throw new CardSystemError("COUNTER_NOT_FOUND", { field: "counterId" });
  if (!counter.permissionGroups.some((group) => groups.includes(group))) throw new CardSystemError(refusal, { field: "counterId" });
  return counter;
}
