import type { PrismaClient } from "@prisma/client";
import { deliverDueMail } from "./deliver-due-mail.js";
import type { MailTransport } from "./mail-transport.js";

export interface MailWorker {
  /** Looks at the outbox now instead of at the next tick. */
  wake(): void;
  /** Finishes the mail being sent, then stops; call before closing the database. */
  stop(): Promise<void>;
}

/** Sends due outbox mails every few seconds, after their transactions committed; one round at a time. */
export function startMailWorker(prisma: PrismaClient, transport: MailTransport, { intervalMs = 5_000 } = {}): MailWorker {
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> | undefined;
  let stopped = false;
  const schedule = (delayMs: number) => {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(run, delayMs).unref();
  };
  const run = () => {
    if (round || stopped) return;
    round = deliverDueMail(prisma, transport)
      .then(() => undefined)
      .catch((error: unknown) => console.error("Uitgaande mails versturen mislukt:", error))
      .finally(() => {
        round = undefined;
        schedule(intervalMs);
      });
  };
  schedule(0);
  return {
    wake: () => schedule(0),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await round;
      transport.close();
    },
  };
}
