import type { Counter } from "@prisma/client";
import type { StaffActor } from "../../../../core/access/actor.js";
import { counterForActor } from "../../../../core/access/authorize.js";
import { currentDeskCounter, deskCounters } from "../../../../core/desk/desk-counters.js";
import type { DeskLocals } from "../../../../desk/locals.js";

export interface DeskContext {
  actor: StaffActor;
  counter: Counter & { municipality: { name: string } };
  /** May register passholders, block cards and give new ones (a registration permission group). */
  mayRegister: boolean;
  /** Authorised registration: also with kansenstatuut, and without INSZ. */
  authorised: boolean;
  /** Check-in & ticket: points, kansentarief, advantages, coupons. */
  mayCheckIn: boolean;
}

export const CHOOSE_COUNTER = "/balie/balies";

/** Remembers the counter the staff member works at now (checked by core), most recent first in the list. */
export async function chooseCounter(locals: DeskLocals, counterId: unknown): Promise<Counter> {
  const counter = await counterForActor(locals.db.prisma, locals.actor!, counterId);
  const { session } = locals;
  if (session.deskCounterId !== counter.id) session.deskEventId = undefined;
  session.deskCounterId = counter.id;
  session.deskRecentCounterIds = [counter.id, ...(session.deskRecentCounterIds ?? []).filter((id) => id !== counter.id)].slice(0, 5);
  return counter;
}

/**
 * The signed-in staff member and the counter they work at now, or where to go first: a user of one counter gets
 * it at once; a user of several (or none) chooses.
 */
export async function deskContext(locals: DeskLocals): Promise<DeskContext | { redirect: string }> {
  const actor = locals.actor;
  if (!actor) return { redirect: "/balie/aanmelden" };
  const prisma = locals.db.prisma;
  let counterId = locals.session.deskCounterId;
  if (counterId === undefined) {
    const counters = await deskCounters(prisma, { actor, limit: 2 });
    if (counters.length !== 1) return { redirect: CHOOSE_COUNTER };
    counterId = (await chooseCounter(locals, counters[0]!.id)).id;
  }
  const counter = await currentDeskCounter(prisma, actor, counterId);
  // The counter remembered in the session may since have been taken from them (or removed).
  if (!counter) {
    locals.session.deskCounterId = undefined;
    return { redirect: CHOOSE_COUNTER };
  }
  const groups = counter.permissionGroups;
  return {
    actor,
    counter,
    authorised: groups.includes("AUTHORISED_REGISTRATION"),
    mayRegister: groups.includes("AUTHORISED_REGISTRATION") || groups.includes("NON_AUTHORISED_REGISTRATION"),
    mayCheckIn: groups.includes("CHECKIN_TICKET"),
  };
}
