// The backoffice's access matrix as the running app declares it, and what a refusal and "nothing changed" look like.
import { createHash } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import type { Where } from "../../core/access/scope.js";
import type { Datamodel, DatamodelModel } from "../../admin/datamodel.js";
import { partScreens } from "../../admin/presentation/screens.js";
import type { ApiAnswer, DemoBackoffice } from "../server/access-setup.js";
import { get, postForm, type Browser } from "../server/http.js";

export const API = "/admin/api/resources";

export type Answer = ApiAnswer & { location: string | null };

export interface MatrixAction {
  name: string;
  actionType: "resource" | "record" | "bulk";
}

export interface MatrixResource {
  /** The AdminJS resource id (a screen, e.g. WelcomeAdvantage). */
  id: string;
  model: DatamodelModel;
  /** Field values every row of the screen has (a part screen of a model). */
  fixed: Record<string, unknown>;
  actions: MatrixAction[];
}

type Row = Record<string, unknown>;
type Delegate = { findFirst(args: { where: Where }): Promise<Row | null>; findMany(args?: { where?: Where }): Promise<Row[]>; count(args: { where: Where }): Promise<number> };

export function delegateOf(prisma: PrismaClient, model: string): Delegate {
  return (prisma as unknown as Record<string, Delegate>)[model.charAt(0).toLowerCase() + model.slice(1)]!;
}

/**
 * Every resource and action the AdminJS instance serves, read from the state it hands the coordinator's browser
 * (window.REDUX_STATE of /admin), so a new resource or action joins the matrix by itself.
 */
export async function servedMatrix(app: DemoBackoffice, coordinator: Browser, datamodel: Datamodel): Promise<MatrixResource[]> {
  const html = await (await get(app.base, "/admin", coordinator)).text();
  const json = /window\.REDUX_STATE = (\{[\s\S]*?\});\s*\n/.exec(html)?.[1];
  if (!json) throw new Error("no REDUX_STATE in the backoffice page");
  const state = JSON.parse(json) as { resources: Array<{ id: string; actions: MatrixAction[] }> };
  return state.resources.map(({ id, actions }) => {
    const part = partScreens[id];
    const model = datamodel.models.find((candidate) => candidate.name === (part?.model ?? id));
    if (!model) throw new Error(`resource ${id} has no model`);
    return { id, model, fixed: part?.fixed ?? {}, actions: actions.map(({ name, actionType }) => ({ name, actionType })) };
  });
}

/** The API address of an action: on the record with this id, on these ids (bulk), or on the resource. */
export function actionPath(resource: MatrixResource, action: MatrixAction, id: string): string {
  if (action.actionType === "record") return `${API}/${resource.id}/records/${id}/${action.name}`;
  if (action.actionType === "bulk") return `${API}/${resource.id}/bulk/${action.name}?recordIds=${id}`;
  return `${API}/${resource.id}/actions/${action.name}`;
}

/** The id AdminJS uses in URLs for a row: its key, or "a,b" for a composite key (see PrismaResource). */
export function recordId(model: DatamodelModel, row: Row): string {
  const fields = model.primaryKey?.fields ?? [model.fields.find((field) => field.isId)!.name];
  return fields.map((field) => encodeURIComponent(keyText(row[field]))).join(",");
}

function keyText(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

/** The condition that picks exactly this row. */
export function rowWhere(model: DatamodelModel, row: Row): Where {
  const fields = model.primaryKey?.fields ?? [model.fields.find((field) => field.isId)!.name];
  return Object.fromEntries(fields.map((field) => [field, row[field]]));
}

/** A row of the resource's screen that lies outside `scope` (any row when `scope` is null: none is allowed). */
export async function rowOutside(prisma: PrismaClient, resource: MatrixResource, scope: Where | null): Promise<Row | null> {
  const delegate = delegateOf(prisma, resource.model.name);
  const screen = resource.fixed;
  if (!scope) return delegate.findFirst({ where: screen });
  if (Object.keys(scope).length === 0) return null;
  return delegate.findFirst({ where: { AND: [screen, { NOT: scope }] } });
}

/** A row of the screen inside `inside` but outside `outside`: e.g. a regional advantage an administrator sees but may not change. */
export async function rowBetween(prisma: PrismaClient, resource: MatrixResource, inside: Where, outside: Where): Promise<Row | null> {
  if (Object.keys(outside).length === 0) return null;
  return delegateOf(prisma, resource.model.name).findFirst({ where: { AND: [resource.fixed, inside, { NOT: outside }] } });
}

/** How many of these ids name rows of `model` outside `scope`. */
export async function countOutside(prisma: PrismaClient, model: DatamodelModel, ids: string[], scope: Where | null): Promise<number> {
  if (ids.length === 0) return 0;
  const delegate = delegateOf(prisma, model.name);
  const keys = ids.map((id) => {
    const fields = model.primaryKey?.fields ?? [model.fields.find((field) => field.isId)!.name];
    const parts = id.split(",").map((part) => decodeURIComponent(part));
    return Object.fromEntries(fields.map((field, index) => [field, columnOf(model, field, parts[index]!)]));
  });
  return delegate.count({ where: scope ? { AND: [{ OR: keys }, { NOT: scope }] } : { OR: keys } });
}

function columnOf(model: DatamodelModel, field: string, text: string): unknown {
  const type = model.fields.find((candidate) => candidate.name === field)?.type;
  if (type === "Int") return Number(text);
  if (type === "DateTime") return new Date(text);
  return text;
}

/** The value a list filter on `field` (a column or a relation) takes for this row. */
export function filterValue(model: DatamodelModel, field: string, row: Row): string | null {
  const relation = model.fields.find((candidate) => candidate.name === field);
  const column = relation?.relationFromFields?.[0] ?? field;
  const value = row[column];
  return value === null || value === undefined ? null : keyText(value);
}

/**
 * A hash of every row of every table (sessions and rate-limit counters aside, which each request may touch): equal
 * fingerprints mean no row was created, changed or deleted.
 */
export async function fingerprint(prisma: PrismaClient, datamodel: Datamodel, skip: ReadonlySet<string> = new Set()): Promise<Record<string, string>> {
  const tables: Record<string, string> = {};
  for (const model of datamodel.models) {
    if (["Session", "RateLimit", ...skip].includes(model.name)) continue;
    const rows = await delegateOf(prisma, model.name).findMany();
    // Sorted: PostgreSQL need not return unchanged rows in the same order twice.
    const lines = rows.map((row) => JSON.stringify(row, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value))).sort();
    tables[model.name] = `${rows.length}:${createHash("sha256").update(lines.join("\n")).digest("hex").slice(0, 16)}`;
  }
  return tables;
}

/**
 * A refusal as the backoffice gives it: a 4xx (not found, forbidden, a CSRF or validation refusal), a redirect to
 * the login page, or AdminJS's error notice, carrying no record's values either way.
 */
export function isRefusal(answer: Answer): boolean {
  if (answer.status >= 500) return false;
  const leaked = Object.keys(answer.body.record?.params ?? {}).length > 0 || (answer.body.records ?? []).length > 0;
  if (leaked) return false;
  if (answer.status === 302) return (answer.location ?? "").startsWith("/admin/login");
  return answer.status >= 400 || answer.body.notice?.type === "error";
}

/** One request as this browser, answered as AdminJS's API answers (status, JSON body, text) plus where a redirect goes. */
export async function probe(app: DemoBackoffice, browser: Browser, method: "GET" | "POST", path: string, fields: Record<string, string> = {}): Promise<Answer> {
  const response = method === "GET" ? await get(app.base, path, browser) : await postForm(app.base, path, fields, browser);
  const text = await response.text();
  let body: ApiAnswer["body"] = {};
  try {
    body = JSON.parse(text) as ApiAnswer["body"];
  } catch {
    // an HTML page or plain text: judged by status and text
  }
  return { status: response.status, body, text, location: response.headers.get("location") };
}
