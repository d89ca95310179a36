import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailbox {
  url: string;
  /** Every mail received so far. */
  mails: ReceivedMail[];
  /** The oldest mail to `to` not taken yet, waiting for it if need be. */
  take(to: string): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/** A real SMTP server on a random local port that keeps every mail it receives. */
export async function startMailbox(): Promise<Mailbox> {
  const mails: ReceivedMail[] = [];
  const taken = new Set<ReceivedMail>();
  let arrived = () => {};
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      simpleParser(stream).then((parsed) => {
        mails.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address).join(","), subject: parsed.subject ?? "", text: parsed.text ?? "" });
        arrived();
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const take = async (to: string): Promise<ReceivedMail> => {
    for (;;) {
      const mail = mails.find((candidate) => candidate.to === to && !taken.has(candidate));
      if (mail) {
        taken.add(mail);
        return mail;
      }
      await new Promise<void>((resolve) => (arrived = resolve));
    }
  };
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    mails,
    take,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The portal sign-in address in a mail. */
export function signInLinkIn(mail: ReceivedMail): string {
  const link = /https?:\/\/\S+\/aanmelden\/[\w-]+/.exec(mail.text)?.[0];
  if (!link) throw new Error(`no sign-in link in: ${mail.text}`);
  return link;
}
