import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
export const portalDist = path.join(root, "portal", "dist");
const stampFile = path.join(portalDist, "build-inputs.sha256");
// Everything the built portal bundles, plus the lock file (a dependency update changes the bundle too).
const inputs = ["portal/build.ts", "portal/src", "portal/public", "core", "templates", "server/rate-limit.ts", "print/save-code-files.ts", "astro.config.mjs", "package-lock.json"];

function filesUnder(entry: string): string[] {
  const full = path.join(root, entry);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [entry];
  return readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((dirent) => dirent.isFile())
    .map((dirent) => path.relative(root, path.join(dirent.parentPath, dirent.name)))
    .sort();
}

function inputsHash(): string {
  const hash = createHash("sha256");
  for (const file of inputs.flatMap(filesUnder)) hash.update(file).update("\0").update(readFileSync(path.join(root, file))).update("\0");
  return hash.digest("hex");
}

/**
 * Builds the portal when its build is missing or older than its sources. Builds into a folder of its own and
 * swaps it in, so a server or test run reading the previous build never sees half a build.
 */
export function ensurePortalBuild({ quiet = false } = {}): void {
  const hash = inputsHash();
  if (existsSync(stampFile) && readFileSync(stampFile, "utf8") === hash) return;
  if (!quiet) console.log("Het portaal wordt gebouwd (astro build)…");
  const outDir = `${portalDist}-build-${process.pid}`;
  const result = spawnSync(process.execPath, [path.join(root, "node_modules", "astro", "astro.js"), "build"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", PORTAL_OUT_DIR: outDir, ASTRO_TELEMETRY_DISABLED: "1" },
    stdio: quiet ? "pipe" : "inherit",
    encoding: "utf8",
  });
  if (result.status !== 0) {
    rmSync(outDir, { recursive: true, force: true });
    throw new Error(`Het portaal kon niet gebouwd worden (astro build).\n${quiet ? `${result.stdout}\n${result.stderr}` : ""}`);
  }
  loadPagesOnce(path.join(outDir, "server", "entry.mjs"));
  writeFileSync(path.join(outDir, path.basename(stampFile)), hash);
  const previous = `${portalDist}-old-${process.pid}`;
  if (existsSync(portalDist)) renameSync(portalDist, previous);
  renameSync(outDir, portalDist);
  rmSync(previous, { recursive: true, force: true });
}

/**
 * Astro's entry loads a page with `() => import(…)` on every request. Under tsx (`npm start`) every such import()
 * is a round trip to the loader's hooks thread, though the module is long loaded: about 8% of a QR scan's
 * processor time. Each loader here keeps its first promise.
 */
function loadPagesOnce(entry: string): void {
  const source = readFileSync(entry, "utf8");
  const lazy = /\(\) => import\(('[^']+')\)/g;
  if (!source.match(lazy)) {
    console.warn(`Geen pagina's gevonden om één keer te laden in ${entry}: Astro's entry ziet er anders uit.`);
    return;
  }
  const once = "const __loadOnce = (load) => { let loaded; return () => (loaded ??= load()); };\n";
  writeFileSync(entry, once + source.replace(lazy, "__loadOnce(() => import($1))"));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensurePortalBuild();
