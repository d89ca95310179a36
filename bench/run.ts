import os from "node:os";
import { parseArgs } from "node:util";
import { loadDatamodel } from "../admin/datamodel.js";
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
import { LIST_TARGET_MS, listTableHeader, listTableRow, portalTables, writeResults } from "./report.js";

/** Below this the database holds no scale dataset and the figures would say nothing. */
const MIN_PASSHOLDERS = 100_000;

class BenchRefused extends Error {}

const USAGE = "Gebruik / usage: npm run bench [-- --runs 50] [--warmup 5] [--municipality Eeklo]";

async function main(): Promise<number> {
  const options = { runs: { type: "string" }, warmup: { type: "string" }, municipality: { type: "string" } } as const;
  const { values } = (() => {
    try {
      return parseArgs({ options, strict: true });
    } catch {
      throw new BenchRefused(USAGE);
    }
  })();
  const timing = { runs: Number(values.runs ?? 50), warmup: Number(values.warmup ?? 5) };
  if (!Object.values(timing).every((count) => Number.isInteger(count) && count >= 1)) throw new BenchRefused(USAGE);
  if (process.env.NODE_ENV === "production") throw new BenchRefused("npm run bench maakt benchmarkaccounts aan en draait niet in productie. / npm run bench creates bench accounts and does not run in production.");
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
      [values.municipality ?? null],
    );
    const [{ total } = { total: 0 }] = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM "Passholder"`);
    if (total < MIN_PASSHOLDERS) {
      throw new BenchRefused(
        `Deze databank heeft geen schaaldata (${total} pashouders). Vul ze eerst met: npm run seed:scale -- --passholders 200000\n` +
          `This database holds no scale dataset (${total} passholders). Fill it first with: npm run seed:scale -- --passholders 200000`,
      );
    }
    if (!largest) throw new BenchRefused(`Gemeente "${values.municipality}" bestaat niet. / No such municipality.`);
    // The portal's figures are only worth something for the build of the current sources.
    ensurePortalBuild();
    const { base, server } = await serve({ ...db, dispose: () => db.close() });
    try {
      const browsers = {
        COORDINATOR: await signInForBench(db.prisma, base, "COORDINATOR", largest.name),
        MUNICIPAL_ADMIN: await signInForBench(db.prisma, base, "MUNICIPAL_ADMIN", largest.name),
      };
      const parameters = await findListParameters(db, largest.id);
      console.log(`Databank: ${new URL(url).host}${new URL(url).pathname}, ${total} pashouders; gemeente ${largest.name} (${largest.passholders} pashouders).`);
      // On a shared machine the figures mean little without its load and the server's own floor beside them.
      const floor = await measure(() => get(base, "/healthz"), timing);
      const load = { before: os.loadavg()[0]! };
      console.log(`Belasting van de machine (1 min): ${load.before.toFixed(1)} op ${os.cpus().length} kernen; vloer GET /healthz: p50 ${floor.p50.toFixed(1)} ms, p95 ${floor.p95.toFixed(1)} ms.`);
      console.log(`Backofficelijsten: ${timing.runs} metingen na ${timing.warmup} opwarmrondes; SQL = dezelfde pagina rechtstreeks via pg.\n`);
      console.log(listTableHeader());
      const lists = await benchLists(
        { base, browsers, municipalityId: largest.id, databaseUrl: url, datamodel: await loadDatamodel(), timing },
        listCases(parameters),
        (result) => console.log(listTableRow(result)),
      );
      console.log(`\nPortaal, aangemeld als de pashouder met de langste historiek: ${timing.runs} metingen na ${timing.warmup} opwarmrondes.\n`);
      const portal = await benchPortal(db, base, timing);
      console.log(portalTables(portal));
      const path = await writeResults(`${new URL(url).host}${new URL(url).pathname}`, {
        lists: { parameters, timing, targetMs: LIST_TARGET_MS, floor, load: { ...load, after: os.loadavg()[0]! }, results: lists },
        portal: { timing, targets: { pointsJavaScriptBytes: POINTS_JS_BUDGET_BYTES, renderRatio: RENDER_TARGET_RATIO }, ...portal },
      });
      const missed = lists.filter((result) => result.endpoint.p95 > LIST_TARGET_MS).length;
      const portalMissed = portalMisses(portal);
      console.log(`\n${missed === 0 ? "Alle lijsten binnen" : `${missed} lijst(en) boven`} ${LIST_TARGET_MS} ms (p95); portaal: ${portalMissed === 0 ? "alle doelen gehaald" : `${portalMissed} doel(en) gemist`}. Resultaten: ${path}`);
      return missed + portalMissed === 0 ? 0 : 1;
    } finally {
      stop(server);
    }
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
