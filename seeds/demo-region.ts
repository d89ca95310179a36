import type { Db } from "../core/transaction.js";
import type { CardSystem, Counter, CounterType, LimitPeriod, Municipality, PermissionGroup, SubMunicipality } from "@prisma/client";
import { hashPassword } from "../core/auth/password.js";
import { addDays, calendarDay } from "./clock.js";
import { demoAccounts } from "./demo-accounts.js";
import { randomBelgianIban } from "./iban.js";
import { sampleBranding } from "../templates/branding.js";
import { meetjesland } from "./meetjesland.js";
import { streets } from "./names.js";
import type { Random } from "./random.js";

export const CARD_SYSTEM_NAME = "UiTPAS Meetjesland";

interface CounterDefinition {
  name: string;
  municipality: string;
  type: CounterType;
  groups: PermissionGroup[];
  email: string;
  /** Own distribution key (participant/organiser/municipality); none = the card system's. */
  key?: [number, number, number];
  mia?: { limit: number; period: LimitPeriod };
  /** Not every association has handed in its IBAN yet. */
  withoutIban?: boolean;
}

const AUTHORISED: PermissionGroup[] = ["AUTHORISED_REGISTRATION", "CHECKIN_TICKET"];
const LIBRARY: PermissionGroup[] = ["NON_AUTHORISED_REGISTRATION", "CHECKIN_TICKET"];
const CHECKIN: PermissionGroup[] = ["CHECKIN_TICKET"];

const counterDefinitions: CounterDefinition[] = [
  { name: "Sociaal Huis Eeklo", municipality: "Eeklo", type: "MUNICIPALITY", groups: AUTHORISED, email: "sociaalhuis@eeklo.be" },
  { name: "Bibliotheek Eeklo", municipality: "Eeklo", type: "LIBRARY", groups: LIBRARY, email: "bibliotheek@eeklo.be" },
  { name: "CC De Herbakker", municipality: "Eeklo", type: "CULTURAL_CENTRE", groups: CHECKIN, email: "info@herbakker.be", key: [25, 50, 25], mia: { limit: 6, period: "YEAR" } },
  { name: "Sportdienst Eeklo", municipality: "Eeklo", type: "SPORTS", groups: CHECKIN, email: "sport@eeklo.be" },
  { name: "Sociaal Huis Maldegem", municipality: "Maldegem", type: "MUNICIPALITY", groups: AUTHORISED, email: "sociaalhuis@maldegem.be" },
  { name: "Bibliotheek Maldegem", municipality: "Maldegem", type: "LIBRARY", groups: LIBRARY, email: "bibliotheek@maldegem.be" },
  { name: "Cultuurdienst Maldegem", municipality: "Maldegem", type: "CULTURAL_CENTRE", groups: CHECKIN, email: "cultuur@maldegem.be", mia: { limit: 4, period: "QUARTER" } },
  { name: "Sociaal Huis Evergem", municipality: "Evergem", type: "MUNICIPALITY", groups: AUTHORISED, email: "sociaalhuis@evergem.be" },
  { name: "Cultuurcentrum Evergem", municipality: "Evergem", type: "CULTURAL_CENTRE", groups: CHECKIN, email: "cultuurcentrum@evergem.be", key: [20, 60, 20] },
  { name: "Bibliotheek Assenede", municipality: "Assenede", type: "LIBRARY", groups: ["NON_AUTHORISED_REGISTRATION"], email: "bibliotheek@assenede.be" },
  { name: "Jeugddienst Aalter", municipality: "Aalter", type: "YOUTH", groups: CHECKIN, email: "jeugd@aalter.be" },
  { name: "Sportdienst Lievegem", municipality: "Lievegem", type: "SPORTS", groups: CHECKIN, email: "sport@lievegem.be" },
  { name: "Jeugdhuis 't Pleintje", municipality: "Kaprijke", type: "YOUTH", groups: CHECKIN, email: "jeugdhuis.pleintje@example.be", withoutIban: true },
  { name: "Toneelkring De Vrije Spelers", municipality: "Sint-Laureins", type: "ASSOCIATION", groups: CHECKIN, email: "devrijespelers@example.be", mia: { limit: 2, period: "YEAR" } },
  { name: "Zwembad Zelzate", municipality: "Zelzate", type: "SPORTS", groups: CHECKIN, email: "zwembad@zelzate.be", key: [30, 50, 20], mia: { limit: 2, period: "MONTH" } },
  { name: "Vrijetijdsdienst Wachtebeke", municipality: "Wachtebeke", type: "MUNICIPALITY", groups: LIBRARY, email: "vrijetijd@wachtebeke.be" },
];

export type RegionMunicipality = Municipality & { subMunicipalities: SubMunicipality[]; inhabitants: number };

export interface Region {
  cardSystem: CardSystem;
  municipalities: RegionMunicipality[];
  counters: Counter[];
}

export function municipalityNamed(region: Region, name: string): RegionMunicipality {
  const found = region.municipalities.find((municipality) => municipality.name === name);
  if (!found) throw new Error(`unknown municipality ${name}`);
  return found;
}

export function counterNamed(region: Region, name: string): Counter {
  const found = region.counters.find((counter) => counter.name === name);
  if (!found) throw new Error(`unknown counter ${name}`);
  return found;
}

export function mayCheckIn(counter: Counter): boolean {
  return counter.permissionGroups.includes("CHECKIN_TICKET");
}

/** The card system, its municipalities with postal codes, the counters and the demo accounts. */
export async function createRegion(prisma: Db, random: Random, now: Date): Promise<Region> {
  const cardSystem = await prisma.cardSystem.create({
    data: {
      name: CARD_SYSTEM_NAME,
      coordinatorEmail: "uitpasmeetjesland@comeet.be",
      keyParticipantPct: 25,
      keyOrganiserPct: 55,
      keyMunicipalityPct: 20,
      // The mails' and the portal's branding, footer and links, as the manual's mail shows them (p. 14).
      footerOrganisation: sampleBranding.footerOrganisation,
      footerSupportedBy: sampleBranding.footerSupportedBy,
      footerAddress: sampleBranding.footerAddress,
      footerPhone: sampleBranding.footerPhone,
      footerEmail: sampleBranding.footerEmail,
      helpdeskEmail: sampleBranding.helpdeskEmail,
      replyToEmail: sampleBranding.replyTo,
      providerManualUrl: "https://www.uitpasmeetjesland.be/uitpaspartner",
      bannerUrl: "https://www.uitpasmeetjesland.be/uitpaspartner#banner",
      newsletterUrl: "https://www.uitpasmeetjesland.be/uitpaspartner#nieuwsbrief",
    },
  });
  await prisma.municipality.createMany({
    data: meetjesland.map((definition) => ({
      cardSystemId: cardSystem.id,
      name: definition.name,
      nisCode: definition.nisCode,
      joinedAt: calendarDay(addDays(now, -definition.joinedDaysAgo)),
      contactEmail: `uitpas@${definition.domain}`,
    })),
  });
  const municipalityIds = new Map(
    (await prisma.municipality.findMany({ where: { cardSystemId: cardSystem.id } })).map((row) => [row.name, row.id]),
  );
  await prisma.subMunicipality.createMany({
    data: meetjesland.flatMap((definition) =>
      definition.subMunicipalities.map(([postalCode, name]) => ({ municipalityId: municipalityIds.get(definition.name)!, postalCode, name })),
    ),
  });

  await prisma.counter.createMany({
    data: counterDefinitions.map((definition) => {
      const municipality = meetjesland.find((entry) => entry.name === definition.municipality)!;
      const [postalCode, place] = municipality.subMunicipalities[0]!;
      return {
        cardSystemId: cardSystem.id,
        municipalityId: municipalityIds.get(definition.municipality)!,
        name: definition.name,
        type: definition.type,
        consumerKey: random.uuid(),
        permissionGroups: definition.groups,
        iban: definition.withoutIban ? null : randomBelgianIban(random),
        keyParticipantPct: definition.key?.[0] ?? null,
        keyOrganiserPct: definition.key?.[1] ?? null,
        keyMunicipalityPct: definition.key?.[2] ?? null,
        miaTicketLimit: definition.mia?.limit ?? null,
        miaTicketLimitPeriod: definition.mia?.period ?? "YEAR",
        email: definition.email,
        phone: `09 ${random.int(300, 399)} ${String(random.int(0, 99)).padStart(2, "0")} ${String(random.int(0, 99)).padStart(2, "0")}`,
        address: `${random.pick(streets)} ${random.int(1, 120)}, ${postalCode} ${place}`,
      };
    }),
  });

  const municipalities = await prisma.municipality.findMany({
    where: { cardSystemId: cardSystem.id },
    include: { subMunicipalities: { orderBy: { id: "asc" } } },
    orderBy: { id: "asc" },
  });
  const region: Region = {
    cardSystem,
    municipalities: municipalities.map((row) => ({ ...row, inhabitants: meetjesland.find((entry) => entry.name === row.name)!.inhabitants })),
    counters: await prisma.counter.findMany({ where: { cardSystemId: cardSystem.id }, orderBy: { id: "asc" } }),
  };
  await createDemoAccounts(prisma, region);
  return region;
}

async function createDemoAccounts(prisma: Db, region: Region): Promise<void> {
  for (const account of demoAccounts) {
    const user = await prisma.user.create({
      data: {
        email: account.email,
        name: account.name,
        role: account.role,
        passwordHash: await hashPassword(account.password),
        municipalityId: account.municipality ? municipalityNamed(region, account.municipality).id : null,
        mayViewInsz: account.role === "COORDINATOR",
      },
    });
    if (account.counter) await prisma.counterStaff.create({ data: { counterId: counterNamed(region, account.counter).id, userId: user.id } });
  }
}
