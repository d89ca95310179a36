// Which errors mean "the database cannot be reached or used right now", as the pg driver, Prisma's pg adapter
// and Prisma itself report them, and a Dutch reason for each: a start waits for these, a request answers 503.

const SOCKET_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EPIPE"]);
// Prisma: can't reach (P1001), timed out (P1002), closed (P1017), no connection from the pool in time (P2024).
const PRISMA_CODES = new Set(["P1001", "P1002", "P1017", "P2024"]);
const REFUSED = "de databank weigert de aanmelding (controleer gebruiker en wachtwoord in DATABASE_URL)";
const MISSING = "de databank bestaat niet (controleer de naam in DATABASE_URL)";
const FULL = "de databank aanvaardt geen nieuwe verbindingen meer";
const NO_CONNECTION = "geen verbinding met de databankserver";
const ADAPTER_KINDS: Record<string, string> = {
  DatabaseNotReachable: NO_CONNECTION,
  ConnectionClosed: NO_CONNECTION,
  SocketTimeout: NO_CONNECTION,
  TlsConnectionError: NO_CONNECTION,
  TooManyConnections: FULL,
  DatabaseDoesNotExist: MISSING,
  DatabaseAccessDenied: REFUSED,
  AuthenticationFailed: REFUSED,
};

interface ErrorLike {
  code?: unknown;
  severity?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown; code?: unknown } } };
}

/** A Dutch reason when `error` means the database is out of reach (down, refusing, gone); otherwise undefined. */
export function databaseUnreachableReason(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    const reason = reasonOf(current as ErrorLike);
    if (reason) return reason;
    current = (current as ErrorLike).cause;
  }
  return undefined;
}

function reasonOf(error: ErrorLike): string | undefined {
  const adapter = error.meta?.driverAdapterError?.cause;
  if (adapter) {
    if (typeof adapter.kind === "string" && ADAPTER_KINDS[adapter.kind]) return ADAPTER_KINDS[adapter.kind];
    const sqlState = adapter.originalCode ?? adapter.code;
    if (typeof sqlState === "string") return reasonOfSqlState(sqlState, undefined);
  }
  const code = typeof error.code === "string" ? error.code : undefined;
  if (code && SOCKET_CODES.has(code)) return NO_CONNECTION;
  if (code && PRISMA_CODES.has(code)) return NO_CONNECTION;
  if (code === "P1000") return REFUSED;
  if (code === "P1003") return MISSING;
  if (code && typeof error.severity === "string") return reasonOfSqlState(code, error.severity);
  // pg's own messages when the server goes away mid-connection; they carry no code.
  const message = typeof error.message === "string" ? error.message : "";
  if (/Connection terminated|timeout exceeded when trying to connect|Can't reach database server/i.test(message)) return NO_CONNECTION;
  return undefined;
}

function reasonOfSqlState(code: string, severity: string | undefined): string | undefined {
  if (code === "28P01" || code === "28000") return REFUSED;
  if (code === "3D000") return MISSING;
  if (code === "53300") return FULL;
  // Class 08 is a connection exception; 57P01-57P03 a server that is shutting down or starting; any FATAL error
  // ends the connection (e.g. a database that no longer accepts connections).
  if (code.startsWith("08") || /^57P0[1-3]$/.test(code) || severity === "FATAL") return NO_CONNECTION;
  return undefined;
}

/** A short technical detail for the log, next to the Dutch reason: the last line of the driver's message
 * (Prisma puts a code excerpt above it). */
export function technicalDetail(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.trim().split("\n").filter((line) => line.trim() !== "").at(-1)?.trim().slice(0, 200) ?? "";
}

export class DatabaseUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseUnreachableError";
  }
}

/**
 * Waits until the database answers, trying again with a growing pause (0.5 s doubling up to 5 s) for at most
 * `waitSeconds`: a database server that starts together with the app (docker compose, a reboot) is not an error.
 * `onWaiting` hears each failed attempt; an error that is not about reaching the database ends the wait at once.
 */
export async function waitForDatabase(
  db: { query(sql: string): Promise<unknown> },
  waitSeconds: number,
  onWaiting: (reason: string, detail: string, retryInMs: number) => void,
): Promise<void> {
  const deadline = performance.now() + waitSeconds * 1000;
  for (let pause = 500; ; pause = Math.min(pause * 2, 5_000)) {
    try {
      await db.query("SELECT 1");
      return;
    } catch (error) {
      const reason = databaseUnreachableReason(error);
      if (!reason) throw error;
      const left = deadline - performance.now();
      if (left <= 0) {
        throw new DatabaseUnreachableError(
          `De databank bleef ${waitSeconds} s onbereikbaar: ${reason} (${technicalDetail(error)}). ` +
            `Controleer DATABASE_URL en of de databankserver draait; DATABASE_WAIT_SECONDS bepaalt hoe lang de server wacht.`,
        );
      }
      const retryIn = Math.min(pause, left);
      onWaiting(reason, technicalDetail(error), retryIn);
      await new Promise((resolve) => setTimeout(resolve, retryIn));
    }
  }
}
