import { mean, median, percentile, ratio, round, summarizeLatency, throughputPerSec } from './stats';

describe('percentile (nearest rank)', () => {
  const hundred = Array.from({ length: 100 }, (_, index) => 100 - index); // 100..1, unsorted on purpose

  it('picks measured values, whatever the input order', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile(hundred, 0)).toBe(1);
  });

  it('lets one slow outlier show at p99 of a small sample but not at p50', () => {
    const samples = [...Array.from({ length: 9 }, () => 2), 500];
    expect(percentile(samples, 50)).toBe(2);
    expect(percentile(samples, 99)).toBe(500);
  });

  it('does not reorder the caller’s array', () => {
    const samples = [3, 1, 2];
    percentile(samples, 50);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('refuses an empty sample and an out-of-range p', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });

  it('median of an odd sample is its middle value', () => {
    expect(median([9, 1, 5])).toBe(5);
  });
});

describe('summaries and ratios', () => {
  it('summarizes latency to two decimals', () => {
    expect(summarizeLatency([1.23456, 2.34567, 3.45678])).toEqual({ p50: 2.35, p99: 3.46 });
  });

  it('computes throughput per second', () => {
    expect(throughputPerSec(500, 2000)).toBe(250);
    expect(() => throughputPerSec(1, 0)).toThrow(RangeError);
  });

  it('gives null for a ratio over zero', () => {
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(1, 3, 3)).toBe(0.333);
    expect(ratio(1, 0)).toBeNull();
  });

  it('averages and rounds', () => {
    expect(mean([1, 2, 6])).toBe(3);
    expect(() => mean([])).toThrow(RangeError);
    expect(round(1.005 * 1000, 0)).toBe(1005);
  });
});
