import { readFile } from "node:fs/promises";
import type AdminJS from "adminjs";
import { Router as AdminJSRouter } from "adminjs";
import express, { type Response } from "express";
import { buildComponentBundle } from "./component-bundle.js";
import { compressedScript, once, type CompressedScript } from "./compressed-script.js";

const ASSETS_PATH = "/frontend/assets/";
const LIBRARY_SCRIPTS = ["global.bundle.js", "design-system.bundle.js", "app.bundle.js"];
const COMPONENTS_SCRIPT = "components.bundle.js";
// AdminJS links Roboto from Google in its page templates, whatever the options say.
const GOOGLE_FONTS_LINK = /<link\b[^>]*\bhref="https:\/\/fonts\.googleapis\.com\/[^"]*"[^>]*>\s*/g;

/** AdminJS's minified build of one of its scripts: its router picks the unminified *.development.js outside production. */
function minifiedFile(name: string): string {
  const asset = AdminJSRouter.assets.find((candidate) => candidate.path === `${ASSETS_PATH}${name}`);
  if (!asset) throw new Error(`AdminJS serves no ${name}`);
  return asset.src.replace(/\.development\.js$/, ".production.js");
}

// The same files for every backoffice in this process: read and compressed once.
const libraryScripts = once(async () => {
  const scripts = await Promise.all(LIBRARY_SCRIPTS.map(async (name) => [name, compressedScript(await readFile(minifiedFile(name)))] as const));
  return new Map(scripts);
});

export interface AdminScripts {
  /** Serves AdminJS's scripts and rewrites its pages; goes before AdminJS's own router. */
  router: express.Router;
  /** Reads the scripts and builds the components bundle; every page waits for it, since it links their versions. */
  ready(): Promise<Map<string, CompressedScript>>;
}

/**
 * AdminJS's scripts, minified in every mode, compressed, and linked from its pages with their content hash
 * (`?v=`) so that browsers keep them for a year; its pages lose their Google Fonts link (the theme uses the
 * system's fonts).
 */
export function adminScripts(admin: AdminJS, rootPath: string): AdminScripts {
  const ready = once(async () => {
    const [library, components] = await Promise.all([libraryScripts(), buildComponentBundle(admin)]);
    return new Map([...library, [COMPONENTS_SCRIPT, compressedScript(components)]]);
  });
  const router = express.Router();
  router.get(`${ASSETS_PATH}:name`, (req, res, next) => {
    if (req.params.name !== COMPONENTS_SCRIPT && !LIBRARY_SCRIPTS.includes(req.params.name)) return next();
    ready()
      .then((scripts) => scripts.get(req.params.name)!.send(req, res))
      .catch(next);
  });
  // Pages come from AdminJS's layout and login templates (also after a refused login post); API answers and
  // files have no links to change.
  router.use((req, res, next) => {
    if (req.path.startsWith("/api/") || req.path.startsWith(ASSETS_PATH)) return next();
    ready().then((scripts) => {
      rewritePages(res, scripts, `${rootPath}${ASSETS_PATH}`);
      next();
    }, next);
  });
  return { router, ready };
}

function rewritePages(res: Response, scripts: Map<string, CompressedScript>, assetsUrl: string): void {
  const send = res.send.bind(res);
  res.send = (body?: unknown) => {
    if (typeof body !== "string" || !body.includes(`src="${assetsUrl}`)) return send(body);
    let page = body.replace(GOOGLE_FONTS_LINK, "");
    for (const [name, script] of scripts) page = page.replaceAll(`src="${assetsUrl}${name}"`, `src="${assetsUrl}${name}?v=${script.version}"`);
    return send(page);
  };
}
