import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";

export interface OutgoingMail {
  id: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  replyTo: string | null;
  /** The mail as the outbox keeps it (secrets replaced by placeholders): what an .eml file holds. */
  stored?: { html: string; text: string };
}

export interface DeliveryReceipt {
  messageId: string;
  /** Path of the written .eml file, relative to the data folder, when no mail server is configured. */
  emlFile?: string;
}

export interface MailTransport {
  /** "smtp" sends to the mail server; "file" keeps the mail as an .eml file. */
  readonly kind: "smtp" | "file";
  deliver(mail: OutgoingMail): Promise<DeliveryReceipt>;
  close(): void;
}

export interface MailTransportOptions {
  smtpUrl?: string;
  mailFrom: string;
  /** The data folder; mails without a mail server land in its `mail/` folder. */
  dataDir: string;
  /**
   * Development without a mail server: the .eml file holds the stored mail without its secrets, so print the
   * lines that carry them (a sign-in link) on the console, or nobody could try the portal.
   */
  printSecretLines?: boolean;
}

// A hanging mail server must not hold the outbox row's transaction for long: together these stay below the
// database's 30 s transaction limit, so a timeout is recorded as a failed attempt rather than rolled back.
const SMTP_TIMEOUTS = { connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 15_000 };

/** nodemailer over SMTP_URL, or, without one (the embedded default), .eml files a demo user can open. */
export function createMailTransport(options: MailTransportOptions): MailTransport {
  const envelope = (mail: OutgoingMail, { html, text }: { html: string; text: string } = mail) => ({
    from: options.mailFrom,
    to: mail.to,
    ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
    subject: mail.subject,
    html,
    text,
  });
  if (options.smtpUrl) {
    const transporter = nodemailer.createTransport({ url: options.smtpUrl, ...SMTP_TIMEOUTS });
    return {
      kind: "smtp",
      async deliver(mail) {
        const info = await transporter.sendMail(envelope(mail));
        return { messageId: info.messageId };
      },
      close: () => transporter.close(),
    };
  }
  const writer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    kind: "file",
    async deliver(mail) {
      const info = await writer.sendMail(envelope(mail, mail.stored));
      if (options.printSecretLines && mail.stored) printSecretLines(mail, mail.stored.text);
      const emlFile = path.join("mail", new Date().toISOString().slice(0, 10), `${mail.id}.eml`);
      const target = path.join(options.dataDir, emlFile);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, info.message as Buffer);
      return { messageId: info.messageId, emlFile };
    },
    close: () => writer.close(),
  };
}

function printSecretLines(mail: OutgoingMail, storedText: string): void {
  const stored = storedText.split("\n");
  const lines = mail.text.split("\n").filter((line, index) => line !== stored[index]);
  if (lines.length > 0) console.log(`Mail aan ${mail.to} (zonder mailserver; het .eml-bestand bevat deze regels niet):\n  ${lines.join("\n  ")}`);
}
