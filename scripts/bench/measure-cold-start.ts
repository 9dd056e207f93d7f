/**
 * Cold start: from a new instance to its first result, for the bundled function and for the same
 * code loaded unbundled from its compiled sources and node_modules. Each sample gets a fresh
 * runtime (so a fresh worker with an empty module cache), bundled and unbundled taking turns.
 */
import { createFunctionRuntime } from '@wx-cloud-login/wxcloud';
import type { BenchContext } from './context';
import { BENCH_FUNCTIONS } from './functions-root';
import { median, round } from './stats';
import { seededUser } from './seed';

type Variant = 'bundled' | 'unbundled';
const FUNCTION_OF_VARIANT: Record<Variant, string> = {
  bundled: BENCH_FUNCTIONS.ours,
  unbundled: BENCH_FUNCTIONS.unbundled,
};

async function coldStartOnce(context: BenchContext, variant: Variant): Promise<number> {
  const { cloud } = context;
  const runtime = createFunctionRuntime({
    functionsRoot: cloud.runtime.functionsRoot,
    adminUrl: cloud.dbUrl,
    envId: cloud.envId,
    maxInstancesPerFunction: 1,
  });
  try {
    const outcome = await runtime.invoke(
      FUNCTION_OF_VARIANT[variant],
      {},
      { user: seededUser(0), source: 'wx_client' },
    );
    if (!outcome.ok) throw new Error(`${variant} cold start failed: ${outcome.error.message}`);
    const result = outcome.result as { ok?: boolean };
    if (result.ok !== true) throw new Error(`${variant} cold start answered ${JSON.stringify(result)}`);
    if (outcome.coldStart !== true) throw new Error(`${variant}: the runtime reused an instance`);
    return outcome.durationMs;
  } finally {
    await runtime.stop();
  }
}

export async function measureColdStart(context: BenchContext): Promise<{ bundled: number; unbundled: number }> {
  const { plan, progress } = context;
  const variants: Variant[] = ['bundled', 'unbundled'];
  progress.phase('冷启动 cold start: bundled / unbundled', (plan.coldStartSamples + 1) * variants.length);
  const samples: Record<Variant, number[]> = { bundled: [], unbundled: [] };
  // One unmeasured start each: the first read of the files from disk is not what a warm host sees.
  for (const variant of variants) {
    await coldStartOnce(context, variant);
    progress.advance();
  }
  for (let index = 0; index < plan.coldStartSamples; index++) {
    const order = index % 2 === 0 ? variants : [...variants].reverse();
    for (const variant of order) {
      samples[variant].push(await coldStartOnce(context, variant));
      progress.advance();
    }
  }
  return { bundled: round(median(samples.bundled), 1), unbundled: round(median(samples.unbundled), 1) };
}
