/** Latency of one measured thing, in milliseconds. */
export interface Timing {
  p50: number;
  p95: number;
  runs: number;
}

export interface TimingOptions {
  /** Unmeasured runs first: connections, caches and JIT settle. */
  warmup: number;
  runs: number;
}

/** Runs `work` one call after another and returns its p50 and p95 (nearest rank). */
export async function measure(work: () => Promise<unknown>, options: TimingOptions): Promise<Timing> {
  for (let run = 0; run < options.warmup; run++) await work();
  const samples: number[] = [];
  for (let run = 0; run < options.runs; run++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), runs: samples.length };
}

/** Nearest-rank percentile of ascending samples. */
export function percentile(sorted: number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? Number.NaN;
}
