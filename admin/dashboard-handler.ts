import type { ActionContext } from "adminjs";
import type { Database } from "../core/db/database.js";
import { dashboardFigures, type DashboardFigures } from "../core/reports/dashboard-figures.js";
import { actorOf } from "./access/actor.js";

/** What the start page receives: the figures the signed-in user may see, and whose figures they are. */
export interface DashboardData {
  figures: DashboardFigures | null;
  /** The municipality the figures are limited to; null means the whole region. */
  municipality: string | null;
}

/**
 * AdminJS's dashboard handler (GET /admin/api/dashboard). A municipal administrator gets only their
 * municipality's figures; the user is read from the database, as for every other backoffice call.
 */
export function dashboardHandler(db: Database) {
  return async (_request: unknown, _response: unknown, context: Partial<ActionContext>): Promise<DashboardData> => {
    const actor = await actorOf(db.prisma, context);
    if (!actor || (actor.role === "MUNICIPAL_ADMIN" && actor.municipalityId === null)) return { figures: null, municipality: null };
    if (actor.role === "COORDINATOR") return { figures: await dashboardFigures(db.prisma), municipality: null };
    const municipalityId = actor.municipalityId!;
    const [figures, municipality] = await Promise.all([
      dashboardFigures(db.prisma, { municipalityId }),
      db.prisma.municipality.findUnique({ where: { id: municipalityId }, select: { name: true } }),
    ]);
    return { figures, municipality: municipality?.name ?? null };
  };
}
