// Entry point of `npm start`. The first import points AdminJS at a bundle folder without a leading dot.
import "../admin/bundle-dir.js";
import { ConfigError, loadConfig, type LoadedConfig } from "./config.js";

const startedAt = performance.now();
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

let loaded: LoadedConfig;
try {
  loaded = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const { config, warnings } = loaded;
for (const warning of warnings) console.warn(`Let op: ${warning}`);
const { ensurePrismaClient } = await import("./ensure-prisma-client.js");
ensurePrismaClient();
const { ensurePortalBuild } = await import("../portal/build.js");
ensurePortalBuild();

// Heavy modules load only once the configuration is known to be valid. The web application (AdminJS alone
// takes seconds to load) loads while the database opens, migrates and seeds: that halves the start-up time.
const appModule = import("./app.js");
appModule.catch(() => undefined); // awaited in runServer; avoids an unhandled rejection meanwhile
const { DataDirLockedError } = await import("../core/db/data-dir-lock.js");
const { openConfiguredDatabase } = await import("../core/db/open-configured.js");

let opened: Awaited<ReturnType<typeof openConfiguredDatabase>>;
try {
  opened = await openConfiguredDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
} catch (error) {
  console.error(error instanceof DataDirLockedError ? error.message : `De databank kon niet geopend worden: ${String(error)}`);
  process.exit(1);
}
const { db } = opened;
const { runServer, StartError } = await import("./run-server.js");
const { DatabaseUnreachableError } = await import("../core/db/unreachable.js");
await runServer({ config, opened, appModule }).catch(async (error: unknown) => {
  if (error instanceof StartError || error instanceof DatabaseUnreachableError) console.error(error.message);
  else console.error("De server kon niet starten:", error);
  await opened.close().catch(() => undefined);
  process.exit(1);
});
console.log(`Gestart in ${seconds(startedAt)} (databank: ${db.kind}).`);
