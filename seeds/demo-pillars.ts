import type { Db } from "../core/transaction.js";
import type { Pillar, PillarEventMode} from "@prisma/client";
import type { DemoEvent } from "./demo-events.js";
import { counterNamed, type Region } from "./demo-region.js";

interface PillarDefinition {
  cid: string;
  name: string;
  counters: string[];
  showQrCode: boolean;
  eventMode: PillarEventMode;
  /** Name of the event chosen in the counter app (SPECIFIC) or fixed by CDBID. */
  specificEvent?: string;
  fixedEvent?: string;
}

const definitions: PillarDefinition[] = [
  { cid: "ZUIL-MTJ-001", name: "Zuil inkomhal CC De Herbakker", counters: ["CC De Herbakker"], showQrCode: true, eventMode: "SPECIFIC", specificEvent: "Tentoonstelling 'Meetjesland in beeld'" },
  { cid: "ZUIL-MTJ-002", name: "Zuil Bibliotheek Eeklo", counters: ["Bibliotheek Eeklo"], showQrCode: false, eventMode: "AUTOMATIC" },
  { cid: "ZUIL-MTJ-003", name: "Zuil zwembad Zelzate", counters: ["Zwembad Zelzate"], showQrCode: true, eventMode: "AUTOMATIC", fixedEvent: "Vrij zwemmen" },
  { cid: "ZUIL-MTJ-004", name: "Zuil sporthal Lievegem", counters: ["Sportdienst Lievegem"], showQrCode: false, eventMode: "AUTOMATIC" },
  { cid: "ZUIL-MTJ-005", name: "Zuil jeugdhuis 't Pleintje", counters: ["Jeugdhuis 't Pleintje", "Jeugddienst Aalter"], showQrCode: true, eventMode: "AUTOMATIC" },
];

export type DemoPillar = Pillar & { counterIds: number[] };

/** Five check-in pillars: one with a specific event, one with a fixed event, the others automatic. */
export async function createPillars(prisma: Db, region: Region, events: DemoEvent[]): Promise<DemoPillar[]> {
  const eventId = (name: string | undefined) => (name ? events.find((event) => event.name === name)!.id : null);
  const pillars: DemoPillar[] = [];
  for (const definition of definitions) {
    const counterIds = definition.counters.map((name) => counterNamed(region, name).id);
    const pillar = await prisma.pillar.create({
      data: {
        cid: definition.cid,
        name: definition.name,
        municipalityId: counterNamed(region, definition.counters[0]!).municipalityId,
        showQrCode: definition.showQrCode,
        eventMode: definition.eventMode,
        specificEventId: eventId(definition.specificEvent),
        fixedEventId: eventId(definition.fixedEvent),
        counters: { create: counterIds.map((counterId) => ({ counterId })) },
      },
    });
    pillars.push({ ...pillar, counterIds });
  }
  return pillars;
}
