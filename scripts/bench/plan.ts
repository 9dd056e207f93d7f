/**
 * How much the benchmark measures: the full run (`npm run bench`, a few minutes on 2 cores) and
 * the quick run (`--quick`, seconds, for the smoke test: same figures, too few samples to trust).
 */
import type { ConcurrencyKey } from './report';

export interface BenchPlan {
  mode: 'full' | 'quick';
  concurrency: Record<ConcurrencyKey, number>;
  /** Logins per implementation, kind and concurrency, split over `rounds` alternating rounds. */
  loginsPerCase: Record<ConcurrencyKey, number>;
  rounds: number;
  /** Instances each function may run; 64 lets concurrency 64 run without queueing. */
  maxInstancesPerFunction: number;
  /** Users in the collection before the latency cases (the returning users logging in). */
  backgroundUsers: number;
  /** Logins per implementation and kind whose database requests are counted. */
  dbRequestSamples: number;
  /** Concurrent first logins of one user (the race a double-tapped button or two devices make). */
  duplicateLogins: number;
  scaleUsers: { small: number; large: number };
  /** Returning logins per implementation at each collection size. */
  scaleSamples: number;
  coldStartSamples: number;
  miniprogramLaunches: number;
  /** Returning logins per path (code2Session to the server, the cloud function) for the server comparison. */
  serverLogins: number;
  /** Access tokens verified back to back to time verification. */
  tokenVerifications: number;
}

const CONCURRENCY = { c1: 1, c16: 16, c64: 64 } as const;

export const FULL_PLAN: BenchPlan = {
  mode: 'full',
  concurrency: CONCURRENCY,
  loginsPerCase: { c1: 300, c16: 640, c64: 1280 },
  rounds: 4,
  maxInstancesPerFunction: 64,
  backgroundUsers: 1000,
  dbRequestSamples: 10,
  duplicateLogins: 100,
  scaleUsers: { small: 1000, large: 100_000 },
  scaleSamples: 60,
  coldStartSamples: 9,
  miniprogramLaunches: 5,
  serverLogins: 200,
  tokenVerifications: 20_000,
};

export const QUICK_PLAN: BenchPlan = {
  mode: 'quick',
  concurrency: CONCURRENCY,
  loginsPerCase: { c1: 4, c16: 32, c64: 64 },
  rounds: 2,
  maxInstancesPerFunction: 4,
  backgroundUsers: 200,
  dbRequestSamples: 3,
  duplicateLogins: 100,
  scaleUsers: { small: 200, large: 2000 },
  scaleSamples: 4,
  coldStartSamples: 1,
  miniprogramLaunches: 1,
  serverLogins: 4,
  tokenVerifications: 200,
};
