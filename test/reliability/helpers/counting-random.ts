/**
 * A seeded random source for the emulator's fault injection that also counts the faults it
 * caused: the injector hits a request when a draw falls below the rule's rate, so with one rate
 * per test every draw below it is one injected fault. Rates must stay below 1 (a rate of 1 does
 * not draw at all); 0.999 is "every request" for all practical purposes.
 */
export interface CountingRandom {
  /** Give this to startLocalCloud / startEmulator as `random`. */
  random: () => number;
  /** Starts counting afresh for faults of `rate`, reseeded. */
  reset(rate: number, seed?: number): void;
  /** Faults injected since the last reset. */
  hits(): number;
}

export function countingRandom(): CountingRandom {
  let next = mulberry32(1);
  let rate = 0;
  let hits = 0;
  return {
    random: () => {
      const draw = next();
      if (draw < rate) hits += 1;
      return draw;
    },
    reset(newRate, seed = 1) {
      next = mulberry32(seed);
      rate = newRate;
      hits = 0;
    },
    hits: () => hits,
  };
}

/** A small seeded PRNG (mulberry32): reproducible fault patterns for one seed. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
