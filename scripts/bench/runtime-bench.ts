/**
 * `npm run bench -- --runtime`: the function runtime's part of the benchmark alone. The cold start
 * of an empty function (the floor any function pays in this runtime) beside this project's login
 * bundled and unbundled, and the overhead of a warm call of the empty function.
 * `npm run bench -- --first-login`: first logins, ours against the template, at each concurrency.
 */
import { startLocalCloud } from '@wx-cloud-login/wxcloud';
import { newUserFactory } from './context';
import { prepareBenchFunctions } from './functions-root';
import { measureColdStart } from './measure-cold-start';
import { measureLatency, warmUp } from './measure-latency';
import {
  EMPTY_FUNCTION,
  coldStartOf,
  measureRuntime,
  writeEmptyFunction,
  type RuntimeFigures,
} from './measure-runtime';
import type { BenchPlan } from './plan';
import { silentProgress } from './progress';
import type { ConcurrencyKey, Implementation } from './report';
import { seedBackgroundUsers, startBenchCloud } from './run-bench';
import { median, round, type LatencySummary } from './stats';

export interface RuntimeBenchReport extends RuntimeFigures {
  coldStartMs: { empty: number; bundled: number; bundledWithoutCodeCache: number; unbundled: number };
  /** Bundled login's cold start over the empty function's (the goal is at most 1.5). */
  bundledOverFloor: number;
  /** The same without the runtime's code cache. */
  bundledWithoutCodeCacheOverFloor: number;
}

export async function runRuntimeBench(plan: BenchPlan): Promise<RuntimeBenchReport> {
  const functions = await prepareBenchFunctions();
  writeEmptyFunction(functions.functionsRoot);
  const cloud = await startLocalCloud({
    inMemory: true,
    port: 0,
    collections: ['users'],
    functions: { functionsRoot: functions.functionsRoot },
  });
  try {
    const context = {
      cloud,
      plan,
      progress: silentProgress,
      workDir: functions.functionsRoot,
      newUser: newUserFactory(),
    };
    const login = await measureColdStart(context, ['bundled', 'bundledWithoutCodeCache', 'unbundled']);
    const empty: number[] = [];
    for (let index = 0; index <= plan.coldStartSamples; index++)
      empty.push(await coldStartOf(functions.functionsRoot, EMPTY_FUNCTION));
    const floor = round(median(empty.slice(1)), 1);
    const warm = await measureRuntime({ cold: 1, warm: plan.mode === 'full' ? 2000 : 50 });
    return {
      ...warm,
      emptyColdStartMs: floor,
      coldStartMs: { empty: floor, ...login },
      bundledOverFloor: round(login.bundled / floor, 2),
      bundledWithoutCodeCacheOverFloor: round(login.bundledWithoutCodeCache / floor, 2),
    };
  } finally {
    await cloud.stop();
    functions.remove();
  }
}

export function formatRuntimeReport(report: RuntimeBenchReport): string[] {
  const { coldStartMs, warmCallMs } = report;
  return [
    '云函数运行时 / function runtime (one child process per instance)',
    `  冷启动中位数 / cold start median: 空函数 empty ${coldStartMs.empty} ms · ` +
      `登录打包 login bundled ${coldStartMs.bundled} ms · 打包但不用代码缓存 bundled without the code cache ` +
      `${coldStartMs.bundledWithoutCodeCache} ms · 未打包 unbundled ${coldStartMs.unbundled} ms`,
    `  打包后 / 空函数 bundled over the floor: ${report.bundledOverFloor}× (目标 goal ≤ 1.5×); ` +
      `不用代码缓存 without the code cache ${report.bundledWithoutCodeCacheOverFloor}×`,
    `  热调用开销 / warm call of the empty function: p50 ${warmCallMs.p50} ms · p99 ${warmCallMs.p99} ms`,
  ];
}

/** First logins, ours against the template, at each concurrency, on warm instances (p50 and p99, ms). */
export async function runFirstLoginBench(
  plan: BenchPlan,
): Promise<Record<Implementation, Record<ConcurrencyKey, LatencySummary>>> {
  const functions = await prepareBenchFunctions();
  const cloud = await startBenchCloud(plan, functions.functionsRoot);
  try {
    const workDir = seedBackgroundUsers(cloud, plan, functions.functionsRoot);
    const context = { cloud, plan, progress: silentProgress, workDir, newUser: newUserFactory() };
    await warmUp(context);
    const { latencyMs } = await measureLatency(context, ['first']);
    return { ours: latencyMs.ours.first, baseline: latencyMs.baseline.first };
  } finally {
    await cloud.stop();
    functions.remove();
  }
}
