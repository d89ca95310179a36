/**
 * Simulates the points ledger while demo history is generated, so a balance is never negative at any moment.
 * Credits may be added in any order; debits must be taken in time order (the caller sorts its candidates).
 */
export class PointsTimeline {
  private readonly credits = new Map<string, { at: number; amount: number }[]>();
  private readonly debited = new Map<string, number>();
  private lastDebitAt = Number.NEGATIVE_INFINITY;

  credit(passholderId: string, at: Date, amount: number): void {
    const list = this.credits.get(passholderId) ?? [];
    list.push({ at: at.getTime(), amount });
    this.credits.set(passholderId, list);
  }

  /** The balance at `at`, counting every debit taken so far (all of them at or before `at`). */
  balanceAt(passholderId: string, at: Date): number {
    const until = at.getTime();
    const credited = (this.credits.get(passholderId) ?? []).reduce((sum, entry) => (entry.at <= until ? sum + entry.amount : sum), 0);
    return credited - (this.debited.get(passholderId) ?? 0);
  }

  /** Takes `amount` points at `at` when the balance allows it; later credits only raise later balances. */
  debit(passholderId: string, at: Date, amount: number): boolean {
    if (at.getTime() < this.lastDebitAt) throw new Error("debits must be taken in time order");
    if (this.balanceAt(passholderId, at) < amount) return false;
    this.lastDebitAt = at.getTime();
    this.debited.set(passholderId, (this.debited.get(passholderId) ?? 0) + amount);
    return true;
  }
}

/** Something that happens at a moment and may take points: applied in time order. */
export interface TimedStep {
  at: Date;
  apply(timeline: PointsTimeline): void;
}

export function applyInTimeOrder(steps: TimedStep[], timeline: PointsTimeline): void {
  for (const step of [...steps].sort((a, b) => a.at.getTime() - b.at.getTime())) step.apply(timeline);
}
