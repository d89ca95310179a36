import { createHash, randomBytes } from "node:crypto";
import type { Passholder } from "@prisma/client";
import { passholderActor, type RequestMeta } from "../access/actor.js";
import { recordAudit } from "../audit/record-audit.js";
import { CardSystemError } from "../errors.js";
import { inTransaction, isUniqueViolation, type Db } from "../transaction.js";
import { normalizeCardNumber } from "../validation/card-number.js";
import { optionalEmail, requiredDate } from "../validation/fields.js";

export const SIGN_IN_LINK_MINUTES = 15;

/** A link to mail: the token goes in the URL, only its hash is stored. */
export interface SignInLink {
  to: string;
  firstName: string;
  cardSystemId: number;
  token: string;
  expiresAt: Date;
}

const hashOf = (token: string) => createHash("sha256").update(token).digest("base64url");

function requiredEmail(value: unknown): string {
  const email = optionalEmail(value, "email");
  if (!email) throw new CardSystemError("VALIDATION", { field: "email", message: "E-mailadres is verplicht." });
  return email;
}

/** Only portal paths, so a link can never send anyone to another site. */
export function safeReturnTo(value: unknown): string | undefined {
  return typeof value === "string" && /^\/(?!\/)[\w\-/.~%]*$/.test(value) && value.length <= 200 ? value : undefined;
}

async function createLink(db: Db, passholder: Passholder, email: string, returnTo: unknown, at: Date): Promise<SignInLink> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(at.getTime() + SIGN_IN_LINK_MINUTES * 60_000);
  await db.portalSignInToken.create({
    data: { tokenHash: hashOf(token), passholderId: passholder.id, email, returnTo: safeReturnTo(returnTo), createdAt: at, expiresAt },
  });
  return { to: email, firstName: passholder.firstName, cardSystemId: passholder.cardSystemId, token, expiresAt };
}

/**
 * What a sign-in request leaves to do once its answer went out: find the passholder and, if there is one, create
 * the link (undefined otherwise). The answer comes before any of it, so it takes as long and reads the same
 * whether the typed values belong to someone or not; only the typed values are checked at once.
 */
export type PendingSignInLink = (db: Db) => Promise<SignInLink | undefined>;

/** A passholder asks for a sign-in link by email. */
export function signInLinkRequest(input: { email: unknown; returnTo?: unknown; at?: Date }): PendingSignInLink {
  const email = requiredEmail(input.email);
  const at = input.at ?? new Date();
  return async (db) => {
    const passholder = await db.passholder.findUnique({ where: { email } });
    return passholder ? createLink(db, passholder, email, input.returnTo, at) : undefined;
  };
}

export async function requestSignInLink(db: Db, input: Parameters<typeof signInLinkRequest>[0]): Promise<SignInLink | undefined> {
  return signInLinkRequest(input)(db);
}

/**
 * A passholder without a linked email proves who they are with card number and date of birth, and gives the
 * address to link; the link goes there and links it when used. A passholder who already has an address gets
 * the link at that address. No link when the card and date do not match (or the address belongs to someone
 * else), answered like a match.
 */
export function cardLinkRequest(input: { cardNumber: unknown; birthDate: unknown; email: unknown; returnTo?: unknown; at?: Date }): PendingSignInLink {
  const number = normalizeCardNumber(String(input.cardNumber ?? ""), "cardNumber");
  const birthDate = requiredDate(input.birthDate, "birthDate", "Geboortedatum");
  const email = requiredEmail(input.email);
  const at = input.at ?? new Date();
  return async (db) => {
    const card = await db.card.findUnique({ where: { number }, include: { passholder: true } });
    const passholder = card?.passholder;
    if (!passholder || passholder.birthDate.getTime() !== birthDate.getTime()) return undefined;
    if (passholder.email) return createLink(db, passholder, passholder.email, input.returnTo, at);
    const owner = await db.passholder.findUnique({ where: { email }, select: { id: true } });
    return owner ? undefined : createLink(db, passholder, email, input.returnTo, at);
  };
}

export async function requestCardLink(db: Db, input: Parameters<typeof cardLinkRequest>[0]): Promise<SignInLink | undefined> {
  return cardLinkRequest(input)(db);
}

export interface SignedIn {
  passholderId: string;
  /** The passholder's card system: the portal keeps it in the session for the pages' branding. */
  cardSystemId: number;
  /** The portal page the passholder was on when asking for the link. */
  returnTo?: string;
}

/** Uses a link once, within its 15 minutes; links the mailed address to the passholder when it is new. */
export async function signInWithLink(db: Db, input: { token: unknown; request?: RequestMeta; at?: Date }): Promise<SignedIn> {
  const at = input.at ?? new Date();
  const token = typeof input.token === "string" ? input.token : "";
  try {
    return await inTransaction(db, async (tx) => {
      const tokenHash = hashOf(token);
      const used = await tx.portalSignInToken.updateMany({ where: { tokenHash, usedAt: null, expiresAt: { gt: at } }, data: { usedAt: at } });
      if (used.count !== 1) throw new CardSystemError("SIGN_IN_LINK_INVALID", { field: "token" });
      const link = await tx.portalSignInToken.findUniqueOrThrow({ where: { tokenHash }, include: { passholder: { select: { email: true, cardSystemId: true } } } });
      if (link.passholder.email !== link.email) {
        await tx.passholder.update({ where: { id: link.passholderId }, data: { email: link.email } });
        await recordAudit(tx, {
          actor: passholderActor(link.passholderId),
          request: input.request,
          action: "passholder.link-email",
          resource: "Passholder",
          recordId: link.passholderId,
          changes: { email: link.email },
        });
      }
      return { passholderId: link.passholderId, cardSystemId: link.passholder.cardSystemId, returnTo: link.returnTo ?? undefined };
    });
  } catch (error) {
    if (isUniqueViolation(error, "email")) throw new CardSystemError("EMAIL_TAKEN", { field: "email" });
    throw error;
  }
}

/** Forgets links that expired more than a day ago. */
export async function pruneSignInLinks(db: Db, now = new Date()): Promise<number> {
  const { count } = await db.portalSignInToken.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - 24 * 60 * 60_000) } } });
  return count;
}
