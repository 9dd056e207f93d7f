/**
 * Timed figures through the client endpoint: login latency and throughput per case, and a
 * returning login's latency as the collection grows. Our login and the baseline run in
 * alternating rounds (ours first, then baseline first, ...), so whatever else the machine is doing
 * lands on both.
 */
import { FUNCTION_OF, type BenchContext } from './context';
import { loginOverHttp, runClosedLoop } from './load';
import {
  CONCURRENCY_KEYS,
  IMPLEMENTATIONS,
  LOGIN_KINDS,
  type BenchReport,
  type ConcurrencyKey,
  type Implementation,
  type LoginKind,
} from './report';
import { seededUser, writeSeedFile } from './seed';
import { percentile, ratio, round, summarizeLatency, throughputPerSec } from './stats';
import type { WxUser } from '@wx-cloud-login/wxcloud';

const SCALE_WARM_UP_LOGINS = 3;
/** Instances the warm-up starts at a time. */
const WARM_UP_NEW_INSTANCES = 8;

type Samples = Record<Implementation, { latencies: number[]; elapsedMs: number; logins: number }>;

/** Runs `perRound(implementation)` users through each implementation, alternating who goes first. */
async function alternateRounds(
  context: BenchContext,
  rounds: number,
  concurrency: number,
  usersFor: (implementation: Implementation) => WxUser[],
  kind: LoginKind = 'returning',
): Promise<Samples> {
  const samples = {} as Samples;
  for (const implementation of IMPLEMENTATIONS) samples[implementation] = { latencies: [], elapsedMs: 0, logins: 0 };
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? IMPLEMENTATIONS : [...IMPLEMENTATIONS].reverse();
    for (const implementation of order) {
      const users = usersFor(implementation);
      const run = await runClosedLoop(users, concurrency, async (user) => {
        await loginOverHttp(context.cloud.baseUrl, FUNCTION_OF[implementation], user, kind);
        context.progress.advance();
      });
      const sample = samples[implementation];
      sample.latencies.push(...run.latencies);
      sample.elapsedMs += run.elapsedMs;
      sample.logins += users.length;
    }
  }
  return samples;
}

/** Returning users taken in turn from the first `poolSize` seeded ones. */
function seededCycle(poolSize: number): (count: number) => WxUser[] {
  let next = 0;
  return (count) => Array.from({ length: count }, () => seededUser(next++ % poolSize));
}

/**
 * Starts every instance the latency cases will use, so they measure warm instances only. A few
 * new instances at a time: 64 cold starts at once on 2 cores would run past the function's timeout.
 */
export async function warmUp(context: BenchContext): Promise<void> {
  const { cloud, plan, progress } = context;
  const target = plan.maxInstancesPerFunction;
  progress.phase(
    `预热 ${target} 个实例 / warming up ${target} instances per function`,
    IMPLEMENTATIONS.length * target,
  );
  const users = seededCycle(plan.backgroundUsers);
  for (const implementation of IMPLEMENTATIONS) {
    const name = FUNCTION_OF[implementation];
    const running = () => cloud.runtime.instances(name).length;
    for (let wave = 0; wave < target && running() < target; wave++) {
      const before = running();
      const concurrency = Math.min(target, before + WARM_UP_NEW_INSTANCES);
      await runClosedLoop(
        users(concurrency),
        concurrency,
        async (user) => void (await loginOverHttp(cloud.baseUrl, name, user)),
      );
      progress.advance(running() - before);
    }
  }
}

/** Latency and throughput of each kind of login (both unless `kinds` names fewer) at each concurrency. */
export async function measureLatency(
  context: BenchContext,
  kinds: readonly LoginKind[] = LOGIN_KINDS,
): Promise<Pick<BenchReport, 'latencyMs' | 'throughputPerSec'>> {
  const { plan, progress } = context;
  const latencyMs = { ours: {}, baseline: {} } as BenchReport['latencyMs'];
  const throughput = { ours: {}, baseline: {} } as BenchReport['throughputPerSec'];
  const returningUsers = seededCycle(plan.backgroundUsers);
  for (const kind of kinds) {
    for (const implementation of IMPLEMENTATIONS) {
      latencyMs[implementation][kind] = {} as BenchReport['latencyMs']['ours']['first'];
      throughput[implementation][kind] = {} as BenchReport['throughputPerSec']['ours']['first'];
    }
    for (const key of CONCURRENCY_KEYS) {
      const concurrency = plan.concurrency[key];
      const perRound = Math.ceil(plan.loginsPerCase[key] / plan.rounds);
      const label = kind === 'returning' ? '老用户 / returning' : '新用户 / first';
      progress.phase(
        `延迟 latency: ${label}, 并发 concurrency ${concurrency}`,
        IMPLEMENTATIONS.length * perRound * plan.rounds,
      );
      const usersFor = (implementation: Implementation) =>
        kind === 'returning'
          ? returningUsers(perRound)
          : Array.from({ length: perRound }, () => context.newUser(`first-${implementation}`));
      const samples = await alternateRounds(context, plan.rounds, concurrency, usersFor, kind);
      for (const implementation of IMPLEMENTATIONS) {
        const sample = samples[implementation];
        latencyMs[implementation][kind][key as ConcurrencyKey] = summarizeLatency(sample.latencies);
        throughput[implementation][kind][key as ConcurrencyKey] = throughputPerSec(sample.logins, sample.elapsedMs);
      }
    }
  }
  return { latencyMs, throughputPerSec: throughput };
}

/**
 * A returning login with `small` users in the collection, then with `large`: the collection is
 * emptied, filled from import files, and the same seeded users log in at both sizes.
 */
export async function measureScale(
  context: BenchContext,
): Promise<Pick<BenchReport, 'scaleRatio100kTo1k' | 'scaleP50Ms'>> {
  const { cloud, plan, progress } = context;
  const { small, large } = plan.scaleUsers;
  const rounds = 2;
  const perRound = Math.ceil(plan.scaleSamples / rounds);
  progress.phase(
    `规模 scale: ${small} → ${large} 个用户 / users`,
    IMPLEMENTATIONS.length * (perRound * rounds + SCALE_WARM_UP_LOGINS) * 2,
  );
  await cloud.reset();
  const p50At = async (): Promise<Record<Implementation, number>> => {
    const users = seededCycle(small);
    // unmeasured: the first calls after an import run cold code paths
    await alternateRounds(context, 1, 1, () => users(SCALE_WARM_UP_LOGINS));
    const samples = await alternateRounds(context, rounds, 1, () => users(perRound));
    return {
      ours: round(percentile(samples.ours.latencies, 50), 2),
      baseline: round(percentile(samples.baseline.latencies, 50), 2),
    };
  };
  writeSeedFile(context.workDir, 0, small);
  cloud.database.importData(context.workDir);
  const atSmall = await p50At();
  writeSeedFile(context.workDir, small, large - small);
  cloud.database.importData(context.workDir);
  const atLarge = await p50At();
  const ratioOf = (implementation: Implementation) =>
    ratio(atLarge[implementation], atSmall[implementation]) ?? Number.NaN;
  return {
    scaleRatio100kTo1k: { ours: ratioOf('ours'), baseline: ratioOf('baseline') },
    scaleP50Ms: {
      users: { small, large },
      ours: { small: atSmall.ours, large: atLarge.ours },
      baseline: { small: atSmall.baseline, large: atLarge.baseline },
    },
  };
}
