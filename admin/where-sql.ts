import type { Where } from "../core/access/scope.js";
import type { Datamodel, DatamodelField, DatamodelModel } from "./datamodel.js";

/** A SQL condition with its parameters, numbered from $1. */
export interface SqlCondition {
  sql: string;
  params: unknown[];
}

const comparisons: Readonly<Record<string, string>> = { equals: "=", gt: ">", gte: ">=", lt: "<", lte: "<=" };

/**
 * The Prisma `where` of a backoffice list (AdminJS filters and the user's scope) as a SQL condition on the
 * model's table, so PostgreSQL's planner can estimate how many rows it matches. Knows only the shapes those
 * lists produce (AND/OR, equality, comparisons, contains, relations); anything else gives null.
 */
export function whereSql(datamodel: Datamodel, model: DatamodelModel, where: Where): SqlCondition | null {
  const params: unknown[] = [];
  const param = (value: unknown) => `$${params.push(value instanceof Date ? value.toISOString() : value)}`;
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

  function condition(current: DatamodelModel, clause: Where): string | null {
    const parts: string[] = [];
    for (const [key, value] of Object.entries(clause)) {
      const part = key === "AND" || key === "OR" ? combined(current, key, value) : fieldCondition(current, key, value);
      if (part === null) return null;
      parts.push(part);
    }
    return parts.length ? parts.join(" AND ") : "TRUE";
  }

  function combined(current: DatamodelModel, key: "AND" | "OR", value: unknown): string | null {
    const clauses = (Array.isArray(value) ? value : [value]) as Where[];
    const parts = clauses.map((clause) => condition(current, clause));
    if (parts.some((part) => part === null)) return null;
    if (parts.length === 0) return key === "AND" ? "TRUE" : "FALSE";
    return `(${parts.map((part) => `(${part})`).join(` ${key} `)})`;
  }

  function fieldCondition(current: DatamodelModel, name: string, value: unknown): string | null {
    const field = current.fields.find((candidate) => candidate.name === name);
    if (!field) return null;
    if (field.kind === "object") return relationCondition(field, value);
    const column = quote(field.dbName ?? field.name);
    if (value === null) return `${column} IS NULL`;
    if (!isClause(value)) return `${column} = ${param(value)}`;
    const { mode, ...operators } = value;
    const parts: string[] = [];
    for (const [operator, operand] of Object.entries(operators)) {
      if (operator === "contains" && typeof operand === "string") {
        // Like Prisma, which passes % and _ on as wildcards: the total counts what the list shows.
        parts.push(`${column} ${mode === "insensitive" ? "ILIKE" : "LIKE"} '%' || ${param(operand)} || '%'`);
      } else if (comparisons[operator] && operand !== null && !isClause(operand)) {
        parts.push(`${column} ${comparisons[operator]} ${param(operand)}`);
      } else {
        return null;
      }
    }
    return parts.length ? parts.join(" AND ") : "TRUE";
  }

  /** A to-one relation's condition, or `some` of a to-many one, as a key IN (subquery) on the other table. */
  function relationCondition(field: DatamodelField, value: unknown): string | null {
    const target = datamodel.models.find((candidate) => candidate.name === field.type);
    if (!target || !isClause(value)) return null;
    let keys: [own: string[], theirs: string[]];
    let clause: unknown = value;
    if (field.isList) {
      const back = target.fields.find((candidate) => candidate.relationName === field.relationName && candidate.relationFromFields?.length);
      if (!back || Object.keys(value).join() !== "some") return null;
      keys = [[...(back.relationToFields ?? [])], [...(back.relationFromFields ?? [])]];
      clause = value.some;
    } else {
      keys = [[...(field.relationFromFields ?? [])], [...(field.relationToFields ?? [])]];
    }
    const [own, theirs] = keys;
    if (own.length !== 1 || theirs.length !== 1 || !isClause(clause)) return null;
    const nested = condition(target, clause);
    return nested === null ? null : `${quote(own[0]!)} IN (SELECT ${quote(theirs[0]!)} FROM ${quote(target.dbName ?? target.name)} WHERE ${nested})`;
  }

  const sql = condition(model, where);
  return sql === null ? null : { sql, params };
}

function isClause(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !(value instanceof Date) && !Array.isArray(value);
}
