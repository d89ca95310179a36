import os from "node:os";
import { parseArgs } from "node:util";
import { isPostgresUrl, openPostgres } from "../core/db/database.js";
import { migrate } from "../core/db/migrate.js";
import { ensurePortalBuild } from "../portal/build.js";
import { get } from "../tests/server/http.js";
import { serve, stop } from "../tests/server/serve-app.js";
import { signInForBench } from "./accounts.js";
import { benchLists } from "./backoffice-lists.js";
import { findListParameters, listCases } from "./list-cases.js";
import { measure } from "./measure.js";
import { benchPortal, POINTS_JS_BUDGET_BYTES, portalMisses, RENDER_TARGET_RATIO } from "./portal-pages.js";
import { type CheckinLoadResult, benchCheckinLoadEmbedded, benchCheckinLoadOnPostgres, benchTwoInstances, LOAD_TARGET_P99_MS, LOAD_TARGET_SHARE, MEMORY_GROWTH_LIMIT } from "./checkin-load.js";
import { deskTable, LIST_TARGET_MS, LIST_TARGET_RATIO, deskLoadTable, listTableHeader, listTableRow, loadTable, portalTables, startUpTable, twoInstancesTable, writeResults } from "./report.js";
import { benchStartUp } from "./start-up.js";
import { benchDesk, DESK_TARGET_RATIO, deskMisses } from "./desk-pages.js";
import { benchDeskLoad } from "./desk-load.js";
import { benchAdminWeight, weightMisses, weightTable } from "./admin-weight.js";

/** Below this the database holds no scale dataset and the figures would say nothing. */
const MIN_PASSHOLDERS = 100_000;

class BenchRefused extends Error {}

const USAGE = "Gebruik / usage: npm run bench [-- --runs 50] [--warmup 5] [--municipality Eeklo] [--only lists,portal,desk,load,instances,start,weight] [--connections 100] [--passholders 500] [--events 11]";
const SECTIONS = ["lists", "portal", "desk", "load", "instances", "start", "weight"] as const;
/** Parts that start their own servers on their own embedded databases and need no scale dataset. */
const WITHOUT_SCALE_DATA: readonly Section[] = ["weight"];
type Section = (typeof SECTIONS)[number];

function readOptions() {
  const options = {
    runs: { type: "string" },
    warmup: { type: "string" },
    municipality: { type: "string" },
    only: { type: "string" },
    connections: { type: "string" },
    passholders: { type: "string" },
    events: { type: "string" },
  } as const;
  let values;
  try {
    values = parseArgs({ options, strict: true }).values;
  } catch {
    throw new BenchRefused(USAGE);
  }
  const counts = {
    runs: Number(values.runs ?? 50),
    warmup: Number(values.warmup ?? 5),
    connections: Number(values.connections ?? 100),
    passholders: Number(values.passholders ?? 500),
    events: Number(values.events ?? 11),
  };
  const only = (values.only ?? SECTIONS.join(",")).split(",") as Section[];
  if (!Object.values(counts).every((count) => Number.isInteger(count) && count >= 1) || counts.events < 3 || counts.events % 2 === 0 || counts.connections % 2 === 1) throw new BenchRefused(USAGE);
  if (!only.every((section) => SECTIONS.includes(section))) throw new BenchRefused(USAGE);
  return { ...counts, sections: new Set(only), municipality: values.municipality };
}

async function main(): Promise<number> {
  const options = readOptions();
  if (process.env.NODE_ENV === "production") throw new BenchRefused("npm run bench maakt benchmarkaccounts aan en draait niet in productie. / npm run bench creates bench accounts and does not run in production.");
  const suites: Record<string, unknown> = {};
  let missed = 0;
  let database = "geen schaaldata nodig";
  if ([...options.sections].some((section) => !WITHOUT_SCALE_DATA.includes(section))) {
    ({ database, missed } = await benchOnScaleData(options, suites));
  }
  if (options.sections.has("weight")) {
    console.log("\nGewicht van de backoffice: /admin/login in Chromium, eerste bezoek en herhaald bezoek (zelfde profiel, met cache), na npm start en in productie.\n");
    const results = [await benchAdminWeight("development"), await benchAdminWeight("production")];
    console.log(weightTable(results));
    suites.adminWeight = results;
    missed += results.reduce((sum, result) => sum + weightMisses(result), 0);
  }
  const path = await writeResults(database, suites);
  console.log(`\n${missed === 0 ? "Alle doelen gehaald." : `${missed} doel(en) gemist.`} Resultaten: ${path}`);
  return missed === 0 ? 0 : 1;
}

/** The parts measured on the scale dataset in PostgreSQL. */
async function benchOnScaleData(options: ReturnType<typeof readOptions>, suites: Record<string, unknown>): Promise<{ database: string; missed: number }> {
  const timing = { runs: options.runs, warmup: options.warmup };
  const url = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL;
  if (!isPostgresUrl(url)) {
    throw new BenchRefused(
      "Zet BENCH_DATABASE_URL (of DATABASE_URL) op een PostgreSQL met de schaaldata, bv. postgresql://postgres@127.0.0.1:5432/bench_scale.\n" +
        "Set BENCH_DATABASE_URL (or DATABASE_URL) to a PostgreSQL holding the scale dataset.",
    );
  }
  const db = await openPostgres(url);
  try {
    await migrate(db);
    const [largest] = await db.query<{ name: string; id: number; passholders: number }>(
      `SELECT m.name, m.id, count(p.id)::int AS passholders FROM "Municipality" m LEFT JOIN "Passholder" p ON p."municipalityId" = m.id
       WHERE $1::text IS NULL OR m.name = $1 GROUP BY m.id ORDER BY 3 DESC, 1 LIMIT 1`,
      [options.municipality ?? null],
    );
    const [{ total } = { total: 0 }] = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM "Passholder"`);
    if (total < MIN_PASSHOLDERS) {
      throw new BenchRefused(
        `Deze databank heeft geen schaaldata (${total} pashouders). Vul ze eerst met: npm run seed:scale -- --passholders 200000\n` +
          `This database holds no scale dataset (${total} passholders). Fill it first with: npm run seed:scale -- --passholders 200000`,
      );
    }
    if (!largest) throw new BenchRefused(`Gemeente "${options.municipality}" bestaat niet. / No such municipality.`);
    // The portal's figures are only worth something for the build of the current sources.
    ensurePortalBuild();
    const database = `${new URL(url).host}${new URL(url).pathname}`;
    console.log(`Databank: ${database}, ${total} pashouders; gemeente ${largest.name} (${largest.passholders} pashouders).`);
    let missed = 0;
    const { base, server } = await serve({ ...db, dispose: () => db.close() });
    try {
      // On a shared machine the figures mean little without its load and the server's own floor beside them.
      const floor = await measure(() => get(base, "/healthz"), timing);
      const load = { before: os.loadavg()[0]! };
      console.log(`Belasting van de machine (1 min): ${load.before.toFixed(1)} op ${os.cpus().length} kernen; vloer GET /healthz: p50 ${floor.p50.toFixed(1)} ms, p95 ${floor.p95.toFixed(1)} ms.`);
      if (options.sections.has("lists")) {
        const browsers = {
          COORDINATOR: await signInForBench(db.prisma, base, "COORDINATOR", largest.name),
          MUNICIPAL_ADMIN: await signInForBench(db.prisma, base, "MUNICIPAL_ADMIN", largest.name),
        };
        const parameters = await findListParameters(db, largest.id);
        console.log(`\nBackofficelijsten: ${timing.runs} metingen na ${timing.warmup} opwarmrondes; SQL = dezelfde statements die de pagina stuurde, opnieuw rechtstreeks via pg.\n`);
        console.log(listTableHeader());
        const lists = await benchLists(
          { base, browsers, databaseUrl: url, timing },
          listCases(parameters),
          (result) => console.log(listTableRow(result)),
        );
        suites.lists = { parameters, timing, targets: { p95Ms: LIST_TARGET_MS, ratio: LIST_TARGET_RATIO }, floor, load: { ...load, after: os.loadavg()[0]! }, results: lists };
        const slow = lists.filter((result) => result.endpoint.p95 > LIST_TARGET_MS).length;
        const far = lists.filter((result) => result.ratio > LIST_TARGET_RATIO).length;
        console.log(`\nLijsten: ${slow} boven ${LIST_TARGET_MS} ms (p95), ${far} boven ${LIST_TARGET_RATIO}× de SQL.`);
        missed += slow + far;
      }
      if (options.sections.has("portal")) {
        console.log(`\nPortaal, aangemeld als de pashouder met de langste historiek: ${timing.runs} metingen na ${timing.warmup} opwarmrondes.\n`);
        const portal = await benchPortal(db, base, timing);
        console.log(portalTables(portal));
        suites.portal = { timing, targets: { pointsJavaScriptBytes: POINTS_JS_BUDGET_BYTES, renderRatio: RENDER_TARGET_RATIO }, ...portal };
        missed += portalMisses(portal);
      }
      if (options.sections.has("desk")) {
        console.log(
          `\nBalie, aangemeld als baliemedewerker van een balie in ${largest.name}: kaartnummer opzoeken en Punt sparen (telkens een andere pashouder), ` +
            `elk de POST en de pagina waarop hij uitkomt; ${timing.runs} metingen na ${timing.warmup} opwarmrondes.\n`,
        );
        const desk = await benchDesk(db, base, largest, timing);
        console.log(`${desk.counter.name}, activiteit "${desk.event.name}"${desk.event.createdByBench ? " (door de benchmark aangemaakt)" : ""}.\n`);
        console.log(deskTable(desk));
        suites.desk = { timing, targets: { renderRatio: DESK_TARGET_RATIO }, ...desk };
        missed += deskMisses(desk);
      }
    } finally {
      stop(server);
    }
    let postgresStartMs: number | undefined;
    let singleServer: CheckinLoadResult | undefined;
    if (options.sections.has("load")) {
      const loadOptions = { connections: options.connections, passholders: options.passholders, events: options.events };
      console.log(
        `\nQR-sparen onder belasting: autocannon (${loadOptions.connections} verbindingen) tegen een eigen serverproces, ` +
          `${loadOptions.passholders} aangemelde pashouders × ${loadOptions.events - 1} evenementen (na 1 evenement opwarmen).\n`,
      );
      const runs = [await benchCheckinLoadOnPostgres(db, url, largest.id, loadOptions), await benchCheckinLoadEmbedded(loadOptions)];
      console.log(loadTable(runs));
      suites.checkinLoad = { targets: { share: LOAD_TARGET_SHARE, p99Ms: LOAD_TARGET_P99_MS, memoryGrowth: MEMORY_GROWTH_LIMIT }, runs };
      missed += runs.filter((run) => run.share < LOAD_TARGET_SHARE).length;
      missed += runs.filter((run) => run.endpoint.p99 > LOAD_TARGET_P99_MS).length;
      missed += runs.filter((run) => run.memory.growth > MEMORY_GROWTH_LIMIT).length;
      postgresStartMs = runs[0]!.serverStartMs;
      singleServer = runs[0];
      const deskOptions = { connections: options.connections, checkins: options.passholders * (options.events - 1), sessions: 10 };
      console.log(`\nPunt sparen aan de balie onder belasting: autocannon (${deskOptions.connections} verbindingen) tegen een eigen serverproces, telkens een andere pashouder.\n`);
      const deskLoad = await benchDeskLoad(db, url, largest, deskOptions);
      console.log(deskLoadTable(deskLoad, singleServer));
      suites.deskLoad = deskLoad;
      missed += Number(deskLoad.endpoint.perSecond / singleServer!.raw.perSecond < LOAD_TARGET_SHARE) + Number(deskLoad.endpoint.p99 > LOAD_TARGET_P99_MS);
    }
    if (options.sections.has("instances")) {
      console.log(`\nTwee serverprocessen op dezelfde PostgreSQL: ${options.passholders} pashouders × ${options.events - 1} evenementen, ${options.connections / 2} verbindingen per server.\n`);
      const twoInstances = await benchTwoInstances(db, url, largest.id, { connections: options.connections, passholders: options.passholders, events: options.events });
      console.log(twoInstancesTable(twoInstances, singleServer));
      suites.twoInstances = twoInstances;
      if (!twoInstances.exact) missed++;
    }
    if (options.sections.has("start")) {
      console.log("\nOpstarten (npm start als eigen proces, tot /healthz 200 antwoordt):\n");
      const startUp = await benchStartUp();
      console.log(startUpTable(startUp, postgresStartMs));
      suites.startUp = { ...startUp, postgresStartMs };
    }
    return { database, missed };
  } finally {
    await db.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof BenchRefused ? error.message : error);
    process.exitCode = 1;
  },
);
