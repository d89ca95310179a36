import { systemActor } from "../core/access/actor.js";
import type { Db } from "../core/transaction.js";
import { addDays, calendarDay } from "./clock.js";
import { uploadAgreement } from "../core/providers/upload-agreement.js";
import { counterNamed, municipalityNamed, type Region } from "./demo-region.js";

// A one-page PDF standing in for a scanned, signed agreement.
const DEMO_AGREEMENT = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

/**
 * Two associations half-way through the onboarding (the later steps are still open), and one in Eeklo whose
 * steps are done up to the welcome mail, so "Onboardingmail versturen" can be tried at once.
 */
export async function createProviders(prisma: Db, now: Date, region: Region): Promise<void> {
  const ready = await prisma.provider.create({
    data: {
      name: "Toneelvereniging De Planken",
      uitidEmail: "info@deplanken.example",
      uitidEmailReceivedAt: addDays(now, -30),
      contactName: "Lotte Claeys",
      municipalityId: municipalityNamed(region, "Eeklo").id,
      counterId: counterNamed(region, "CC De Herbakker").id,
      agreementSignedAt: calendarDay(addDays(now, -28)),
      collegeApprovedAt: calendarDay(addDays(now, -14)),
      regionFormFilledAt: addDays(now, -10),
      counterAdjustedAt: addDays(now, -3),
      createdAt: addDays(now, -30),
    },
  });
  await uploadAgreement(prisma, { providerId: ready.id, fileName: "samenwerkingsovereenkomst-deplanken-eeklo.pdf", content: DEMO_AGREEMENT, actor: systemActor("beheerder.eeklo@uitpas-meetjesland.test") });
  await prisma.provider.createMany({
    data: [
      {
        name: "Wielerclub De Krekentrappers",
        uitidEmail: "secretariaat@krekentrappers.example",
        uitidEmailReceivedAt: addDays(now, -21),
        contactName: "Wim Van Hecke",
        municipalityId: municipalityNamed(region, "Assenede").id,
        agreementFile: "samenwerkingsovereenkomst-krekentrappers-assenede.pdf",
        agreementSignedAt: calendarDay(addDays(now, -18)),
        notes: "Overeenkomst staat op de agenda van het college van volgende week.",
        createdAt: addDays(now, -21),
      },
      {
        name: "Chiro Sint-Jan Kaprijke",
        uitidEmail: "leiding@chirosintjan.example",
        uitidEmailReceivedAt: addDays(now, -45),
        contactName: "Febe De Clercq",
        municipalityId: municipalityNamed(region, "Kaprijke").id,
        agreementFile: "samenwerkingsovereenkomst-chiro-kaprijke.pdf",
        agreementSignedAt: calendarDay(addDays(now, -40)),
        collegeApprovedAt: calendarDay(addDays(now, -26)),
        regionFormFilledAt: addDays(now, -20),
        notes: "Wacht op IBAN om de balie aan te passen.",
        createdAt: addDays(now, -45),
      },
    ],
  });
}
