// What a screen shows for a record its reader may not open (a passholder of another municipality on a check-in
// at an Eeklo event): a plain Dutch description instead of the record's name, and never its id.
import type { ActionResponse, After, RecordJSON, ResourceOptions } from "adminjs";
import type { DatamodelModel } from "../datamodel.js";

const placeholders: Readonly<Record<string, string>> = {
  Passholder: "pashouder uit een andere gemeente",
  Card: "kaart van een pashouder uit een andere gemeente",
  Checkin: "check-in bij een evenement van een andere gemeente",
  Redemption: "opname door een pashouder uit een andere gemeente",
  CouponGrant: "coupon van een pashouder uit een andere gemeente",
  Counter: "balie uit een andere gemeente",
  Event: "evenement van een andere gemeente",
  Pillar: "zuil uit een andere gemeente",
  Municipality: "andere gemeente",
  Advantage: "voordeel van een andere gemeente",
  Provider: "aanbieder uit een andere gemeente",
  User: "medewerker (naam enkel zichtbaar voor de regio)",
};

/** The placeholder for a record of `model` that its reader may not open. */
export function outOfReach(model: string): string {
  return placeholders[model] ?? "buiten uw gemeente";
}

/** The references of `model` a screen names by their record's title. */
export function referencesOf(model: DatamodelModel): ReadonlyArray<{ name: string; type: string }> {
  return model.fields.filter((field) => field.kind === "object" && field.relationFromFields?.length === 1);
}

/**
 * Names every reference among `references` that the reader may not open (AdminJS leaves it unpopulated and
 * would show the raw id) by the placeholder of its model, without a link.
 */
export function nameOutOfReach(record: RecordJSON, references: ReadonlyArray<{ name: string; type: string }>): void {
  for (const reference of references) {
    const value = record.params[reference.name];
    const populated = record.populated[reference.name] as RecordJSON | string | undefined | null;
    if (value === null || value === undefined || value === "" || (typeof populated === "object" && populated?.title)) continue;
    const title = outOfReach(reference.type);
    record.populated[reference.name] = { id: String(value), title, params: {}, populated: {}, errors: {}, baseError: null, recordActions: [], bulkActions: [] };
  }
}

/** The screen's actions with the show page naming every reference; the list names its columns' (admin/lean-list.ts). */
export function withOutOfReachReferences(model: DatamodelModel, actions: ResourceOptions["actions"]): ResourceOptions["actions"] {
  const all = { ...actions } as Record<string, { after?: unknown } | undefined>;
  const references = referencesOf(model);
  const hook: After<ActionResponse> = (response) => {
    const { record } = response as { record?: RecordJSON };
    if (record) nameOutOfReach(record, references);
    return response;
  };
  const show = all.show ?? {};
  const after = show.after === undefined ? [] : Array.isArray(show.after) ? show.after : [show.after];
  all.show = { ...show, after: [...after, hook] };
  return all as ResourceOptions["actions"];
}
