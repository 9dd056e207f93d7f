/**
 * Cold start: from a new instance to its first result, for the bundled function and for the same
 * code loaded unbundled from its compiled sources and node_modules. Each sample gets a fresh
 * runtime (so a fresh instance process), the variants taking turns.
 */
import { createFunctionRuntime } from '@wx-cloud-login/wxcloud';
import type { BenchContext } from './context';
import { BENCH_FUNCTIONS } from './functions-root';
import { median, round } from './stats';
import { seededUser } from './seed';

/** What is started: the bundle (with the runtime's code cache, or compiled afresh each time) or the unbundled code. */
const VARIANTS = {
  bundled: { name: BENCH_FUNCTIONS.ours, codeCache: true },
  bundledWithoutCodeCache: { name: BENCH_FUNCTIONS.ours, codeCache: false },
  unbundled: { name: BENCH_FUNCTIONS.unbundled, codeCache: true },
} as const;
type Variant = keyof typeof VARIANTS;

async function coldStartOnce(context: BenchContext, variant: Variant): Promise<number> {
  const { cloud } = context;
  const runtime = createFunctionRuntime({
    functionsRoot: cloud.runtime.functionsRoot,
    adminUrl: cloud.dbUrl,
    envId: cloud.envId,
    maxInstancesPerFunction: 1,
    ...(VARIANTS[variant].codeCache ? {} : { codeCacheDir: null }),
  });
  try {
    const outcome = await runtime.invoke(VARIANTS[variant].name, {}, { user: seededUser(0), source: 'wx_client' });
    if (!outcome.ok) throw new Error(`${variant} cold start failed: ${outcome.error.message}`);
    const result = outcome.result as { ok?: boolean };
    if (result.ok !== true) throw new Error(`${variant} cold start answered ${JSON.stringify(result)}`);
    if (outcome.coldStart !== true) throw new Error(`${variant}: the runtime reused an instance`);
    return outcome.durationMs;
  } finally {
    await runtime.stop();
  }
}

/** Median cold starts of the variants, taking turns so that the machine's load lands on each alike. */
export async function measureColdStart<V extends Variant = 'bundled' | 'unbundled'>(
  context: BenchContext,
  variants: V[] = ['bundled', 'unbundled'] as V[],
): Promise<Record<V, number>> {
  const { plan, progress } = context;
  progress.phase(`冷启动 cold start: ${variants.join(' / ')}`, (plan.coldStartSamples + 1) * variants.length);
  const samples = Object.fromEntries(variants.map((variant) => [variant, [] as number[]])) as Record<V, number[]>;
  // One unmeasured start each: the first read of the files from disk (and the code cache's first fill).
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
  return Object.fromEntries(variants.map((variant) => [variant, round(median(samples[variant]), 1)])) as Record<
    V,
    number
  >;
}
