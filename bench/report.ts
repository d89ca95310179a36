import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import { fileURLToPath } from "node:url";
import type { ListResult } from "./backoffice-lists.js";
import { LOAD_TARGET_P99_MS, LOAD_TARGET_SHARE, MEMORY_GROWTH_LIMIT, type CheckinLoadResult, type ServerMemory, type TwoInstancesResult } from "./checkin-load.js";
import type { MemoryReading } from "./server-memory.js";
import type { DeskLoadResult } from "./desk-load.js";
import type { StartUpResult } from "./start-up.js";
import { POINTS_JS_BUDGET_BYTES, RENDER_TARGET_RATIO, type PortalResult } from "./portal-pages.js";
import { DESK_TARGET_RATIO, type DeskResult } from "./desk-pages.js";

/** Target of issue 3: a list or filter page answers within this many milliseconds (p95) on the scale dataset. */
export const LIST_TARGET_MS = 100;
/** Target of issue 6: a list page's p95 is at most this many times the p95 of its raw SQL. */
export const LIST_TARGET_RATIO = 1.5;

const resultsDir = fileURLToPath(new URL("./results/", import.meta.url));
const ROLE_NAMES = { COORDINATOR: "regio", MUNICIPAL_ADMIN: "gemeente" } as const;

const columns = ["rol", "lijst", "totaal", "p50 ms", "p95 ms", "SQL p50", "SQL p95", "ratio p95", `≤ ${LIST_TARGET_MS} ms`, `≤ ${LIST_TARGET_RATIO}×`];
const widths = [9, 28, 10, 8, 8, 8, 8, 9, 8, 6];

function line(cells: string[]): string {
  return cells.map((cell, index) => (index < 2 ? cell.padEnd(widths[index]!) : cell.padStart(widths[index]!))).join("  ");
}

export function listTableHeader(): string {
  return `${line(columns)}\n${"-".repeat(line(columns).length)}`;
}

export function listTableRow(result: ListResult): string {
  const ms = (value: number) => value.toFixed(1);
  return line([
    ROLE_NAMES[result.role],
    result.case,
    String(result.total),
    ms(result.endpoint.p50),
    ms(result.endpoint.p95),
    ms(result.raw.p50),
    ms(result.raw.p95),
    `${result.ratio.toFixed(1)}×`,
    result.endpoint.p95 <= LIST_TARGET_MS ? "ja" : "NEE",
    result.ratio <= LIST_TARGET_RATIO ? "ja" : "NEE",
  ]);
}

/** The portal's two tables: JavaScript per page against the budget, and Mijn punten's render against a static file. */
export function portalTables(result: PortalResult): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const scripts = result.javascript.map((page) =>
    [page.page.padEnd(12), kb(page.gzipBytes).padStart(9), String(page.files.length).padStart(9), page.path === "/punten" ? (page.gzipBytes <= POINTS_JS_BUDGET_BYTES ? "ja" : "NEE") : ""].join("  "),
  );
  const timed = [
    { what: `render ${result.render.path}`, timing: result.render.timing },
    { what: `statisch ${result.staticFile.path}`, timing: result.staticFile.timing },
  ].map(({ what, timing }) => [what.padEnd(28), timing.p50.toFixed(1).padStart(8), timing.p95.toFixed(1).padStart(8)].join("  "));
  const within = result.ratio <= RENDER_TARGET_RATIO ? "ja" : "NEE";
  return [
    `${"pagina".padEnd(12)}  ${"JS (gzip)".padStart(9)}  ${"bestanden".padStart(9)}  ≤ ${kb(POINTS_JS_BUDGET_BYTES)}`,
    "-".repeat(48),
    ...scripts,
    "",
    `${"portaal".padEnd(28)}  ${"p50 ms".padStart(8)}  ${"p95 ms".padStart(8)}`,
    "-".repeat(48),
    ...timed,
    `ratio p50: ${result.ratio.toFixed(1)}× (≤ ${RENDER_TARGET_RATIO}×: ${within})`,
  ].join("\n");
}

/** The desk's card lookup and "Punt sparen" against the desk's stylesheet. */
export function deskTable(result: DeskResult): string {
  const within = (ratio: number) => `${ratio.toFixed(1)}× ${ratio <= DESK_TARGET_RATIO ? "ja" : "NEE"}`;
  const rows = [
    { what: "kaartnummer opzoeken", timing: result.lookup, ratio: within(result.ratios.lookup) },
    { what: "  waarvan pashouderpagina (GET)", timing: result.panel, ratio: "" },
    { what: "Punt sparen", timing: result.save, ratio: within(result.ratios.save) },
    { what: `statisch ${result.staticFile.path}`, timing: result.staticFile.timing, ratio: "" },
  ].map(({ what, timing, ratio }) => [what.padEnd(40), timing.p50.toFixed(1).padStart(8), timing.p95.toFixed(1).padStart(8), ratio.padStart(12)].join("  ").trimEnd());
  return [
    `${"balie".padEnd(40)}  ${"p50 ms".padStart(8)}  ${"p95 ms".padStart(8)}  ${`p50 ≤ ${DESK_TARGET_RATIO}×`.padStart(12)}`,
    "-".repeat(74),
    ...rows,
  ].join("\n");
}

/** The QR endpoint under autocannon's load beside the raw insert rate of the same table, per database. */
export function loadTable(runs: CheckinLoadResult[]): string {
  const row = (cells: string[]) => cells.map((cell, index) => (index < 2 ? cell.padEnd(index === 0 ? 9 : 36) : cell.padStart(9))).join("  ");
  const lines = [row(["databank", "wat", "verzoeken", "per s", "p50 ms", "p99 ms", "aandeel", "p99 ok"]), "-".repeat(110)];
  for (const run of runs) {
    const { endpoint, raw, memory } = run;
    const [first, second] = run.runs;
    lines.push(
      row([run.database, "GET /sparen/<code> (server)", String(endpoint.requests), endpoint.perSecond.toFixed(0), endpoint.p50.toFixed(1), endpoint.p99.toFixed(1),
        `${(run.share * 100).toFixed(0)}% ${run.share >= LOAD_TARGET_SHARE ? "ja" : "NEE"}`, endpoint.p99 <= LOAD_TARGET_P99_MS ? "ja" : "NEE"]),
      ...[first, second].map((part, index) => row(["", `  meting ${index + 1}`, String(part.requests), part.perSecond.toFixed(0), part.p50.toFixed(1), part.p99.toFixed(1), "", ""])),
      row(["", `INSERT … ON CONFLICT (${raw.connections} verbinding(en))`, String(raw.inserts), raw.perSecond.toFixed(0), raw.p50.toFixed(1), raw.p99.toFixed(1), "", ""]),
      ...(run.floor
        ? [
            row(["", "vloer: node:http + 1 INSERT (bench/floor-server)", String(run.floor.requests), run.floor.perSecond.toFixed(0), run.floor.p50.toFixed(1), run.floor.p99.toFixed(1),
              `${((run.floor.perSecond / raw.perSecond) * 100).toFixed(0)}%`, ""]),
            row(["", `  processortijd van de vloer: ${run.floor.serverCpuMsPerRequest.toFixed(2)} ms per verzoek`, "", "", "", "", "", ""]).trimEnd(),
            row(["", `  de server tegenover de vloer: ${((endpoint.perSecond / run.floor.perSecond) * 100).toFixed(0)}% van zijn snelheid, ${(endpoint.serverCpuMsPerRequest / run.floor.serverCpuMsPerRequest).toFixed(1)}× zijn processortijd`, "", "", "", "", "", ""]).trimEnd(),
          ]
        : []),
      ...(run.floorWithRules
        ? [
            row(["", "vloer met de regels van een scan (core, 5 statements)", String(run.floorWithRules.requests), run.floorWithRules.perSecond.toFixed(0), run.floorWithRules.p50.toFixed(1),
              run.floorWithRules.p99.toFixed(1), `${((run.floorWithRules.perSecond / raw.perSecond) * 100).toFixed(0)}%`, run.floorWithRules.p99 <= LOAD_TARGET_P99_MS ? "ja" : "NEE"]),
            row(["", `  gespaard ${run.floorWithRules.saved}, in de databank ${run.floorWithRules.checkinsFound}; processortijd ${run.floorWithRules.serverCpuMsPerRequest.toFixed(2)} ms per verzoek`, "", "", "", "", "", ""]).trimEnd(),
          ]
        : []),
      row(["", `gespaard ${endpoint.saved}, geweigerd ${endpoint.refused}, fouten ${endpoint.errors}, in de databank ${endpoint.checkinsFound}`, "", "", "", "", "", ""]).trimEnd(),
      row(["", `processortijd van de server: ${endpoint.serverCpuMsPerRequest.toFixed(2)} ms per verzoek`, "", "", "", "", "", ""]).trimEnd(),
      ...memoryLines(memory).map((line) => row(["", line, "", "", "", "", "", ""]).trimEnd()),
    );
  }
  return [...lines, `doelen: ≥ ${LOAD_TARGET_SHARE * 100}% van de ruwe SQL, p99 ≤ ${LOAD_TARGET_P99_MS} ms; heap na meting 2 (na volle GC) hoogstens ${MEMORY_GROWTH_LIMIT * 100}% boven na meting 1`].join("\n");
}

function memoryLines(memory: ServerMemory): string[] {
  const moments = [["in rust", memory.rest], ["na opwarmen", memory.warm], ["na meting 1", memory.afterRuns[0]], ["na meting 2", memory.afterRuns[1]]] as const;
  const line = (label: string, cells: string[]) => `${label.padEnd(22)}${cells.map((cell) => cell.padStart(12)).join("")}`;
  const values = (pick: (reading: MemoryReading) => number) => moments.map(([, reading]) => pick(reading).toFixed(0));
  return [
    line("geheugen in MB", moments.map(([label]) => label)),
    line("  RSS", values((reading) => reading.rssMb)),
    line("  heap na volle GC", values((reading) => reading.heapMb)),
    line("  RSS na volle GC", values((reading) => reading.rssAfterGcMb)),
    `  groei van de heap van meting 1 tot 2: ${(memory.growth * 100).toFixed(1)}% ${memory.growth <= MEMORY_GROWTH_LIMIT ? "ok" : "TE VEEL"}`,
  ];
}

export function deskLoadTable(result: DeskLoadResult, qr: CheckinLoadResult | undefined): string {
  const { endpoint } = result;
  const share = qr && endpoint.perSecond / qr.raw.perSecond;
  const versus = qr && share !== undefined
    ? `; ${(share * 100).toFixed(0)}% van de ruwe INSERT-snelheid hierboven (${qr.raw.perSecond.toFixed(0)} per s): ${share >= LOAD_TARGET_SHARE ? "ja" : "NEE"}`
    : "";
  return [
    `${result.counter}, ${result.options.sessions} balie-sessies, ${result.options.connections} verbindingen: ${endpoint.requests} keer Punt sparen, ${endpoint.perSecond.toFixed(0)} per s${versus}`,
    `p50 ${endpoint.p50.toFixed(1)} ms, p99 ${endpoint.p99.toFixed(1)} ms (${endpoint.p99 <= LOAD_TARGET_P99_MS ? "ja" : "NEE"}); gespaard ${endpoint.saved}, geweigerd ${endpoint.refused}, fouten ${endpoint.errors}, in de databank ${endpoint.checkinsFound}`,
  ].join("\n");
}

export function twoInstancesTable(result: TwoInstancesResult, single: CheckinLoadResult | undefined): string {
  const versus = single ? ` (één server: ${single.endpoint.perSecond.toFixed(0)} per s, ×${(result.perSecond / single.endpoint.perSecond).toFixed(2)})` : "";
  return [
    `${result.scans} scans, elk tegelijk naar beide servers: ${result.requests} verzoeken, ${result.perSecond.toFixed(0)} per s${versus}, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, fouten ${result.errors}`,
    `gespaard ${result.saved}, check-ins in de databank ${result.checkinsFound}, dubbel ${result.doubled}; saldi +${result.pointsMoved} punten voor check-ins van samen ${result.pointsOfCheckins} punten: ${result.exact ? "exact" : "NIET EXACT"}`,
  ].join("\n");
}

export function startUpTable(result: StartUpResult, postgresStartMs: number | undefined): string {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return [
    `eerste start, lege ingebouwde databank (migraties + demodata) tot /healthz: ${seconds(result.freshMs)}`,
    `herstart, dezelfde ingebouwde databank: ${seconds(result.restartMs)}`,
    ...(postgresStartMs === undefined ? [] : [`start op PostgreSQL met de schaaldata: ${seconds(postgresStartMs)}`]),
  ].join("\n");
}

/** Writes the run with the machine it ran on to bench/results/<time>.json (git-ignored); returns the path. */
export async function writeResults(database: string, suites: Record<string, unknown>): Promise<string> {
  await mkdir(resultsDir, { recursive: true });
  const at = new Date().toISOString();
  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` };
  const path = `${resultsDir}${at.replace(/[:.]/g, "-")}.json`;
  await writeFile(path, `${JSON.stringify({ at, machine, database, suites }, null, 2)}\n`);
  return path;
}
