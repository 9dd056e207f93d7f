/**
 * The function runtime's own cost, apart from any login: the cold start of an empty function
 * (the floor every function pays: a new instance, loading index.js, one call) and the overhead of
 * a warm call of it (what the runtime adds around main). Each cold sample gets a fresh runtime.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createFunctionRuntime } from '@wx-cloud-login/wxcloud';
import { median, percentile, round } from './stats';

export const EMPTY_FUNCTION = 'empty';

export interface RuntimeFigures {
  /** Median cold start of the empty function (ms). */
  emptyColdStartMs: number;
  /** Warm calls of the empty function: median and p99 (ms). */
  warmCallMs: { p50: number; p99: number };
}

/** Writes the empty function into `functionsRoot`. */
export function writeEmptyFunction(functionsRoot: string): void {
  const dir = path.join(functionsRoot, EMPTY_FUNCTION);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'index.js'), 'exports.main = async () => ({ ok: true });\n');
  writeFileSync(path.join(dir, 'config.json'), '{ "timeout": 10 }\n');
}

/** A functions root holding only the empty function; removed by the returned callback. */
export function prepareEmptyFunction(): { functionsRoot: string; remove(): void } {
  const tempDir = mkdtempSync(path.join(os.tmpdir(), 'runtime-bench-'));
  writeEmptyFunction(tempDir);
  return { functionsRoot: tempDir, remove: () => rmSync(tempDir, { recursive: true, force: true }) };
}

/** The first call's duration on a fresh runtime: one cold start of `name`. */
export async function coldStartOf(
  functionsRoot: string,
  name: string,
  run: (invoke: Invoke) => Promise<void> = async () => {},
): Promise<number> {
  const runtime = createFunctionRuntime({
    functionsRoot,
    adminUrl: 'http://127.0.0.1:9/admin',
    maxInstancesPerFunction: 1,
  });
  try {
    const outcome = await runtime.invoke(name, {});
    if (!outcome.ok || outcome.coldStart !== true)
      throw new Error(`${name}: cold start failed: ${JSON.stringify(outcome)}`);
    await run((event) => runtime.invoke(name, event));
    return outcome.durationMs;
  } finally {
    await runtime.stop();
  }
}

type Invoke = (event: unknown) => Promise<{ ok: boolean; durationMs: number }>;

export async function measureRuntime(samples: { cold: number; warm: number }): Promise<RuntimeFigures> {
  const { functionsRoot, remove } = prepareEmptyFunction();
  try {
    await coldStartOf(functionsRoot, EMPTY_FUNCTION); // unmeasured: the first read from disk
    const cold: number[] = [];
    for (let index = 0; index < samples.cold; index++) cold.push(await coldStartOf(functionsRoot, EMPTY_FUNCTION));
    const warm: number[] = [];
    await coldStartOf(functionsRoot, EMPTY_FUNCTION, async (invoke) => {
      for (let index = 0; index < samples.warm; index++) {
        const outcome = await invoke({});
        if (!outcome.ok) throw new Error('a warm call of the empty function failed');
        warm.push(outcome.durationMs);
      }
    });
    return {
      emptyColdStartMs: round(median(cold), 1),
      warmCallMs: { p50: round(median(warm), 3), p99: round(percentile(warm, 99), 3) },
    };
  } finally {
    remove();
  }
}
