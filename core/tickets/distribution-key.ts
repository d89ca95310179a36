import type { CardSystem, Counter } from "@prisma/client";

export interface DistributionKey {
  keyParticipantPct: number;
  keyOrganiserPct: number;
  keyMunicipalityPct: number;
}

/** The counter's own distribution key (verdeelsleutel), or the card system's when it has none. */
export function distributionKeyOf(counter: Counter, cardSystem: CardSystem): DistributionKey {
  if (counter.keyParticipantPct !== null && counter.keyOrganiserPct !== null && counter.keyMunicipalityPct !== null) {
    return { keyParticipantPct: counter.keyParticipantPct, keyOrganiserPct: counter.keyOrganiserPct, keyMunicipalityPct: counter.keyMunicipalityPct };
  }
  return {
    keyParticipantPct: cardSystem.keyParticipantPct,
    keyOrganiserPct: cardSystem.keyOrganiserPct,
    keyMunicipalityPct: cardSystem.keyMunicipalityPct,
  };
}
