import type { APIRoute } from "astro";

export const POST: APIRoute = async ({ locals, redirect }) => {
  await locals.signOut();
  return redirect("/", 303);
};
