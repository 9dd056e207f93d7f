/**
 * The benchmark's arithmetic, pure: percentiles of latency samples, throughput, ratios, medians.
 * Figures are rounded once, here, so the table and the JSON show the same numbers.
 */

export interface LatencySummary {
  p50: number;
  p99: number;
}

/**
 * The p-th percentile (0-100) by the nearest-rank method: a value that was actually measured,
 * never an interpolation between two. Throws on an empty sample: a figure from no data is a bug.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new RangeError('percentile of an empty sample');
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0-100, got ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

export function summarizeLatency(samples: readonly number[]): LatencySummary {
  return { p50: round(percentile(samples, 50), 2), p99: round(percentile(samples, 99), 2) };
}

/** Completed operations per second over a wall-clock span. */
export function throughputPerSec(operations: number, elapsedMs: number): number {
  if (elapsedMs <= 0) throw new RangeError(`elapsed time must be positive, got ${elapsedMs}`);
  return round((operations * 1000) / elapsedMs, 1);
}

/** numerator / denominator, rounded; null when the denominator is 0 (no meaningful ratio). */
export function ratio(numerator: number, denominator: number, digits = 2): number | null {
  if (denominator === 0) return null;
  return round(numerator / denominator, digits);
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('mean of an empty sample');
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
