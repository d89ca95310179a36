import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import path from "node:path";
import type AdminJS from "adminjs";
import { ADMIN_JS_TMP_DIR, componentsBundler, generateUserComponentEntry } from "adminjs/bundler";
import { transform } from "esbuild";

let previous: Promise<unknown> = Promise.resolve();

/**
 * The custom components, bundled by AdminJS's own rollup setup, without source map and minified in every mode
 * (AdminJS minifies only when NODE_ENV=production). AdminJS's bundler is one object per process, so builds take
 * turns; each uses a folder of its own, so that test files and servers building at the same time share no file.
 */
export function buildComponentBundle(admin: AdminJS): Promise<Buffer> {
  const build = previous.then(() => buildInOwnFolder(admin));
  previous = build.catch(() => undefined);
  return build;
}

async function buildInOwnFolder(admin: AdminJS): Promise<Buffer> {
  await mkdir(ADMIN_JS_TMP_DIR, { recursive: true });
  const dir = await mkdtemp(path.join(ADMIN_JS_TMP_DIR, "build-"));
  try {
    const entry = path.join(dir, "entry.js");
    const output = path.join(dir, "bundle.js");
    componentsBundler.setInputOption("input", entry).setOutputOption("file", output).setOutputOption("sourcemap", false);
    await componentsBundler.createEntry({ dir, content: generateUserComponentEntry(admin, dir) });
    await componentsBundler.build();
    const { code } = await transform(await readFile(output, "utf8"), { minify: true, legalComments: "none" });
    return Buffer.from(code);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
