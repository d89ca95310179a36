import { escapeHtml } from "../../templates/markup.js";

/**
 * Secrets a mail carries (a portal sign-in link) are never stored readable: the outbox row, its preview and the
 * .eml file hold a placeholder, and the real value lives only in this process's memory until it is sent or stops
 * being useful. A restart (or another instance without the value) cannot send such a mail; the passholder asks
 * for a new link, which is what they would do with an expired one anyway.
 */

/** What the outbox shows instead of a sign-in link's token (the link keeps its shape: …/aanmelden/[aanmeldlink]). */
export const SIGN_IN_LINK_PLACEHOLDER = "[aanmeldlink]";

const PLACEHOLDERS = [SIGN_IN_LINK_PLACEHOLDER];

/** No secret is kept longer than this, whatever the caller asks: after it, a mail missing one is given up. */
export const LONGEST_SECRET_MS = 60 * 60_000;

interface Kept {
  values: Record<string, string>;
  until: number;
}

const vault = new Map<string, Kept>();

/** Keeps a mail's secret values (placeholder → value) in memory until `until` (at most an hour). */
export function keepMailSecrets(mailId: string, values: Record<string, string>, until: Date, now = new Date()): void {
  forgetExpired(now.getTime());
  vault.set(mailId, { values, until: Math.min(until.getTime(), now.getTime() + LONGEST_SECRET_MS) });
}

export function forgetMailSecrets(mailId: string): void {
  vault.delete(mailId);
}

/** Whether a stored mail holds a placeholder, so it cannot go out without its secret. */
export function carriesSecret(mail: { text: string; html: string }): boolean {
  return PLACEHOLDERS.some((placeholder) => mail.text.includes(placeholder) || mail.html.includes(placeholder));
}

/** The mail as it must be sent, or undefined when its secret is no longer (or never was) in this process. */
export function revealSecrets<Mail extends { id: string; text: string; html: string }>(mail: Mail, now = new Date()): Mail | undefined {
  if (!carriesSecret(mail)) return mail;
  forgetExpired(now.getTime());
  const kept = vault.get(mail.id);
  if (!kept) return undefined;
  let { text, html } = mail;
  for (const [placeholder, value] of Object.entries(kept.values)) {
    text = text.split(placeholder).join(value);
    html = html.split(placeholder).join(escapeHtml(value));
  }
  return { ...mail, text, html };
}

function forgetExpired(now: number): void {
  for (const [id, kept] of vault) if (kept.until <= now) vault.delete(id);
}
