import type { ResourceOptions, ResourceWithOptions } from "adminjs";
import type { Database } from "../core/db/database.js";
import { fieldDocumentation, type Datamodel, type DatamodelModel } from "./datamodel.js";
import { resourcePresentation } from "./locale/resource-names.js";
import type { PrismaResourceArgs } from "./prisma-resource.js";
import { derivedFields, hiddenModels, historyModels, ignoreSubmitted, inszFields, noActions, readOnlyActions, secretFields } from "./resource-rules.js";
import { accessibleFor, GENERIC_ACTIONS } from "./access/permissions.js";
import { captureAuditOrigin } from "./audit-origin.js";
import { withPasswordField } from "./user-password.js";
import { checkinActions } from "./actions/checkin-actions.js";
import { passholderActions } from "./actions/passholder-actions.js";
import { redemptionActions } from "./actions/redemption-actions.js";
import { ticketActions } from "./actions/ticket-actions.js";
import { eventSaveCodeAction } from "./actions/event-save-code.js";

/** Every model of the schema as an AdminJS resource, with its `///` help texts and Dutch navigation. */
export function buildResources(datamodel: Datamodel, db: Database): ResourceWithOptions[] {
  const clientModule = { Prisma: { dmmf: { datamodel } } };
  // The sidebar follows the order of resourcePresentation (the manual's order), not the schema's.
  const order = Object.keys(resourcePresentation);
  const position = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  const models = [...datamodel.models].sort((a, b) => position(a.name) - position(b.name));
  // Custom actions per model; each calls one use case of core/.
  const customActions: Readonly<Record<string, ResourceOptions["actions"]>> = {
    Passholder: passholderActions(db.prisma),
    Checkin: checkinActions(db.prisma),
    TicketSale: ticketActions(db.prisma),
    Redemption: redemptionActions(db.prisma),
    Event: { downloadSaveCode: eventSaveCodeAction },
  };
  return models.map((model) => {
    const resource: PrismaResourceArgs = {
      model,
      client: db.prisma,
      clientModule,
      secretFields: secretFields[model.name],
      inszFields: inszFields[model.name],
    };
    const options = optionsFor(model);
    options.actions = { ...options.actions, ...customActions[model.name] };
    return { resource, options: withRoleChecks(model.name, options) };
  });
}

function optionsFor(model: DatamodelModel): ResourceOptions {
  const presentation = resourcePresentation[model.name];
  if (hiddenModels.has(model.name)) return { navigation: false, actions: noActions };
  const properties: NonNullable<ResourceOptions["properties"]> = {};
  for (const field of model.fields) {
    // Only what @adminjs/prisma shows: AdminJS would add any other key as an extra, empty field.
    if (field.isReadOnly || (field.relationName && !field.relationFromFields?.length)) continue;
    const description = fieldDocumentation(model, field);
    if (description) properties[field.name] = { description };
  }
  const options: ResourceOptions = {
    navigation: presentation?.group ? { name: presentation.group, icon: presentation.icon } : false,
    properties,
  };
  if (historyModels.has(model.name)) options.actions = readOnlyActions;
  const derived = derivedFields[model.name];
  if (derived) {
    for (const field of derived) {
      properties[field] = { ...properties[field], isVisible: { list: true, filter: true, show: true, edit: false } };
    }
    options.actions = { new: { before: ignoreSubmitted(derived) }, edit: { before: ignoreSubmitted(derived) } };
  }
  return model.name === "User" ? withPasswordField(options) : options;
}

const WRITE_ACTIONS: ReadonlySet<string> = new Set(["new", "edit", "delete", "bulkDelete"]);

/**
 * Every generic action checks the signed-in user's role on the server (not only by hiding the button);
 * writes also note where the request came from, for the audit row the resource writes.
 */
function withRoleChecks(model: string, options: ResourceOptions): ResourceOptions {
  // The per-action types of AdminJS do not narrow by key; each entry here is a plain action option object.
  const actions = { ...options.actions } as Record<string, { isAccessible?: unknown; before?: unknown } | undefined>;
  for (const name of GENERIC_ACTIONS) {
    const action = actions[name] ?? {};
    if (action.isAccessible === false) continue;
    const before = action.before === undefined ? [] : Array.isArray(action.before) ? action.before : [action.before];
    actions[name] = {
      ...action,
      isAccessible: accessibleFor(model, name),
      ...(WRITE_ACTIONS.has(name) ? { before: [captureAuditOrigin, ...before] } : {}),
    };
  }
  return { ...options, actions: actions as ResourceOptions["actions"] };
}
