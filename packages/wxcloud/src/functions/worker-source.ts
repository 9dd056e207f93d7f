/**
 * The worker's code: in the published package the file build.mjs bundled ahead of time; from
 * source, compiled once per process from function.worker.ts with esbuild. Started
 * with `new Worker(code, { eval: true })`. Measured here: a worker from plain JavaScript starts in
 * about 40 ms, one that loads tsx to run the .ts file in about 160 ms; compiling costs about 60 ms
 * once. This way the worker is type-checked TypeScript yet starts as fast as plain JavaScript,
 * under jest and under tsx alike.
 */
import { buildSync } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const PREBUILT = path.join(__dirname, 'function.worker.js');

let cached: string | undefined;

export function workerSource(): string {
  cached ??= existsSync(PREBUILT) ? readFileSync(PREBUILT, 'utf8') : compile();
  return cached;
}

function compile(): string {
  const result = buildSync({
    entryPoints: [path.join(__dirname, 'function.worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    write: false,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no output for function.worker.ts');
  return output.text;
}
