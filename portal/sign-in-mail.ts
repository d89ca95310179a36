import type { Database } from "../core/db/database.js";
import { queueMail } from "../core/mail/queue-mail.js";
import { SIGN_IN_LINK_MINUTES, type SignInLink } from "../core/portal/sign-in-links.js";
import type { Config } from "../server/config.js";
import { brandingOf } from "../templates/branding.js";

/**
 * Puts the sign-in mail in the outbox (the mail worker sends it). Runs after the answer went out: rendering
 * the mail takes time, and an answer that took longer for known addresses would tell which ones are known.
 */
export function signInMailer(config: Config, db: Database): (link: SignInLink) => void {
  const queue = async (link: SignInLink) => {
    const cardSystem = await db.prisma.cardSystem.findUniqueOrThrow({ where: { id: link.cardSystemId } });
    await queueMail(db.prisma, {
      template: "portal-sign-in",
      to: link.to,
      queuedBy: "portaal",
      data: { branding: brandingOf(cardSystem), firstName: link.firstName, signInUrl: `${config.publicUrl}/aanmelden/${link.token}`, validMinutes: SIGN_IN_LINK_MINUTES },
    });
  };
  return (link) => {
    queue(link).catch((error: unknown) => console.error(`Aanmeldmail naar ${link.to} niet in de wachtrij gezet:`, error));
  };
}
