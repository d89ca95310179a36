import type { PrismaClient } from "@prisma/client";
import { Filter, flat, type ActionContext } from "adminjs";
import type AdminJS from "adminjs";
import express, { type Request, type Response } from "express";
import { recordAudit, sensitiveFields } from "../../core/audit/record-audit.js";
import type { Database } from "../../core/db/database.js";
import { isCardSystemError } from "../../core/errors.js";
import { kansentariefSettlement } from "../../core/reports/kansentarief-settlement.js";
import { settlementPeriod } from "../../core/reports/settlement-period.js";
import { actorOf, type Actor } from "../access/actor.js";
import { roleMay } from "../../core/access/role-may.js";
import type { PrismaResource } from "../prisma-resource.js";
import { exporters } from "./export-definitions.js";
import { settlementTable } from "./settlement-table.js";
import { contentTypes, tableWriter, type Cell, type ExportFormat, type TableWriter } from "./table-writer.js";

const PAGE_SIZE = 1_000;
const EXPORT_BASE = "/export";
const SETTLEMENT_BASE = "/afrekening";

/** Where a list's export lives, below the backoffice root; the list's query string (its filters) goes along. */
export function exportPath(rootPath: string, resourceId: string, format: ExportFormat): string {
  return `${rootPath}${EXPORT_BASE}/${resourceId}/${format}`;
}

export function settlementPath(rootPath: string, format: ExportFormat): string {
  return `${rootPath}${SETTLEMENT_BASE}/${format}`;
}

class ExportRefusal extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

function formatOf(value: unknown): ExportFormat {
  if (value === "csv" || value === "xlsx") return value;
  throw new ExportRefusal(404, "Onbekend bestandsformaat: kies CSV of XLSX.");
}

/** Filter values as the audit row keeps them: what was filtered on, never an INSZ. */
function auditedFilters(filters: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(filters).map(([field, value]) => [field, sensitiveFields.has(field) ? "[verborgen]" : value]));
}

/** The list URL's filters (`filters.lastName=…`), as AdminJS's list reads them. */
function listFilters(query: Record<string, unknown>): Record<string, unknown> {
  return flat.unflatten<Record<string, unknown>, { filters?: Record<string, unknown> }>(query).filters ?? {};
}

async function signedInActor(client: PrismaClient, req: Request): Promise<Actor> {
  // The session user is what AdminJS hands its actions as currentAdmin.
  const actor = await actorOf(client, { currentAdmin: req.session.adminUser } as unknown as Partial<ActionContext>);
  if (!actor) throw new ExportRefusal(403, "Je hebt geen toegang tot deze export. Meld je aan als beheerder.");
  return actor;
}

function download(res: Response, format: ExportFormat, name: string): void {
  const date = new Date().toISOString().slice(0, 10);
  res.status(200).type(contentTypes[format]).attachment(`${name}-${date}.${format}`).set("Cache-Control", "private, no-store");
}

async function writeAll(writer: TableWriter, pages: AsyncIterable<Cell[][]> | Iterable<Cell[][]>): Promise<void> {
  for await (const rows of pages) await writer.rows(rows);
  await writer.end();
}

/**
 * The reports of the manual as files: the lists of passholders, check-ins, tickets and redemptions with the
 * list's filters, and the financial settlement of kansentarief. Each checks the user again, reads only their
 * scope, writes an audit row, and streams page by page.
 */
export function exportRoutes({ admin, db }: { admin: AdminJS; db: Database }): express.Router {
  const router = express.Router();
  const origin = (req: Request) => ({ ip: req.ip, userAgent: req.get("user-agent") });

  const handle = (work: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
    try {
      await work(req, res);
    } catch (error) {
      if (res.headersSent) {
        res.destroy(error as Error);
        return;
      }
      if (error instanceof ExportRefusal) res.status(error.status).type("text/plain").send(error.message);
      else if (isCardSystemError(error)) res.status(error.status).type("text/plain").send(error.message);
      else throw error;
    }
  };

  router.get(
    `${EXPORT_BASE}/:resourceId/:format`,
    handle(async (req, res) => {
      const format = formatOf(req.params.format);
      const model = String(req.params.resourceId);
      const exporter = exporters[model];
      if (!exporter) throw new ExportRefusal(404, "Voor deze lijst bestaat geen export.");
      const actor = await signedInActor(db.prisma, req);
      if (!roleMay(actor.role, model, "list")) throw new ExportRefusal(403, "Je mag deze lijst niet exporteren.");
      const filters = listFilters(req.query as Record<string, unknown>);
      // The list's own resource decides which rows the filters select, so the file holds what the list shows.
      const resource = admin.findResource(model) as PrismaResource;
      const context = { currentAdmin: req.session.adminUser, action: { name: "list" } } as unknown as Partial<ActionContext>;
      const where = await resource.listWhere(new Filter(filters, resource), context);
      if (!where) throw new ExportRefusal(403, "Je mag deze lijst niet exporteren.");
      await recordAudit(db.prisma, {
        actor,
        action: `export.${format}`,
        resource: model,
        recordId: exporter.name,
        changes: { filters: auditedFilters(filters) },
        request: origin(req),
      });
      download(res, format, exporter.name);
      const writer = tableWriter(format, res, exporter.name, exporter.headers(actor));
      await writeAll(writer, exporter.pages(db.prisma, where, actor, PAGE_SIZE));
    }),
  );

  router.get(
    `${SETTLEMENT_BASE}/:format`,
    handle(async (req, res) => {
      const format = formatOf(req.params.format);
      const actor = await signedInActor(db.prisma, req);
      const period = settlementPeriod(req.query.from, req.query.to);
      const table = settlementTable(await settleFor(db.prisma, actor, period));
      await recordAudit(db.prisma, {
        actor,
        action: `export.${format}`,
        resource: "TicketSale",
        recordId: "afrekening-kansentarief",
        changes: { from: period.fromDay, to: period.toDay },
        request: origin(req),
      });
      const name = `afrekening-kansentarief-${period.fromDay}-${period.toDay}`;
      download(res, format, name);
      await writeAll(tableWriter(format, res, "Afrekening", table.headers), [table.rows]);
    }),
  );
  return router;
}

/** The settlement this user may see: the whole region for a coordinator, their municipality's counters otherwise. */
export async function settleFor(client: PrismaClient, actor: Actor, period: { from: Date; to: Date }) {
  if (!roleMay(actor.role, "TicketSale", "list")) throw new ExportRefusal(403, "Je mag de financiële afrekening niet bekijken.");
  const municipalityId = actor.role === "COORDINATOR" ? undefined : (actor.municipalityId ?? -1);
  return kansentariefSettlement(client, { from: period.from, to: period.to, municipalityId });
}
