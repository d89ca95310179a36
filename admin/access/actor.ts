import type { PrismaClient, User } from "@prisma/client";
import type { ActionContext } from "adminjs";
import type { StaffActor } from "../../core/access/actor.js";
import { staffActorOf, withCounters, type UserWithCounters } from "../../core/access/load-actor.js";
import { isBackofficeUser } from "../authenticate.js";

/** The signed-in backoffice user as core's access rules see them, read fresh from the database. */
export type Actor = StaffActor;

// One lookup per request: AdminJS hands the same context to find, count and the populator.
const actors = new WeakMap<object, Promise<Actor | null>>();
// Actors read by refreshSessionUser at the start of this request, keyed by the session user it put in place.
const sessionActors = new WeakMap<object, Actor>();

/** The actor of a user read with core's `withCounters`, or null when they may not use the backoffice. */
export function actorFromUser(user: User & UserWithCounters): Actor | null {
  return isBackofficeUser(user) ? staffActorOf(user) : null;
}

/** Reads a user with what their actor needs. */
export function findActorUser(client: PrismaClient, userId: number) {
  return client.user.findUnique({ where: { id: userId }, include: withCounters });
}

/** Lets actorOf use the user this request has already read for `sessionUser` (its currentAdmin) instead of reading it again. */
export function rememberActor(sessionUser: object, actor: Actor): void {
  sessionActors.set(sessionUser, actor);
}

/**
 * The actor behind an AdminJS call, or null when there is none that may use the backoffice (no session,
 * deactivated, counter staff). The session is not trusted for mayViewInsz, which it does not carry.
 */
export function actorOf(client: PrismaClient, context: Partial<ActionContext> | undefined): Promise<Actor | null> {
  const adminId = (context?.currentAdmin as { id?: unknown } | undefined)?.id;
  if (!context || typeof adminId !== "number") return Promise.resolve(null);
  const known = sessionActors.get(context.currentAdmin as object);
  if (known) return Promise.resolve(known);
  let actor = actors.get(context);
  if (!actor) {
    actor = findActorUser(client, adminId).then((user) => user && actorFromUser(user));
    actors.set(context, actor);
  }
  return actor;
}
