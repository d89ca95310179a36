import type { Counter, PermissionGroup, Prisma } from "@prisma/client";
import type { Actor } from "../access/actor.js";
import { mayActAtCounter, requireStaff } from "../access/authorize.js";
import type { Db } from "../transaction.js";

export interface DeskCounter {
  id: number;
  name: string;
  municipality: string;
  permissionGroups: PermissionGroup[];
}

/**
 * The counters a staff member may work at the desk for: counter staff their own, a municipal administrator
 * those of their municipality, a coordinator every counter; optionally only names containing `search`.
 */
export async function deskCounters(db: Db, { actor, search, limit = 200 }: { actor: Actor; search?: string; limit?: number }): Promise<DeskCounter[]> {
  const staff = requireStaff(actor);
  const scope: Prisma.CounterWhereInput =
    staff.role === "COORDINATOR" ? {} : staff.role === "MUNICIPAL_ADMIN" ? { municipalityId: staff.municipalityId ?? -1 } : { id: { in: [...staff.counterIds] } };
  const words = search?.trim().slice(0, 100);
  const counters = await db.counter.findMany({
    where: { AND: [scope, words ? { name: { contains: words, mode: "insensitive" } } : {}] },
    include: { municipality: { select: { name: true } } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: limit,
  });
  return counters.map((counter) => ({ id: counter.id, name: counter.name, municipality: counter.municipality.name, permissionGroups: counter.permissionGroups }));
}

/** The counter the staff member works at now, with its municipality's name; null when they may no longer work there. */
export async function currentDeskCounter(db: Db, actor: Actor, counterId: number): Promise<(Counter & { municipality: { name: string } }) | null> {
  const counter = await db.counter.findUnique({ where: { id: counterId }, include: { municipality: { select: { name: true } } } });
  return counter && mayActAtCounter(actor, counter) ? counter : null;
}
