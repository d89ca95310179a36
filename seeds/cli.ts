import { migrate } from "../core/db/migrate.js";
import { demoAccounts } from "./demo-accounts.js";
import { SeedRefused, refuseInProduction, seedDemo } from "./demo.js";
import { openForSeeding } from "./open-database.js";
import { emptyAllTables } from "./reset.js";
import { formatSummary } from "./summary.js";

const usage = "Gebruik: npm run seed            (enkel in een lege databank)\n        npm run seed -- --reset (wist eerst alle gegevens)";

async function main(args: string[]): Promise<number> {
  const unknown = args.filter((arg) => arg !== "--reset");
  if (unknown.length > 0) {
    console.error(`Onbekende optie: ${unknown.join(" ")}\n${usage}`);
    return 2;
  }
  const reset = args.includes("--reset");
  refuseInProduction();
  const opened = await openForSeeding();
  if (!opened) return 1;
  try {
    const { db } = opened;
    await migrate(db);
    if (!reset && (await db.prisma.cardSystem.count()) > 0) {
      console.error(`De databank (${opened.describe}) bevat al gegevens; er werd niets veranderd.\n${usage}`);
      return 1;
    }
    const started = performance.now();
    if (reset) console.log(`${(await emptyAllTables(db)).length} tabellen geleegd in ${opened.describe}.`);
    const summary = await seedDemo(db);
    console.log(`Demodata geladen in ${opened.describe} in ${((performance.now() - started) / 1000).toFixed(1)} s:`);
    console.log(formatSummary(summary));
    console.log("Demo-accounts:");
    for (const account of demoAccounts) console.log(`  ${account.email} / ${account.password}  ${account.description}`);
    return 0;
  } finally {
    await opened.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof SeedRefused) console.error(error.message);
    else console.error(`Demodata laden mislukt: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
