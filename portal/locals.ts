import type { RequestMeta } from "../core/access/actor.js";
import type { Database } from "../core/db/database.js";
import type { PendingSignInLink } from "../core/portal/sign-in-links.js";
import type { Config } from "../server/config.js";

/** What Express hands every portal page as Astro.locals: no page calls the server over HTTP. */
export interface PortalLocals {
  db: Database;
  config: Config;
  /** The signed-in passholder, if any. */
  passholderId?: string;
  /** Their card system as it was at sign-in (absent in sessions of before it was kept). */
  cardSystemId?: number;
  /** Goes into every form as the field `csrf`; Express refuses posts without it. */
  csrfToken: string;
  /** The client's address as the trusted proxies tell it. */
  ip: string;
  /** Who asks, for core's audit trail: the address above and the browser's user agent. */
  request: RequestMeta;
  /** Starts a new session (new id) for the passholder. */
  signIn(passholderId: string, cardSystemId: number): Promise<void>;
  signOut(): Promise<void>;
  /** Looks the passholder up and mails the link after the answer went out, so the answer tells nothing. */
  sendSignInLink(pending: PendingSignInLink): void;
}
