/**
 * The file each function instance's process runs: in the published package the one build.mjs
 * bundled ahead of time; from source, function.child.ts bundled once with esbuild into the temp
 * folder (named by its content, written atomically, so concurrent emulators share it safely).
 * Bundled plain JavaScript starts as fast as a prebuilt file, under jest and under tsx alike,
 * and the child never loads a TypeScript loader.
 */
import { buildSync } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PREBUILT = path.join(__dirname, 'function.child.js');

let cached: string | undefined;

/** Absolute path of the instance script. */
export function childScript(): string {
  cached ??= existsSync(PREBUILT) ? PREBUILT : compile();
  return cached;
}

function compile(): string {
  const result = buildSync({
    entryPoints: [path.join(__dirname, 'function.child.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    write: false,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no output for function.child.ts');
  const hash = createHash('sha256').update(output.text).digest('hex').slice(0, 16);
  const dir = path.join(os.tmpdir(), 'wxcloud');
  const file = path.join(dir, `function-child-${hash}.js`);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, output.text);
  renameSync(partial, file);
  return file;
}
