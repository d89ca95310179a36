import { readdir, rm, unlink } from "node:fs/promises";
import path from "node:path";
import type { PrismaClient } from "@prisma/client";

/** How long personal data is kept; the defaults are the region's, its DPO may change them (README). */
export interface RetentionPeriods {
  /** Sent mails' bodies and their .eml files. */
  mailDays: number;
  /** Changed values, IP address and browser of audit rows; the row itself (who did what, when) stays. */
  auditDays: number;
}

export const DEFAULT_RETENTION: RetentionPeriods = { mailDays: 90, auditDays: 365 };

/** What a mail's body or an audit row's value reads after its period. */
export const REMOVED_AFTER_RETENTION = "[verwijderd na de bewaartermijn]";

export interface RetentionRound {
  mailBodies: number;
  emlFiles: number;
  auditRows: number;
}

const BATCH = 500;
const DAY_MS = 24 * 60 * 60_000;

/**
 * Removes what is older than its period: the body of every sent mail (the row keeps to whom, what subject and
 * when, so every sending stays on record) with its .eml file and any dated .eml folder, and the personal values
 * in audit rows. Unsent mails keep their body: it is still to be sent. Safe to run from several instances.
 */
export async function applyRetention(
  prisma: PrismaClient,
  { periods = DEFAULT_RETENTION, dataDir, now = new Date() }: { periods?: RetentionPeriods; dataDir?: string; now?: Date },
): Promise<RetentionRound> {
  const round: RetentionRound = { mailBodies: 0, emlFiles: 0, auditRows: 0 };
  const mailCutoff = new Date(now.getTime() - periods.mailDays * DAY_MS);
  const mailFolder = dataDir ? path.resolve(dataDir, "mail") : undefined;
  for (;;) {
    const old = await prisma.emailMessage.findMany({
      where: { status: "SENT", createdAt: { lt: mailCutoff }, OR: [{ text: { not: REMOVED_AFTER_RETENTION } }, { emlFile: { not: null } }] },
      select: { id: true, emlFile: true },
      take: BATCH,
    });
    if (old.length === 0) break;
    for (const { emlFile } of old) if (mailFolder && emlFile && (await removeFileIn(mailFolder, path.resolve(dataDir!, emlFile)))) round.emlFiles++;
    const { count } = await prisma.emailMessage.updateMany({
      where: { id: { in: old.map((mail) => mail.id) } },
      data: { html: REMOVED_AFTER_RETENTION, text: REMOVED_AFTER_RETENTION, emlFile: null },
    });
    round.mailBodies += count;
  }
  if (mailFolder) round.emlFiles += await removeDatedFolders(mailFolder, mailCutoff);

  const auditCutoff = new Date(now.getTime() - periods.auditDays * DAY_MS);
  for (;;) {
    // Keeps which fields changed; every value becomes the placeholder. Timestamps are stored as UTC without zone.
    const changed = await prisma.$executeRaw`
      UPDATE "AuditLog" SET
        "changes" = CASE WHEN jsonb_typeof("changes"::jsonb) = 'object'
          THEN (SELECT COALESCE(jsonb_object_agg("key", to_jsonb(${REMOVED_AFTER_RETENTION}::text)), '{}'::jsonb) FROM jsonb_each("changes"::jsonb))
          ELSE NULL END,
        "ip" = NULL,
        "userAgent" = NULL
      WHERE "id" IN (
        SELECT "id" FROM "AuditLog"
        WHERE "at" < (${auditCutoff.toISOString()}::timestamptz AT TIME ZONE 'UTC')
          AND ("ip" IS NOT NULL OR "userAgent" IS NOT NULL OR (
            "changes" IS NOT NULL AND jsonb_typeof("changes"::jsonb) <> 'null' AND (
              jsonb_typeof("changes"::jsonb) <> 'object'
              OR EXISTS (SELECT 1 FROM jsonb_each("changes"::jsonb) WHERE "value" <> to_jsonb(${REMOVED_AFTER_RETENTION}::text)))))
        LIMIT ${BATCH})`;
    round.auditRows += changed;
    if (changed < BATCH) break;
  }
  return round;
}

export async function removeFileIn(folder: string, file: string): Promise<boolean> {
  if (!file.startsWith(folder + path.sep)) return false;
  try {
    await unlink(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}

/** The file transport keeps mails in mail/<yyyy-mm-dd>/: folders of days before the cutoff go entirely. */
async function removeDatedFolders(folder: string, cutoff: Date): Promise<number> {
  const lastDay = cutoff.toISOString().slice(0, 10);
  let entries: string[];
  try {
    entries = await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw error;
  }
  let removed = 0;
  for (const day of entries.filter((name) => /^\d{4}-\d{2}-\d{2}$/.test(name) && name < lastDay)) {
    removed += (await readdir(path.join(folder, day)).catch(() => [])).length;
    await rm(path.join(folder, day), { recursive: true, force: true });
  }
  return removed;
}
