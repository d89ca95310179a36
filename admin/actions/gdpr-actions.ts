import type { PrismaClient, Role } from "@prisma/client";
import type { Action, ActionContext, ActionResponse, CurrentAdmin, RecordActionResponse } from "adminjs";
import { roleMay } from "../../core/access/role-may.js";
import { ANONYMISE_CONFIRMATION, anonymisePassholder } from "../../core/gdpr/anonymise-passholder.js";
import { gdprExportPaths } from "../gdpr-routes.js";
import { reasonRecordAction, text } from "./record-action.js";

export const PASSHOLDER_DATA_EXPORT_COMPONENT = "PassholderDataExport";

const coordinatorMay = (action: string) => ({ currentAdmin }: { currentAdmin?: CurrentAdmin }): boolean =>
  roleMay((currentAdmin as { role?: Role } | undefined)?.role, "Passholder", action);

/** "Gegevens downloaden (AVG)": the screen offers the document and the JSON, served by gdpr-routes (which ask core). */
function exportPersonalDataAction(): Partial<Action<ActionResponse>> {
  const may = coordinatorMay("exportPersonalData");
  return {
    actionType: "record",
    icon: "Download",
    component: PASSHOLDER_DATA_EXPORT_COMPONENT,
    isAccessible: may,
    isVisible: may,
    handler: async (_request: unknown, _response: unknown, context: ActionContext): Promise<RecordActionResponse & { downloads: ReturnType<typeof gdprExportPaths> }> => {
      const record = context.record!;
      return { record: record.toJSON(context.currentAdmin), downloads: gdprExportPaths(context.h.options.rootPath, String(record.id())) };
    },
  };
}

/** "Pashouder anonimiseren": irreversible, so the form asks a reason and the word ANONIMISEREN typed in. */
function anonymiseAction(client: PrismaClient, dataDir: string | undefined): Partial<Action<ActionResponse>> {
  const may = coordinatorMay("anonymise");
  return {
    ...reasonRecordAction(client, {
      model: "Passholder",
      icon: "UserX",
      guard: "guardAnonymise",
      custom: { confirmWord: ANONYMISE_CONFIRMATION },
      run: async ({ id, payload, actor, request }) => {
        const done = await anonymisePassholder(client, { passholderId: id, reason: text(payload, "reason"), confirmation: payload.confirmation, dataDir, actor, request });
        return `Pashouder geanonimiseerd: ${done.cardsBlocked} kaart(en) geblokkeerd, ${done.mailsRemoved} mail(s) en ${done.sessionsEnded} sessie(s) verwijderd. Tickets, check-ins en punten blijven bewaard zonder naam.`;
      },
    }),
    isAccessible: may,
    isVisible: may,
  };
}

export function gdprActions(client: PrismaClient, dataDir: string | undefined) {
  return { exportPersonalData: exportPersonalDataAction(), anonymise: anonymiseAction(client, dataDir) };
}
