import type { ProviderAgreement } from "@prisma/client";
import { actorLabel, type Actor, type RequestMeta } from "../access/actor.js";
import { recordAudit } from "../audit/record-audit.js";
import { CardSystemError } from "../errors.js";
import { inTransaction, type Db } from "../transaction.js";
import { lockProvider } from "./load-provider.js";

export const MAX_AGREEMENT_BYTES = 10 * 1024 * 1024;

// The file's own first bytes decide its type, not the name or what the browser claims.
const signatures: { contentType: string; magic: number[] }[] = [
  { contentType: "application/pdf", magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { contentType: "image/png", magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { contentType: "image/jpeg", magic: [0xff, 0xd8, 0xff] },
];

function contentTypeOf(content: Buffer): string | undefined {
  return signatures.find(({ magic }) => magic.every((byte, index) => content[index] === byte))?.contentType;
}

/**
 * Step 2: stores the signed cooperation agreement in the database (a new upload adds a version, nothing is
 * replaced) and records its signing date; the file's name on the provider shows the latest.
 */
export async function uploadAgreement(
  db: Db,
  input: { providerId: unknown; fileName: string; content: Buffer; signedAt?: Date | null; actor: Actor; request?: RequestMeta },
): Promise<Omit<ProviderAgreement, "contentBase64">> {
  const contentType = contentTypeOf(input.content);
  if (!contentType || input.content.length === 0 || input.content.length > MAX_AGREEMENT_BYTES) {
    throw new CardSystemError("AGREEMENT_FILE_INVALID", { field: "agreement" });
  }
  const fileName = input.fileName.replace(/[\\/\r\n\t\0]/g, "_").trim().slice(-200) || "overeenkomst";
  return inTransaction(db, async (tx) => {
    const provider = await lockProvider(tx, input.actor, input.providerId);
    const agreement = await tx.providerAgreement.create({
      data: { providerId: provider.id, fileName, contentType, size: input.content.length, contentBase64: input.content.toString("base64"), uploadedBy: actorLabel(input.actor) },
      omit: { contentBase64: true },
    });
    const signedAt = input.signedAt ?? provider.agreementSignedAt;
    await tx.provider.update({ where: { id: provider.id }, data: { agreementFile: fileName, agreementSignedAt: signedAt } });
    await recordAudit(tx, {
      actor: input.actor,
      request: input.request,
      action: "provider.uploadAgreement",
      resource: "Provider",
      recordId: provider.id,
      changes: { agreementFile: fileName, agreementSignedAt: signedAt?.toISOString() ?? null, size: agreement.size, contentType },
    });
    return agreement;
  });
}
