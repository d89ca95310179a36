import type { Database } from "../core/db/database.js";
import type { Config } from "./config.js";

/**
 * Fills a brand-new embedded database with the demo region, so a developer sees a working system at once.
 * Never on PostgreSQL (a real server may be shared) and never in production.
 */
export async function seedDemoIfEmpty(db: Database, config: Config): Promise<boolean> {
  if (db.kind !== "pglite" || config.nodeEnv === "production") return false;
  if ((await db.prisma.cardSystem.count()) > 0) return false;
  const started = performance.now();
  const { seedDemo } = await import("../seeds/demo.js");
  const { demoAccounts } = await import("../seeds/demo-accounts.js");
  const summary = await seedDemo(db);
  const took = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `Lege databank: demodata geladen in ${took} s (${summary.passholders} pashouders, ${summary.events} evenementen, ${summary.checkins} check-ins). Demo-accounts:`,
  );
  for (const account of demoAccounts) {
    console.log(`  ${account.email} / ${account.password} (${account.role}: ${account.description})`);
  }
  return true;
}
