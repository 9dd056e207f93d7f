/**
 * The shape of one benchmark run, as `npm run bench -- --json` prints it. The zod schema is the
 * contract the smoke test checks the real output against; the types are inferred from it.
 */
import { z } from 'zod';

export const IMPLEMENTATIONS = ['ours', 'baseline'] as const;
export type Implementation = (typeof IMPLEMENTATIONS)[number];
export const LOGIN_KINDS = ['returning', 'first'] as const;
export type LoginKind = (typeof LOGIN_KINDS)[number];
export const CONCURRENCY_KEYS = ['c1', 'c16', 'c64'] as const;
export type ConcurrencyKey = (typeof CONCURRENCY_KEYS)[number];

const ms = z.number().nonnegative();
const positive = z.number().positive();
const latency = z.object({ p50: ms, p99: ms });
const byConcurrency = <T extends z.ZodType>(value: T) => z.object({ c1: value, c16: value, c64: value });
const byKind = <T extends z.ZodType>(value: T) => z.object({ returning: value, first: value });
const byImplementation = <T extends z.ZodType>(value: T) => z.object({ ours: value, baseline: value });
const actionCounts = z.record(z.string(), z.number().nonnegative());

export const BenchReportSchema = z.object({
  mode: z.enum(['full', 'quick']),
  machine: z.object({
    cpu: z.string(),
    cores: z.number().int().positive(),
    node: z.string(),
    platform: z.string(),
    memoryGb: positive,
  }),
  settings: z.object({
    concurrency: z.record(z.enum(CONCURRENCY_KEYS), z.number().int().positive()),
    loginsPerCase: byConcurrency(z.number().int().positive()),
    maxInstancesPerFunction: z.number().int().positive(),
    backgroundUsers: z.number().int().nonnegative(),
    coldStartSamples: z.number().int().positive(),
    scaleSamples: z.number().int().positive(),
  }),
  dbRequestsPerLogin: z.object({
    returning: positive,
    first: positive,
    baseline: z.object({ returning: positive, first: positive }),
  }),
  dbActionsPerLogin: byImplementation(byKind(actionCounts)),
  duplicatesUnderConcurrency: z.object({
    logins: z.number().int().positive(),
    ours: z.number().int(),
    baseline: z.number().int(),
    failedLogins: byImplementation(z.number().int().nonnegative()),
    firstFailure: z.object({ ours: z.string().optional(), baseline: z.string().optional() }),
  }),
  latencyMs: byImplementation(byKind(byConcurrency(latency))),
  throughputPerSec: byImplementation(byKind(byConcurrency(positive))),
  scaleRatio100kTo1k: byImplementation(positive),
  scaleP50Ms: z.object({
    users: z.object({ small: z.number().int().positive(), large: z.number().int().positive() }),
    ours: z.object({ small: ms, large: ms }),
    baseline: z.object({ small: ms, large: ms }),
  }),
  coldStartMs: z.object({ bundled: positive, unbundled: positive }),
  packageBytes: z.object({ bundled: z.number().int().positive(), unbundled: z.number().int().positive() }),
  packageFiles: z.object({ bundled: z.number().int().positive(), unbundled: z.number().int().positive() }),
  miniprogram: z.object({
    launches: z.number().int().positive(),
    firstLaunch: z.object({ calls: z.number().nonnegative(), msToUser: ms }),
    warmLaunch: z.object({ calls: z.number().nonnegative(), msToUser: ms }),
  }),
  server: z.object({
    logins: z.number().int().positive(),
    loginMs: z.object({ code2Session: latency, cloudFunction: latency }),
    verifications: z.number().int().positive(),
    verifyPerSec: positive,
    dbRequestsPerVerify: z.number().nonnegative(),
  }),
  durationSec: positive,
});

export type BenchReport = z.infer<typeof BenchReportSchema>;
