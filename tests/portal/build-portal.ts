import { ensurePortalBuild } from "../../portal/build.js";

/** vitest globalSetup: the server tests serve the built portal; build it once when it is missing or stale. */
export default function setup(): void {
  ensurePortalBuild({ quiet: true });
}
