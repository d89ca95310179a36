import { createServer, type RequestListener, type Server } from "node:http";
import type { OpenedDatabase } from "../core/db/open-configured.js";
import { migrate } from "../core/db/migrate.js";
import { waitForDatabase } from "../core/db/unreachable.js";
import { createMailTransport } from "../core/mail/mail-transport.js";
import { startMailWorker, type MailWorker } from "../core/mail/mail-worker.js";
import type { Config } from "./config.js";
import { seedDemoIfEmpty } from "./demo-data.js";
import { startingUp } from "./health.js";

const CLEANUP_INTERVAL_MS = 60 * 60_000;
const SHUTDOWN_GRACE_MS = 10_000;

/** Migrates, fills an empty development database, serves, and stops cleanly on SIGINT/SIGTERM. */
export async function runServer({ config, opened, appModule }: {
  config: Config;
  opened: OpenedDatabase;
  /** The web application's module, already loading (see start.ts). */
  appModule: Promise<typeof import("./app.js")>;
}): Promise<void> {
  const { db } = opened;
  let server: Server | undefined;
  let cleanup: NodeJS.Timeout | undefined;
  let mailWorker: MailWorker | undefined;
  let stopping = false;

  const stop = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${reason}: de server stopt.`);
    clearInterval(cleanup);
    if (server) await closeServer(server);
    try {
      // The mail being sent finishes and is recorded before the database closes.
      await mailWorker?.stop();
      await opened.close();
      console.log("Databank gesloten. Tot ziens.");
      process.exit(0);
    } catch (error) {
      console.error("De databank sloot niet netjes:", error);
      process.exit(1);
    }
  };
  process.once("SIGINT", () => void stop("SIGINT ontvangen"));
  process.once("SIGTERM", () => void stop("SIGTERM ontvangen"));
  if (process.env.npm_lifecycle_event) stopWithParent(() => void stop("Het npm-proces is gestopt"));

  console.log(`Databank: ${opened.describe}`);
  // Listening comes first: while the database is out of reach or being migrated, /healthz tells why and every
  // page answers a Dutch 503, instead of a refused connection.
  let phase = "de databank wordt geopend";
  let handler: RequestListener = startingUp(() => phase);
  server = await listen((req, res) => handler(req, res), config);
  await waitForDatabase(db, config.databaseWaitSeconds, (reason, detail, retryInMs) => {
    phase = `${reason}; nieuwe poging over ${(retryInMs / 1000).toFixed(1)} s`;
    console.warn(`Databank niet bereikbaar: ${reason} (${detail}). Nieuwe poging over ${(retryInMs / 1000).toFixed(1)} s.`);
  });
  phase = "de databank wordt bijgewerkt";
  const { applied } = await migrate(db);
  if (applied.length > 0) console.log(`Databankmigraties toegepast: ${applied.join(", ")}`);
  await seedDemoIfEmpty(db, config);

  phase = "de toepassing wordt geladen";
  const { createApp } = await appModule;
  const { app, housekeeping } = await createApp({ config, db });
  handler = app;
  const tidy = () => housekeeping().catch((error: unknown) => console.error("Opruimen van verlopen sessies, tellers en bewaartermijnen mislukt:", error));
  void tidy();
  cleanup = setInterval(tidy, CLEANUP_INTERVAL_MS).unref();
  mailWorker = startMailWorker(db.prisma, createMailTransport({ smtpUrl: config.smtpUrl, mailFrom: config.mailFrom, dataDir: config.dataDir, printSecretLines: config.nodeEnv !== "production" }));

  console.log(`UiTPAS Meetjesland luistert op ${config.host}:${config.port}`);
  console.log(`  Portaal:     ${config.publicUrl}/`);
  console.log(`  Backoffice:  ${config.publicUrl}/admin`);
  console.log(`  Balie:       ${config.publicUrl}/balie`);
  console.log(`  Gezondheid:  ${config.publicUrl}/healthz`);
  console.log(`  Mail:        ${config.smtpUrl ? `via ${new URL(config.smtpUrl).host}` : `als .eml-bestanden in ${config.dataDir}/mail`}`);
}

/**
 * npm does not pass SIGTERM on to the script it runs: a supervisor stopping `npm start` would leave this
 * process running, still holding the data folder. Stop as soon as the parent is gone.
 */
function stopWithParent(stop: () => void): void {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stop();
  }, 1_000).unref();
}

/** A start that cannot go on, with a Dutch message that says it all: shown without a stack. */
export class StartError extends Error {
  override name = "StartError";
}

function listen(handler: RequestListener, config: Config): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(handler).listen(config.port, config.host);
    server.once("listening", () => resolve(server));
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "EADDRINUSE"
          ? new StartError(`Poort ${config.port} op ${config.host} is al in gebruik door een ander programma. Kies een andere PORT.`)
          : error,
      );
    });
  });
}

/** Stops accepting connections, lets running requests finish, then cuts what is left. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}
