import node from "@astrojs/node";
import { defineConfig } from "astro/config";

// The passholder portal. Express mounts the built middleware (portal/mount.ts) and checks the Origin of
// form posts itself, trusting the same proxies as the rest of the app; Astro's own check would compare
// against the address the proxy forwarded to.
export default defineConfig({
  srcDir: "./portal/src",
  publicDir: "./portal/public",
  outDir: process.env.PORTAL_OUT_DIR ?? "./portal/dist",
  output: "server",
  // Pages are small: rendered whole and written at once, not streamed in many small writes.
  adapter: node({ mode: "middleware", experimentalDisableStreaming: true }),
  security: { checkOrigin: false },
  // Our CSP allows no inline styles or scripts outside the scanner page.
  build: { inlineStylesheets: "never" },
  vite: { build: { assetsInlineLimit: 0 } },
  devToolbar: { enabled: false },
});
