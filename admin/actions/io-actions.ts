import type { PrismaClient, Role } from "@prisma/client";
import type { Action, ActionContext, ActionRequest, ActionResponse, CurrentAdmin } from "adminjs";
import { isCardSystemError } from "../../core/errors.js";
import { settlementPeriod } from "../../core/reports/settlement-period.js";
import { actorOf } from "../access/actor.js";
import { roleMay } from "../../core/access/role-may.js";
import { exportPath, settleFor, settlementPath } from "../exports/export-routes.js";
import { settlementTable } from "../exports/settlement-table.js";
import { importCodesAction } from "./import-codes-action.js";

export const EXPORT_LIST_COMPONENT = "ExportList";
export const SETTLEMENT_COMPONENT = "KansentariefSettlement";

const mayList = (model: string) => ({ currentAdmin }: { currentAdmin?: CurrentAdmin }) =>
  roleMay((currentAdmin as { role?: Role } | undefined)?.role, model, "list");

/**
 * "Exporteren" on a list: opens over the list (keeping its filters in the address) and offers the files. The
 * files themselves come from export-routes, which checks the user and the scope again.
 */
function exportListAction(model: string): Partial<Action<ActionResponse>> {
  return {
    actionType: "resource",
    icon: "Download",
    showInDrawer: true,
    component: EXPORT_LIST_COMPONENT,
    isAccessible: mayList(model),
    handler: async (_request, _response, context: ActionContext) => {
      const root = context._admin.options.rootPath;
      return { downloads: { csv: exportPath(root, model, "csv"), xlsx: exportPath(root, model, "xlsx") } };
    },
  };
}

/** Toegekende kansentarieven → "Financiële afrekening": per organising counter and period, on screen and as a file. */
function settlementAction(client: PrismaClient): Partial<Action<ActionResponse>> {
  return {
    actionType: "resource",
    icon: "Euro",
    component: SETTLEMENT_COMPONENT,
    isAccessible: mayList("TicketSale"),
    handler: async (request: ActionRequest, _response, context: ActionContext) => {
      const root = context._admin.options.rootPath;
      const { from, to } = (request.query ?? {}) as Record<string, unknown>;
      if (from === undefined && to === undefined) return {};
      const actor = await actorOf(client, context);
      if (!actor) return { notice: { type: "error", message: "Meld je opnieuw aan." } };
      try {
        const period = settlementPeriod(from, to);
        const table = settlementTable(await settleFor(client, actor, period));
        const query = `?from=${period.fromDay}&to=${period.toDay}`;
        return { table, downloads: { csv: settlementPath(root, "csv") + query, xlsx: settlementPath(root, "xlsx") + query } };
      } catch (error) {
        if (!isCardSystemError(error)) throw error;
        return { notice: { type: "error", message: error.message }, errors: { [error.field ?? "from"]: { message: error.message } } };
      }
    },
  };
}

/** Imports and reports per screen: exports of the manual's four lists, the settlement, and the unique-code import. */
export function ioActions(client: PrismaClient): Readonly<Record<string, Record<string, Partial<Action<ActionResponse>>>>> {
  const importCodes = importCodesAction(client);
  return {
    Passholder: { exportList: exportListAction("Passholder") },
    Checkin: { exportList: exportListAction("Checkin") },
    TicketSale: { exportList: exportListAction("TicketSale"), settlement: settlementAction(client) },
    Redemption: { exportList: exportListAction("Redemption") },
    // Omruilvoordelen, and the screen of both kinds that redemptions and codes link to.
    ExchangeAdvantage: { importCodes },
    Advantage: { importCodes },
  };
}
