import type { ActionHandler, ActionResponse, Before, ResourceOptions, ResourceWithOptions } from "adminjs";
import type { Database } from "../core/db/database.js";
import { fieldDocumentation, type Datamodel, type DatamodelModel } from "./datamodel.js";
import { resourcePresentation } from "./locale/resource-names.js";
import type { PrismaResourceArgs } from "./prisma-resource.js";
import { coreManagedModels, derivedFields, exactFilterFields, formProperties, hiddenModels, historyModels, inszFields, noActions, readOnlyActions, secretFields } from "./resource-rules.js";
import { accessibleFor, GENERIC_ACTIONS } from "./access/permissions.js";
import { captureAuditOrigin } from "./audit-origin.js";
import { captureSubmittedValues } from "./submitted-values.js";
import { keepingTypedValues } from "./keep-typed-values.js";
import { withPasswordField } from "./user-password.js";
import { listFieldOptions } from "./list-fields.js";
import { checkinActions } from "./actions/checkin-actions.js";
import { passholderActions } from "./actions/passholder-actions.js";
import { redemptionActions } from "./actions/redemption-actions.js";
import { ticketActions } from "./actions/ticket-actions.js";
import { eventSaveCodeAction } from "./actions/event-save-code.js";
import { providerActions } from "./actions/provider-onboarding.js";
import { emailActions } from "./actions/email-outbox.js";
import { ioActions } from "./actions/io-actions.js";
import { auditTrailAction } from "./actions/audit-trail.js";
import { counterActions } from "./actions/counter-iban.js";
import { pillarFixedEventRule } from "./actions/pillar-rules.js";
import { couponActions } from "./actions/coupon-grant.js";
import { userActions } from "./actions/user-sessions.js";
import { screenHooks, screenOptions } from "./presentation/screen-options.js";
import { screenModels } from "./presentation/screens.js";
import { withOutOfReachReferences } from "./presentation/out-of-reach.js";
import { withLeanList } from "./lean-list.js";

/** Every model of the schema as an AdminJS resource, with its `///` help texts and Dutch navigation. */
export function buildResources(datamodel: Datamodel, db: Database, dataDir?: string): ResourceWithOptions[] {
  const clientModule = { Prisma: { dmmf: { datamodel } } };
  // The sidebar follows the order of resourcePresentation (the manual's order), not the schema's.
  const order = Object.keys(resourcePresentation);
  const position = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  const screens = screenModels(datamodel).sort((a, b) => position(a.id) - position(b.id));
  // Custom actions per model (or per screen id, e.g. ExchangeAdvantage); each calls one use case of core/.
  const customActions: Readonly<Record<string, ResourceOptions["actions"]>> = {
    Passholder: passholderActions(db.prisma, dataDir),
    Checkin: checkinActions(db.prisma),
    TicketSale: ticketActions(db.prisma),
    Redemption: redemptionActions(db.prisma),
    Event: { downloadSaveCode: eventSaveCodeAction },
    Counter: counterActions,
    Pillar: { new: { before: pillarFixedEventRule(db.prisma) }, edit: { before: pillarFixedEventRule(db.prisma) } } as ResourceOptions["actions"],
    Coupon: couponActions(db.prisma),
    Provider: providerActions(db.prisma),
    // Agreements are uploaded and downloaded on the provider's "Stappenplan", never as generic rows.
    ProviderAgreement: noActions,
    EmailMessage: emailActions(db.prisma),
    User: userActions(db.prisma),
  };
  // Imports, exports and the settlement, per screen id.
  const io = ioActions(db.prisma);
  return screens.map(({ id, model }) => {
    const resource: PrismaResourceArgs = {
      model,
      client: db.prisma,
      clientModule,
      secretFields: secretFields[model.name],
      inszFields: inszFields[model.name],
      derivedFields: derivedFields[model.name],
      exactFilterFields: exactFilterFields[model.name],
      screen: screenHooks(id, model.name, datamodel, db.prisma),
    };
    const options = optionsFor(id, model);
    options.actions = { ...options.actions, ...(customActions[id] ?? customActions[model.name]), ...io[id] };
    options.actions = withLeanList(model, withOutOfReachReferences(model, options.actions));
    // Every record but the audit trail's own rows opens its history.
    if (!hiddenModels.has(model.name) && model.name !== "AuditLog") options.actions = { ...options.actions, auditTrail: auditTrailAction(model.name) } as ResourceOptions["actions"];
    return { resource, options: withRoleChecks(model.name, options) };
  });
}

export const MONEY_EDIT_COMPONENT = "MoneyEdit";
export const MONEY_SHOW_COMPONENT = "MoneyShow";
const MONEY_COMPONENTS = { edit: MONEY_EDIT_COMPONENT, show: MONEY_SHOW_COMPONENT, list: MONEY_SHOW_COMPONENT };

function optionsFor(id: string, model: DatamodelModel): ResourceOptions {
  const presentation = resourcePresentation[id];
  if (hiddenModels.has(model.name)) return { navigation: false, actions: noActions };
  const properties: NonNullable<ResourceOptions["properties"]> = {};
  for (const field of model.fields) {
    // Only what @adminjs/prisma shows: AdminJS would add any other key as an extra, empty field.
    if (field.isReadOnly || (field.relationName && !field.relationFromFields?.length)) continue;
    const description = fieldDocumentation(model, field);
    if (description) properties[field.name] = { description };
    // @adminjs/prisma takes every DateTime for a moment; a @db.Date column is a day, without a time or a zone.
    if (field.nativeType?.[0] === "Date") properties[field.name] = { ...properties[field.name], type: "date" };
    // Amounts are kept in eurocent (…Cents) and read and typed in euro.
    if (field.type === "Int" && field.name.endsWith("Cents")) properties[field.name] = { ...properties[field.name], components: MONEY_COMPONENTS };
  }
  for (const [field, extra] of Object.entries({ ...formProperties[model.name], ...listFieldOptions(model) })) properties[field] = { ...properties[field], ...extra };
  const options: ResourceOptions = {
    ...screenOptions(id, model, properties),
    navigation: presentation?.group ? { name: presentation.group, icon: presentation.icon } : false,
  };
  if (historyModels.has(model.name) || coreManagedModels.has(model.name)) options.actions = readOnlyActions;
  const derived = derivedFields[model.name];
  if (derived) {
    for (const field of derived) {
      properties[field] = { ...properties[field], isVisible: { list: true, filter: true, show: true, edit: false } };
    }
  }
  return model.name === "User" ? withPasswordField(options) : options;
}

const WRITE_ACTIONS: ReadonlySet<string> = new Set(["new", "edit", "delete", "bulkDelete"]);

/**
 * Every generic action checks the signed-in user's role on the server (not only by hiding the button);
 * writes also note where the request came from, for the audit row the resource writes, and what the form posted.
 */
function withRoleChecks(model: string, options: ResourceOptions): ResourceOptions {
  // The per-action types of AdminJS do not narrow by key; each entry here is a plain action option object.
  const actions = { ...options.actions } as Record<string, { isAccessible?: unknown; before?: Before | Before[]; handler?: ActionHandler<ActionResponse> } | undefined>;
  for (const name of GENERIC_ACTIONS) {
    const action = actions[name] ?? {};
    if (action.isAccessible === false) continue;
    const before = action.before === undefined ? [] : Array.isArray(action.before) ? action.before : [action.before];
    const form = name === "new" || name === "edit" ? { before: [captureAuditOrigin, captureSubmittedValues], handler: keepingTypedValues(name, action.handler, before) } : undefined;
    actions[name] = {
      ...action,
      isAccessible: accessibleFor(model, name),
      ...(form ?? (WRITE_ACTIONS.has(name) ? { before: [captureAuditOrigin, captureSubmittedValues, ...before] } : {})),
    };
  }
  return { ...options, actions: actions as ResourceOptions["actions"] };
}
