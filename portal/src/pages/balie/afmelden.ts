import type { APIRoute } from "astro";
import { deskLocals } from "../../lib/desk/locals.js";

export const POST: APIRoute = async ({ locals, redirect }) => {
  await deskLocals(locals).signOut();
  return redirect("/balie/aanmelden", 303);
};
