import type { RequestMeta, StaffActor } from "../core/access/actor.js";
import type { Database } from "../core/db/database.js";
import type { Config } from "../server/config.js";
import type { SecondStep } from "../core/auth/two-factor.js";
import type { StaffSecondStep, StaffSignIn } from "../server/staff-sign-in.js";

/** A result or refusal shown once on the next page (post/redirect/get). */
export interface DeskFlash {
  kind: "success" | "error" | "info";
  title: string;
  lines: string[];
  /** A code to hand over (an advantage's unique code), shown large. */
  code?: string;
}

/** What the desk keeps in its session besides the user: the counter and activity chosen, and the next page's message. */
export interface DeskSessionState {
  deskUserId?: number;
  /** Passed the password, still to type the code of their two-factor app: not signed in yet. */
  deskPendingUserId?: number;
  deskCounterId?: number;
  /** The activity last chosen at this counter, offered first for the next card. */
  deskEventId?: string;
  /** Counters chosen before, most recent first, for "Selecteer je balie". */
  deskRecentCounterIds?: number[];
  deskFlash?: DeskFlash;
}

/** What Express hands every desk page as Astro.locals. */
export interface DeskLocals {
  area: "desk";
  db: Database;
  config: Config;
  /** The signed-in staff member, read fresh from the database for this request. */
  actor?: StaffActor;
  /** The session's desk state; pages change it in place and Express saves it with the answer. */
  session: DeskSessionState;
  /** Goes into every form as the field `csrf`. */
  csrfToken: string;
  request: RequestMeta;
  /** This session's row in the Session table (a hash of the cookie's id): "deze sessie" in the list of one's sessions. */
  sessionRowId: string;
  /** Checks the password (rate-limited like the backoffice). */
  checkPassword(email: unknown, password: unknown): Promise<StaffSignIn>;
  /** What the user must still do after the password: type a code, enrol in the backoffice first, or nothing. */
  secondStep(userId: number): Promise<SecondStep>;
  /** Starts a new session (new id) that holds only the passed password, until `checkSecondStep` passes. */
  awaitSecondStep(userId: number): Promise<void>;
  /** Checks the code for the pending user (rate-limited and audited like the backoffice). */
  checkSecondStep(userId: number, code: unknown): Promise<StaffSecondStep>;
  /** Starts a new session (new id) for the user. */
  signIn(userId: number): Promise<void>;
  signOut(): Promise<void>;
}
