/**
 * One benchmark run: prepares the functions, starts the local cloud with both mounted, seeds the
 * background users, runs the phases in order and assembles the report. The CLI (scripts/bench.ts) only parses flags and
 * prints.
 *
 * @example
 *   const report = await runBench(QUICK_PLAN, createProgress(process.stderr, BENCH_PHASES(QUICK_PLAN)));
 */
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud, type LocalCloud } from '@wx-cloud-login/wxcloud';
import { newUserFactory, type BenchContext } from './context';
import { prepareBenchFunctions, type BenchFunctions } from './functions-root';
import { countDuplicates, countRequests, type DuplicateFigures, type RequestCount } from './measure-database';
import { measureColdStart } from './measure-cold-start';
import { measureLatency, measureScale, warmUp } from './measure-latency';
import { measureMiniprogram } from './measure-miniprogram';
import { measureServer } from './measure-server';
import type { BenchPlan } from './plan';
import { silentProgress, type Progress } from './progress';
import { CONCURRENCY_KEYS, LOGIN_KINDS, type BenchReport, type Implementation, type LoginKind } from './report';
import { writeSeedFile } from './seed';
import { round } from './stats';

/**
 * Phases the progress display counts: requests, warm-up, duplicates, latency cases, scale, cold start, mini-program,
 * own server.
 */
export function benchPhases(): number {
  return 3 + LOGIN_KINDS.length * CONCURRENCY_KEYS.length + 4;
}

/** Generous: a warm instance must not be retired in the middle of a run. */
const IDLE_TIMEOUT_MS = 30 * 60_000;

export function machineInfo(): BenchReport['machine'] {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    memoryGb: round(os.totalmem() / 1024 ** 3, 1),
  };
}

/** Everything the phases measured, in the order they run. */
interface Measurements {
  requests: Record<Implementation, Record<LoginKind, RequestCount>>;
  duplicates: DuplicateFigures;
  latency: Pick<BenchReport, 'latencyMs' | 'throughputPerSec'>;
  scale: Pick<BenchReport, 'scaleRatio100kTo1k' | 'scaleP50Ms'>;
  coldStartMs: BenchReport['coldStartMs'];
  miniprogram: BenchReport['miniprogram'];
  server: BenchReport['server'];
}

export async function runBench(plan: BenchPlan, progress: Progress = silentProgress): Promise<BenchReport> {
  const startedAt = performance.now();
  const functions = await prepareBenchFunctions();
  let cloud: LocalCloud | undefined;
  try {
    cloud = await startBenchCloud(plan, functions.functionsRoot);
    const workDir = seedBackgroundUsers(cloud, plan, functions.functionsRoot);
    const measured = await measureAll({ cloud, plan, progress, workDir, newUser: newUserFactory() });
    progress.finish();
    return {
      ...assembleReport(plan, functions, measured),
      durationSec: round((performance.now() - startedAt) / 1000, 1),
    };
  } finally {
    progress.finish();
    await cloud?.stop();
    functions.remove();
  }
}

/** The emulator in memory on a free port, with `users` and the benchmark's functions. */
export function startBenchCloud(plan: BenchPlan, functionsRoot: string): Promise<LocalCloud> {
  return startLocalCloud({
    inMemory: true,
    port: 0,
    collections: ['users'],
    functions: { functionsRoot, maxInstancesPerFunction: plan.maxInstancesPerFunction, idleTimeoutMs: IDLE_TIMEOUT_MS },
  });
}

/** Imports the plan's background users; returns the work directory the phases write their own import files to. */
export function seedBackgroundUsers(cloud: LocalCloud, plan: BenchPlan, functionsRoot: string): string {
  const workDir = path.join(path.dirname(functionsRoot), 'seed');
  mkdirSync(workDir);
  writeSeedFile(workDir, 0, plan.backgroundUsers);
  cloud.database.importData(workDir);
  return workDir;
}

async function measureAll(context: BenchContext): Promise<Measurements> {
  const requests = await countRequests(context);
  await warmUp(context);
  // After the warm-up: racing logins meet running instances, as they do in a live app.
  const duplicates = await countDuplicates(context);
  const latency = await measureLatency(context);
  const scale = await measureScale(context);
  const coldStartMs = await measureColdStart(context);
  const miniprogram = await measureMiniprogram(context);
  const server = await measureServer(context);
  return { requests, duplicates, latency, scale, coldStartMs, miniprogram, server };
}

function assembleReport(
  plan: BenchPlan,
  functions: BenchFunctions,
  measured: Measurements,
): Omit<BenchReport, 'durationSec'> {
  const { requests, duplicates, latency, scale, coldStartMs, miniprogram, server } = measured;
  const { bundled, unbundled } = functions.packages;
  return {
    mode: plan.mode,
    machine: machineInfo(),
    settings: settingsOf(plan),
    dbRequestsPerLogin: {
      returning: requests.ours.returning.perLogin,
      first: requests.ours.first.perLogin,
      baseline: { returning: requests.baseline.returning.perLogin, first: requests.baseline.first.perLogin },
    },
    dbActionsPerLogin: {
      ours: { returning: requests.ours.returning.byAction, first: requests.ours.first.byAction },
      baseline: { returning: requests.baseline.returning.byAction, first: requests.baseline.first.byAction },
    },
    duplicatesUnderConcurrency: {
      logins: plan.duplicateLogins,
      ...duplicates.documents,
      failedLogins: duplicates.failedLogins,
      firstFailure: duplicates.firstFailure,
    },
    ...latency,
    ...scale,
    coldStartMs,
    packageBytes: { bundled: bundled.bytes, unbundled: unbundled.bytes },
    packageFiles: { bundled: bundled.files, unbundled: unbundled.files },
    miniprogram,
    server,
  };
}

function settingsOf(plan: BenchPlan): BenchReport['settings'] {
  const { concurrency, loginsPerCase, maxInstancesPerFunction, backgroundUsers, coldStartSamples, scaleSamples } = plan;
  return { concurrency, loginsPerCase, maxInstancesPerFunction, backgroundUsers, coldStartSamples, scaleSamples };
}
