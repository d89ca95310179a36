import type { Role } from "@prisma/client";

/** A staff member (backoffice or counter desk) as the rules see them, read fresh from the database for each request. */
export interface StaffActor {
  kind: "STAFF";
  userId: number;
  email: string;
  role: Role;
  municipalityId: number | null;
  /** The counters they work at; a counter staff member acts for these counters only. */
  counterIds: readonly number[];
  mayViewInsz: boolean;
}

/** A passholder signed in to the portal: acts for themself only. */
export interface PassholderActor {
  kind: "PASSHOLDER";
  passholderId: string;
  /** How they reached us, as the ledger names it ("QR-code", "code getypt"); "portaal" when not given. */
  via?: string;
}

/** A pillar (zuil) saving a point for the card held against it. */
export interface PillarActor {
  kind: "PILLAR";
  pillarId: number;
  cid: string;
}

/** The system itself: seeds, scheduled jobs, command-line tools. Never built from a request. */
export interface SystemActor {
  kind: "SYSTEM";
  name: string;
}

export type Actor = StaffActor | PassholderActor | PillarActor | SystemActor;

/** Where a request came from, for the audit trail. */
export interface RequestMeta {
  ip?: string;
  userAgent?: string;
}

/** What every use case that reads or changes a passholder's data receives besides its own input. */
export interface Caller {
  actor: Actor;
  request?: RequestMeta;
}

export function systemActor(name: string): SystemActor {
  return { kind: "SYSTEM", name };
}

export function passholderActor(passholderId: string, via?: string): PassholderActor {
  return via === undefined ? { kind: "PASSHOLDER", passholderId } : { kind: "PASSHOLDER", passholderId, via };
}

/** How the audit trail and the ledger name the actor. */
export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case "STAFF":
      return actor.email;
    case "PASSHOLDER":
      return `pashouder (${actor.via ?? "portaal"})`;
    case "PILLAR":
      return `zuil ${actor.cid}`;
    case "SYSTEM":
      return actor.name;
  }
}
