import type { Database } from "../core/db/database.js";
import { queueSignInMail } from "../core/mail/sign-in-mail.js";
import type { PendingSignInLink } from "../core/portal/sign-in-links.js";
import type { Config } from "../server/config.js";

/**
 * Finishes a sign-in request whose answer went out: looks the passholder up and, if there is one, creates the
 * link and puts the mail in the outbox (the mail worker sends it). The lookup, the link and the rendering take
 * time, and an answer that took longer for known addresses would tell which ones are known. The promise it returns
 * (never rejected) settles when that is done.
 */
export function signInMailer(config: Config, db: Database): (pending: PendingSignInLink) => Promise<void> {
  const queue = async (pending: PendingSignInLink) => {
    const link = await pending(db.prisma);
    if (!link) return;
    await queueSignInMail(db.prisma, { publicUrl: config.publicUrl, link });
  };
  return (pending) => queue(pending).catch((error: unknown) => console.error("Aanmeldmail niet in de wachtrij gezet:", error));
}
