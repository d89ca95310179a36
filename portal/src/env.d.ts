/// <reference types="astro/client" />

type PortalLocals = import("../locals.js").PortalLocals;

declare namespace App {
  interface Locals extends PortalLocals {}
}
