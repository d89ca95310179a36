import { BaseRecord, Filter, flat, populateProperty, SortSetter, type Action, type ActionHandler, type CurrentAdmin, type ActionResponse, type RecordJSON, type ResourceOptions } from "adminjs";
import type { DatamodelModel } from "./datamodel.js";
import { nameOutOfReach, referencesOf } from "./presentation/out-of-reach.js";

/** AdminJS's own ceiling for a page. */
const PER_PAGE_LIMIT = 500;
const DEFAULT_PER_PAGE = 10;

/**
 * The list action, answering what the list screen shows. AdminJS's own handler reads the total only after the
 * rows, fills in every reference (also those the list does not show) and sends each referenced row whole, with
 * all its fields and actions: a page of ten check-ins was 115 KB. Here the rows and the total are read side by side,
 * only the references of the list's columns are filled in, and each as what its cell shows: the name, and the link
 * when the reader may open it, or the placeholder of one they may not (presentation/out-of-reach.ts). Scope, filters
 * and sorting are the resource's, as before.
 */
function leanListHandler(model: DatamodelModel): ActionHandler<ActionResponse> {
  const references = referencesOf(model);
  return async (request, _response, context) => {
    const { sortBy, direction, filters = {}, page: pageAsked, perPage: perPageAsked } = flat.unflatten<Record<string, string>, ListQuery>(request.query ?? {});
    const { resource, currentAdmin } = context;
    // A page typed into the address (page=-1, perPage=abc) is read as the nearest one there is.
    const perPage = Math.min(Math.max(Math.trunc(Number(perPageAsked)) || DEFAULT_PER_PAGE, 1), PER_PAGE_LIMIT);
    const page = Math.max(Math.trunc(Number(pageAsked)) || 1, 1);
    const decorated = resource.decorate();
    const listProperties = decorated.getListProperties();
    const firstSortable = listProperties.find((property) => property.isSortable());
    const sort = firstSortable ? SortSetter({ sortBy, direction }, firstSortable.name(), decorated.options) : undefined;
    const filter = await new Filter(filters, resource).populate(context);
    const shownReferences = listProperties.filter((property) => property.reference());
    const [records, total] = await Promise.all([
      resource.find(filter, { limit: perPage, offset: (page - 1) * perPage, sort }, context).then(async (rows) => {
        await Promise.all(shownReferences.map((property) => populateProperty(rows, property, context)));
        return rows;
      }),
      resource.count(filter, context),
    ]);
    context.records = records;
    const shownPaths = new Set(shownReferences.map((property) => property.propertyPath));
    const named = references.filter((reference) => shownPaths.has(reference.name));
    const rows = records.map((record) => listRow(record, currentAdmin));
    for (const row of rows) nameOutOfReach(row, named);
    return { meta: { total, perPage, page, direction: sort?.direction, sortBy: sort?.sortBy }, records: rows };
  };
}

interface ListQuery {
  sortBy?: string;
  direction?: "asc" | "desc";
  filters?: Record<string, unknown>;
  page?: string;
  perPage?: string;
}

/** The row as AdminJS answers it, its references reduced to their cells. */
function listRow(record: BaseRecord, admin: CurrentAdmin | undefined): RecordJSON {
  // A reference the reader may not open stays its bare id (AdminJS's populator); nameOutOfReach names it.
  const read = Object.entries(record.populated).filter((entry): entry is [string, BaseRecord] => entry[1] instanceof BaseRecord);
  const cells = Object.fromEntries(read.map(([path, reference]) => [path, referenceCell(reference, admin)]));
  record.populated = {};
  return { ...record.toJSON(admin), populated: cells };
}

function referenceCell(reference: BaseRecord, admin: CurrentAdmin | undefined): RecordJSON {
  const decorated = reference.resource.decorate();
  const show = decorated.actions.show;
  const mayOpen = show !== undefined && show.isVisible(admin, reference) && show.isAccessible(admin, reference);
  return {
    id: reference.id(),
    title: decorated.titleOf(reference),
    params: {},
    populated: {},
    errors: {},
    baseError: null,
    recordActions: mayOpen ? [show.toJSON(admin)] : [],
    bulkActions: [],
  };
}

/** The screen's actions with the list answered by leanListHandler, unless the list is closed to everyone. */
export function withLeanList(model: DatamodelModel, actions: ResourceOptions["actions"]): ResourceOptions["actions"] {
  const all = { ...actions } as Record<string, Partial<Action<ActionResponse>> | undefined>;
  if (all.list?.isAccessible === false) return actions;
  all.list = { ...all.list, handler: leanListHandler(model) };
  return all as ResourceOptions["actions"];
}
