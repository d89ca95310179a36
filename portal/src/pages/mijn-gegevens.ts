import type { APIRoute } from "astro";
import { passholderActor } from "../../../core/access/actor.js";
import { exportDocument } from "../../../core/gdpr/export-document.js";
import { exportPassholderData } from "../../../core/gdpr/export-passholder-data.js";
import { signInPath } from "../lib/form.js";

/** The right of access from the portal: ?formaat=json downloads the JSON, otherwise the page to read, print or save. */
export const GET: APIRoute = async ({ locals, url, redirect }) => {
  if (!locals.passholderId) return redirect(signInPath("/mijn-gegevens"), 303);
  const data = await exportPassholderData(locals.db.prisma, { passholderId: locals.passholderId, actor: passholderActor(locals.passholderId), request: locals.request });
  const json = url.searchParams.get("formaat") === "json";
  return new Response(json ? JSON.stringify(data, null, 2) : exportDocument(data), {
    headers: {
      "Content-Type": json ? "application/json; charset=utf-8" : "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      ...(json ? { "Content-Disposition": 'attachment; filename="mijn-uitpas-gegevens.json"' } : {}),
    },
  });
};
