import { defineMiddleware } from "astro:middleware";
import { portalBranding } from "./lib/contact.js";

/**
 * A signed-in page's footer needs the card system's branding: its statement starts with the request, beside the
 * page's own, instead of after it. A page that ends before its layout (a redirect) leaves the answer unused.
 */
export const onRequest = defineMiddleware((context, next) => {
  if (context.locals.passholderId) portalBranding(context.locals).catch(() => undefined);
  return next();
});
