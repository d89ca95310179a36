import type { DeskLocals } from "../../../../desk/locals.js";

/** The desk's locals (desk/mount.ts): desk pages are only ever rendered through the desk's Express mount. */
export function deskLocals(locals: App.Locals): DeskLocals {
  const desk = locals as unknown as Partial<DeskLocals>;
  if (desk.area !== "desk") throw new Error("Een baliepagina werd buiten /balie geopend.");
  return desk as DeskLocals;
}
