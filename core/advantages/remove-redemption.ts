import type { Redemption } from "@prisma/client";
import { actorLabel, type Actor, type RequestMeta } from "../access/actor.js";
import { counterForActor, mayActInMunicipality } from "../access/authorize.js";
import { recordAudit } from "../audit/record-audit.js";
import { CardSystemError } from "../errors.js";
import { lockPassholder } from "../passholders/lock-passholder.js";
import { recordPoints } from "../points/ledger.js";
import { inTransaction, type Db } from "../transaction.js";
import { requireUuid } from "../validation/ids.js";
import { requireReason } from "../validation/reason.js";
import { retryOnConflict } from "../retry-on-conflict.js";

export interface RemoveRedemptionInput {
  redemptionId: string;
  /** Why it was wrong; kept with the redemption. */
  reason: string;
  /** At a counter: only a redemption made at that counter. Without one (backoffice), the actor's municipality decides. */
  counterId?: unknown;
  actor: Actor;
  request?: RequestMeta;
  at?: Date;
}

export interface RemoveRedemptionResult {
  redemption: Redemption;
  /** Points given back (0 for a welcome advantage). */
  pointsReturned: number;
  balance: number;
}

/**
 * "Opname verwijderen": the passholder sees the advantage again. The redemption stays (status REMOVED with
 * who, when and why), its points come back through the ledger, the unit returns to stock. A unique code that
 * was handed out stays with the removed redemption: it may already have been used.
 */
export async function removeRedemption(db: Db, input: RemoveRedemptionInput): Promise<RemoveRedemptionResult> {
  const reason = requireReason(input.reason);
  const redemptionId = requireUuid(input.redemptionId, "redemptionId", "REDEMPTION_NOT_FOUND");
  const at = input.at ?? new Date();

  return retryOnConflict(db, () =>
    inTransaction(db, async (tx) => {
      const counter = input.counterId === undefined ? undefined : await counterForActor(tx, input.actor, input.counterId);
      const found = await tx.redemption.findUnique({
        where: { id: redemptionId },
        select: { passholderId: true, counterId: true, passholder: { select: { municipalityId: true } } },
      });
      const allowed = found && (counter ? found.counterId === counter.id : mayActInMunicipality(input.actor, found.passholder.municipalityId));
      if (!found || !allowed) throw new CardSystemError("REDEMPTION_NOT_FOUND", { field: "redemptionId" });
      const { points: before } = await lockPassholder(tx, found.passholderId);

      const removed = await tx.redemption.updateMany({
        where: { id: redemptionId, status: "ACTIVE" },
        data: { status: "REMOVED", removedAt: at, removedBy: actorLabel(input.actor), removalReason: reason },
      });
      if (removed.count === 0) throw new CardSystemError("REDEMPTION_ALREADY_REMOVED", { field: "redemptionId" });
      const redemption = await tx.redemption.findUniqueOrThrow({ where: { id: redemptionId } });

      // Guarded so a count edited by hand can never go below zero (the CHECK constraint would refuse).
      await tx.$executeRaw`
        UPDATE "Advantage" SET "redeemedCount" = "redeemedCount" - 1
        WHERE "id" = ${redemption.advantageId} AND "redeemedCount" > 0`;

      const balance =
        redemption.points > 0
          ? await recordPoints(tx, {
              passholderId: redemption.passholderId,
              type: "REDEMPTION_REMOVAL",
              amount: redemption.points,
              redemptionId: redemption.id,
              createdBy: actorLabel(input.actor),
              note: reason,
              at,
            })
          : before;
      await recordAudit(tx, {
        actor: input.actor,
        request: input.request,
        action: "redemption.remove",
        resource: "Redemption",
        recordId: redemption.id,
        changes: { status: "REMOVED", removalReason: reason, pointsReturned: redemption.points },
      });
      return { redemption, pointsReturned: redemption.points, balance };
    }),
  );
}
