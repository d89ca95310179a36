// npm run torture [-- --short]: kill -9 of the real server during a storm of portal check-ins, on PGlite and on PostgreSQL.
import type { DatabaseKind } from "../core/db/database.js";
import { DEFAULT_ADMIN_URL } from "./database-under-test.js";
import { killDuringStorm, STORM_SIZES, type StormReport } from "./kill-during-storm.js";
import { killStartedServers } from "./server-process.js";

const size = process.argv.includes("--short") ? STORM_SIZES.short : STORM_SIZES.full;
const adminUrl = process.env.TORTURE_DATABASE_URL || DEFAULT_ADMIN_URL;
const kinds: DatabaseKind[] = ["pglite", "postgres"];

const columns: [string, (report: StormReport) => string][] = [
  ["databank / database", (report) => report.kind],
  ["verstuurd / sent", (report) => String(report.sent)],
  ["bevestigd / acknowledged", (report) => String(report.acknowledged)],
  ["zonder antwoord / no answer", (report) => String(report.noAnswer)],
  ["waarvan bewaard / of which saved", (report) => String(report.committedUnanswered)],
  ["hervat / resumed", (report) => String(report.resumed)],
  ["opnieuw / retried", (report) => String(report.retried)],
  ["aanwezig / present", (report) => String(report.present)],
  ["start", (report) => `${(report.startMs / 1000).toFixed(1)} s`],
  ["herstart / restart", (report) => `${(report.restartMs / 1000).toFixed(1)} s`],
  ["schendingen / violations", (report) => String(report.violations.length)],
];

function table(reports: StormReport[]): string {
  const rows = [columns.map(([title]) => title), ...reports.map((report) => columns.map(([, cell]) => cell(report)))];
  const widths = columns.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(rows[0]!), `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`, ...rows.slice(1).map(line)].join("\n");
}

const reports: StormReport[] = [];
let failed = false;
let interrupted = false;
// The servers run in their own process groups, so Ctrl+C does not reach them: stop them, then clean up as after a failure.
process.once("SIGINT", () => {
  interrupted = failed = true;
  void killStartedServers();
});
for (const kind of kinds) {
  if (interrupted) break;
  console.log(`Storm op ${kind}: ${size.passholders} pashouders × ${size.events} evenementen, ${size.concurrency} tegelijk; kill -9 na ${size.killAt * 100}% …`);
  try {
    const report = await killDuringStorm(kind, size, adminUrl);
    reports.push(report);
    for (const violation of report.violations) console.error(`  SCHENDING / VIOLATION (${kind}): ${violation}`);
    failed ||= report.violations.length > 0;
  } catch (error) {
    if (interrupted) console.error("  Onderbroken / interrupted.");
    else console.error(`  De storm op ${kind} kon niet lopen / the storm on ${kind} could not run:`, error);
    failed = true;
  }
}
console.log(`\n${table(reports)}\n`);
console.log(failed ? "MISLUKT / FAILED" : "Geslaagd: elke bevestigde check-in staat er en het grootboek klopt / Passed: every acknowledged check-in is there and the ledger balances.");
process.exit(failed ? 1 : 0);
