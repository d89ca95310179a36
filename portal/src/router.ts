import { fileURLToPath } from "node:url";
import express from "express";
import { renderHomePage } from "./home-page.js";
import { renderNotFoundPage } from "./status-pages.js";

const publicDir = fileURLToPath(new URL("../public/", import.meta.url));

/** The passholders' portal: for now a server-rendered welcome page; the Astro portal replaces it later. */
export function createPortalRouter(): express.Router {
  const router = express.Router();
  router.use("/assets", express.static(publicDir, { maxAge: "1h", index: false, fallthrough: true }));
  router.get("/", (_req, res) => {
    res.type("html").send(renderHomePage());
  });
  router.use((_req, res) => {
    res.status(404).type("html").send(renderNotFoundPage());
  });
  return router;
}
