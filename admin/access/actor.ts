import type { PrismaClient, Role } from "@prisma/client";
import type { ActionContext } from "adminjs";
import { isBackofficeUser } from "../authenticate.js";

/** The signed-in backoffice user as the access rules need it, read fresh from the database. */
export interface Actor {
  id: number;
  email: string;
  role: Role;
  municipalityId: number | null;
  mayViewInsz: boolean;
}

// One lookup per request: AdminJS hands the same context to find, count and the populator.
const actors = new WeakMap<object, Promise<Actor | null>>();

/**
 * The actor behind an AdminJS call, or null when there is none that may use the backoffice (no session,
 * deactivated, counter staff). The session is not trusted for mayViewInsz, which it does not carry.
 */
export function actorOf(client: PrismaClient, context: Partial<ActionContext> | undefined): Promise<Actor | null> {
  const adminId = (context?.currentAdmin as { id?: unknown } | undefined)?.id;
  if (!context || typeof adminId !== "number") return Promise.resolve(null);
  let actor = actors.get(context);
  if (!actor) {
    actor = client.user.findUnique({ where: { id: adminId } }).then((user) =>
      user && isBackofficeUser(user)
        ? { id: user.id, email: user.email, role: user.role, municipalityId: user.municipalityId, mayViewInsz: user.mayViewInsz }
        : null,
    );
    actors.set(context, actor);
  }
  return actor;
}
