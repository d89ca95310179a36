import type { PrismaClient } from "@prisma/client";
import type { World } from "../helpers/fixtures.js";

/** A minimal PDF: enough for the type check, which reads the file's first bytes. */
export const SIGNED_PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

/** The card system's mail settings and Eeklo's local contact address, as a coordinator fills them in. */
export async function configureMailSettings(prisma: PrismaClient, world: World): Promise<void> {
  await prisma.cardSystem.update({
    where: { id: world.cardSystemId },
    data: {
      coordinatorEmail: "uitpasmeetjesland@comeet.be",
      brandColor: "#e6007e",
      logoUrl: "https://www.uitpasmeetjesland.be/logo.png",
      footerOrganisation: "COMEET",
      footerSupportedBy: "het Europees Landbouwfonds voor Plattelandsontwikkeling en de provincie Oost-Vlaanderen",
      footerAddress: "Pastoor De Nevestraat 8, 9900 Eeklo",
      footerPhone: "09 373 75 96",
      footerEmail: "uitpasmeetjesland@comeet.be",
      helpdeskEmail: "info@uitpas.be",
      replyToEmail: "antwoord@comeet.be",
      providerManualUrl: "https://www.uitpasmeetjesland.be/uitpaspartner",
      bannerUrl: "https://www.uitpasmeetjesland.be/uitpaspartner/banner",
      newsletterUrl: "https://www.uitpasmeetjesland.be/nieuwsbrief-aanbieders",
    },
  });
  await prisma.municipality.update({ where: { id: world.eeklo }, data: { contactEmail: "uitpas@eeklo.be" } });
  await prisma.counter.update({ where: { id: world.authorisedCounter }, data: { iban: "BE68539007547034" } });
}

/** A provider in Eeklo with every step before the welcome mail done, except the agreement upload. */
export function createReadyProvider(prisma: PrismaClient, world: World, name: string) {
  const day = new Date(world.now.getTime() - 7 * 24 * 3_600_000);
  return prisma.provider.create({
    data: {
      name,
      uitidEmail: `info@${name.toLowerCase().replace(/[^a-z]+/g, "")}.be`,
      uitidEmailReceivedAt: day,
      municipalityId: world.eeklo,
      counterId: world.authorisedCounter,
      agreementSignedAt: day,
      collegeApprovedAt: day,
      regionFormFilledAt: day,
      counterAdjustedAt: day,
    },
  });
}
