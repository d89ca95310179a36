import { brandingOf } from "../../templates/branding.js";
import { SIGN_IN_LINK_MINUTES, type SignInLink } from "../portal/sign-in-links.js";
import type { Db } from "../transaction.js";
import { SIGN_IN_LINK_PLACEHOLDER } from "./mail-secrets.js";
import { queueMail } from "./queue-mail.js";

/**
 * Puts a portal sign-in mail in the outbox. The outbox, its preview and any .eml file keep the link as
 * …/aanmelden/[aanmeldlink]; the token itself stays in this process's memory until the mail worker sends it.
 */
export async function queueSignInMail(db: Db, { publicUrl, link }: { publicUrl: string; link: SignInLink }): Promise<void> {
  const cardSystem = await db.cardSystem.findUniqueOrThrow({ where: { id: link.cardSystemId } });
  await queueMail(db, {
    template: "portal-sign-in",
    to: link.to,
    queuedBy: "portaal",
    data: { branding: brandingOf(cardSystem), firstName: link.firstName, signInUrl: `${publicUrl}/aanmelden/${SIGN_IN_LINK_PLACEHOLDER}`, validMinutes: SIGN_IN_LINK_MINUTES },
    secrets: { values: { [SIGN_IN_LINK_PLACEHOLDER]: link.token }, until: link.expiresAt },
  });
}
