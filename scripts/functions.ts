/**
 * Where the cloud functions live and how each is bundled: src/index.ts -> index.js, with
 * wx-server-sdk left external (the platform installs it from the function's package.json)
 * and everything else (zod, typings/) bundled in.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { BuildOptions } from 'esbuild';

export const PROJECT_ROOT = path.resolve(__dirname, '..');
export const FUNCTIONS_ROOT = path.join(PROJECT_ROOT, 'cloudfunctions');

/** Node 16 is the oldest runtime the platform still offers; the bundle must load there. */
export const FUNCTION_TARGET = 'node16';

/** Names of the functions that have TypeScript sources to build. */
export function listBuildableFunctions(root = FUNCTIONS_ROOT): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(root, entry.name, 'src', 'index.ts')))
    .map((entry) => entry.name)
    .sort();
}

export function functionBuildOptions(name: string, root = FUNCTIONS_ROOT): BuildOptions {
  const dir = path.join(root, name);
  return {
    entryPoints: [path.join(dir, 'src', 'index.ts')],
    outfile: path.join(dir, 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: FUNCTION_TARGET,
    external: ['wx-server-sdk'],
    legalComments: 'none',
    minifySyntax: true,
    banner: { js: `// Built from cloudfunctions/${name}/src by \`npm run build\`. Do not edit: edit src/ instead.` },
    logLevel: 'silent',
    metafile: true,
  };
}
