import type { Actor } from "../access/actor.js";
import { mayActInMunicipality } from "../access/authorize.js";
import { CardSystemError } from "../errors.js";
import type { Db, Tx } from "../transaction.js";
import { requireIntId } from "../validation/ids.js";
import type { ProviderFacts } from "./onboarding-steps.js";

const facts = {
  municipality: { include: { cardSystem: true } },
  counter: { select: { name: true, iban: true } },
  agreements: { select: { uploadedAt: true, uploadedBy: true }, orderBy: { uploadedAt: "desc" }, take: 1 },
} as const;

export async function loadProvider(db: Db, providerId: unknown) {
  const id = requireIntId(providerId, "providerId", "PROVIDER_NOT_FOUND");
  const provider = await db.provider.findUnique({ where: { id }, include: facts });
  if (!provider) throw new CardSystemError("PROVIDER_NOT_FOUND", { field: "providerId" });
  return provider satisfies ProviderFacts;
}

/**
 * The provider with what the steps need, its row locked: two clicks on a step never both pass. A municipal
 * administrator reaches only their municipality's providers; any other reads as unknown.
 */
export async function lockProvider(tx: Tx, actor: Actor, providerId: unknown) {
  const id = requireIntId(providerId, "providerId", "PROVIDER_NOT_FOUND");
  await tx.$queryRaw`SELECT "id" FROM "Provider" WHERE "id" = ${id} FOR UPDATE`;
  const provider = await loadProvider(tx, id);
  if (!mayActInMunicipality(actor, provider.municipalityId)) throw new CardSystemError("PROVIDER_NOT_FOUND", { field: "providerId" });
  return provider;
}
