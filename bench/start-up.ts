import { createDatabaseUnderTest } from "../torture/database-under-test.js";
import { startServer } from "../torture/server-process.js";
import { serverSecrets } from "./checkin-load.js";

export interface StartUpResult {
  /** Empty data folder: create the embedded database, migrate, seed the demo region, answer /healthz. */
  freshMs: number;
  /** The same folder again after a clean stop. */
  restartMs: number;
}

/** `npm start` on an empty data folder until /healthz answers, then stopped and started again. */
export async function benchStartUp(): Promise<StartUpResult> {
  const database = await createDatabaseUnderTest("pglite");
  const environment = { ...database.serverEnv, ...serverSecrets() };
  try {
    const timed = async () => {
      const server = await startServer(environment);
      try {
        return await server.healthy;
      } finally {
        await server.stop();
      }
    };
    return { freshMs: await timed(), restartMs: await timed() };
  } finally {
    await database.dispose();
  }
}
