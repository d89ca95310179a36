import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, randomInt } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import type { Role, StaffTwoFactor } from "@prisma/client";
import type { Actor, RequestMeta, StaffActor } from "../access/actor.js";
import { requireStaff } from "../access/authorize.js";
import { recordAudit } from "../audit/record-audit.js";
import { CardSystemError } from "../errors.js";
import { requireReason } from "../validation/reason.js";
import { inTransaction, type Db } from "../transaction.js";
import { STAFF_KINDS } from "../users/sessions.js";

/** Codes accepted one period (30 s) either side of now: a phone's clock is rarely exact. */
const WINDOW = 1;
const PERIOD = 30;
export const RECOVERY_CODE_COUNT = 10;
// No 0/O, 1/I/L: read aloud or typed from paper.
const RECOVERY_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const ISSUER = "UiTPAS Meetjesland";

/** What a two-factor use case receives: the staff member acting on their own account, and the key material. */
export interface TwoFactorCaller {
  actor: StaffActor;
  request?: RequestMeta;
  /** The server's secret (SESSION_SECRET); the TOTP secret is stored encrypted with a key derived from it. */
  serverSecret: string;
}

/** Which second step a staff member needs after their password: a code, enrolment first, or none. */
export type SecondStep = "code" | "enrol" | null;

export function secondStepFor(user: { role: Role }, twoFactor: Pick<StaffTwoFactor, "enabledAt"> | null, production: boolean): SecondStep {
  if (twoFactor?.enabledAt) return "code";
  return production && user.role === "COORDINATOR" ? "enrol" : null;
}

export async function twoFactorOf(db: Db, userId: number): Promise<StaffTwoFactor | null> {
  return db.staffTwoFactor.findUnique({ where: { userId } });
}

/**
 * Starts (or restarts) enrolment: a fresh secret, stored encrypted and not yet in force. Returns what the
 * enrolment page shows once: the secret and the otpauth:// address for the QR code.
 */
export async function startTwoFactorEnrolment(db: Db, caller: TwoFactorCaller): Promise<{ secret: string; uri: string }> {
  const { actor } = caller;
  const existing = await twoFactorOf(db, actor.userId);
  if (existing?.enabledAt) throw new Error("two-factor already enabled");
  const secret = new Secret({ size: 20 }).base32;
  const stored = encrypt(secret, caller.serverSecret);
  await db.staffTwoFactor.upsert({
    where: { userId: actor.userId },
    create: { userId: actor.userId, secret: stored, recoveryCodes: [] },
    update: { secret: stored, recoveryCodes: [], lastStep: null, enabledAt: null },
  });
  return { secret, uri: totp(secret, actor.email).toString() };
}

/**
 * Puts enrolment in force once the staff member typed a right code from their app; returns the recovery codes,
 * shown this once and stored only as hashes. Null for a wrong code.
 */
export async function confirmTwoFactorEnrolment(db: Db, caller: TwoFactorCaller & { code: string }): Promise<string[] | null> {
  const { actor } = caller;
  return inTransaction(db, async (tx) => {
    const row = await tx.staffTwoFactor.findUnique({ where: { userId: actor.userId } });
    if (!row || row.enabledAt) return null;
    const step = matchingStep(decrypt(row.secret, caller.serverSecret), actor.email, caller.code);
    if (step === null) return null;
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, recoveryCode);
    await tx.staffTwoFactor.update({ where: { userId: actor.userId }, data: { enabledAt: new Date(), lastStep: step, recoveryCodes: codes.map(hashCode) } });
    await recordAudit(tx, { actor, request: caller.request, action: "user.twoFactorEnable", resource: "User", recordId: actor.userId, changes: { recoveryCodes: codes.length } });
    return codes;
  });
}

export type SecondStepResult = "CODE" | "RECOVERY_CODE" | "INVALID";

/**
 * Checks the second step of a sign-in: a code from the app (each accepted once) or a recovery code (gone once
 * used). Every outcome lands in the audit trail.
 */
export async function verifySecondStep(db: Db, caller: TwoFactorCaller & { code: string }): Promise<SecondStepResult> {
  const { actor } = caller;
  return inTransaction(db, async (tx) => {
    const row = await tx.staffTwoFactor.findUnique({ where: { userId: actor.userId } });
    let result: SecondStepResult = "INVALID";
    if (row?.enabledAt) {
      const typed = caller.code.replace(/[\s-]/g, "");
      const step = /^\d{6}$/.test(typed) ? matchingStep(decrypt(row.secret, caller.serverSecret), actor.email, typed) : null;
      if (step !== null) {
        // Conditional, so two requests with the same code cannot both pass.
        const { count } = await tx.staffTwoFactor.updateMany({
          where: { userId: actor.userId, OR: [{ lastStep: null }, { lastStep: { lt: step } }] },
          data: { lastStep: step },
        });
        if (count === 1) result = "CODE";
      } else {
        const hash = hashCode(typed.toUpperCase());
        if (row.recoveryCodes.includes(hash)) {
          const { count } = await tx.staffTwoFactor.updateMany({
            where: { userId: actor.userId, recoveryCodes: { has: hash } },
            data: { recoveryCodes: row.recoveryCodes.filter((candidate) => candidate !== hash) },
          });
          if (count === 1) result = "RECOVERY_CODE";
        }
      }
    }
    const action = result === "INVALID" ? "user.twoFactorFailed" : result === "CODE" ? "user.twoFactorSignIn" : "user.recoveryCodeUsed";
    const changes = result === "RECOVERY_CODE" ? { recoveryCodesLeft: row!.recoveryCodes.length - 1 } : undefined;
    await recordAudit(tx, { actor, request: caller.request, action, resource: "User", recordId: actor.userId, changes });
    return result;
  });
}

/**
 * "Tweestapsverificatie resetten", for a lost phone: a coordinator removes a user's second step, with a reason. Their sessions
 * end too (whoever holds the phone may be signed in); at the next sign-in a coordinator enrols again in production,
 * others may. Audited; false when the user had none.
 */
export async function resetTwoFactor(db: Db, input: { userId: number; actor: Actor; request?: RequestMeta; reason: string }): Promise<boolean> {
  if (input.actor.kind !== "SYSTEM" && requireStaff(input.actor).role !== "COORDINATOR") throw new CardSystemError("NOT_ALLOWED");
  const reason = requireReason(input.reason);
  return inTransaction(db, async (tx) => {
    if (!(await tx.user.findUnique({ where: { id: input.userId }, select: { id: true } }))) throw new CardSystemError("NOT_FOUND");
    const { count } = await tx.staffTwoFactor.deleteMany({ where: { userId: input.userId } });
    if (count === 0) return false;
    const ended = await tx.session.deleteMany({ where: { userId: input.userId, kind: { in: STAFF_KINDS } } });
    await recordAudit(tx, { actor: input.actor, request: input.request, action: "user.twoFactorReset", resource: "User", recordId: input.userId, changes: { reason, sessionsEnded: ended.count } });
    return true;
  });
}

function totp(secret: string, email: string): TOTP {
  return new TOTP({ issuer: ISSUER, label: email, algorithm: "SHA1", digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });
}

/** The time step the code belongs to, or null when it matches none within the window. */
function matchingStep(secret: string, email: string, code: string): number | null {
  const typed = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(typed)) return null;
  const delta = totp(secret, email).validate({ token: typed, window: WINDOW });
  return delta === null ? null : Math.floor(Date.now() / 1000 / PERIOD) + delta;
}

function recoveryCode(): string {
  const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]!);
  return `${chars.slice(0, 5).join("")}-${chars.slice(5).join("")}`;
}

// Ten random characters of 31: no salt or slow hash needed against guessing from a stolen table.
const hashCode = (code: string) => createHash("sha256").update(code.replace(/[\s-]/g, "").toUpperCase()).digest("base64url");

function keyOf(serverSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", serverSecret, "uitpas-two-factor", "totp-secret", 32));
}

function encrypt(text: string, serverSecret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyOf(serverSecret), iv);
  const data = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(".");
}

function decrypt(stored: string, serverSecret: string): string {
  const [version, iv, tag, data] = stored.split(".");
  if (version !== "v1" || !iv || !tag || !data) throw new Error("unreadable two-factor secret");
  const decipher = createDecipheriv("aes-256-gcm", keyOf(serverSecret), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}
