import type { Db } from "../core/transaction.js";
import { addDays, calendarDay } from "./clock.js";
import { municipalityNamed, type Region } from "./demo-region.js";

/** Two associations half-way through the onboarding: the later steps are still open. */
export async function createProviders(prisma: Db, now: Date, region: Region): Promise<void> {
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
