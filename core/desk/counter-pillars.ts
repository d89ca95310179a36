import type { Event, Pillar } from "@prisma/client";
import type { Actor } from "../access/actor.js";
import { counterForActor } from "../access/authorize.js";
import { CardSystemError } from "../errors.js";
import { pickPillarEvent, type PillarEventChoice } from "../pillars/pick-pillar-event.js";
import type { Db } from "../transaction.js";

export interface CounterPillar {
  pillar: Pillar & { specificEvent: Pick<Event, "id" | "name"> | null; fixedEvent: Pick<Event, "id" | "name"> | null };
  /** What the pillar awards points for right now, or why nothing. */
  now: PillarEventChoice | { refusal: string };
}

/** The pillars assigned to this counter, with their setting and the event each one awards points for now. */
export async function counterPillars(db: Db, { actor, counterId, at = new Date() }: { actor: Actor; counterId: unknown; at?: Date }): Promise<CounterPillar[]> {
  const counter = await counterForActor(db, actor, counterId);
  const pillars = await db.pillar.findMany({
    where: { counters: { some: { counterId: counter.id } } },
    include: { specificEvent: { select: { id: true, name: true } }, fixedEvent: { select: { id: true, name: true } } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  return Promise.all(
    pillars.map(async (pillar) => ({
      pillar,
      now: await pickPillarEvent(db, pillar.id, at).catch((error: unknown) => {
        if (error instanceof CardSystemError) return { refusal: error.message };
        throw error;
      }),
    })),
  );
}
