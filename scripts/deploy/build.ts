/**
 * Builds for deployment: writes the bundles (like `npm run build`), builds them in memory to tell
 * whether the index.js on disk is what src/ produces today ("stale" otherwise), and lists the
 * modules a bundle still imports at run time (everything but wx-server-sdk must be bundled).
 */
import { builtinModules } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { FUNCTIONS_ROOT, functionBuildOptions } from '../functions';

/** Modules the platform provides next to Node's own: installed from the function's package.json. */
export const PLATFORM_DEPENDENCIES = ['wx-server-sdk'] as const;

export type BuiltState = 'fresh' | 'stale' | 'missing';

export interface InMemoryBuild {
  code: Uint8Array;
  metafile: Metafile;
}

/** Bundles cloudfunctions/<name>/src without touching the disk. */
export async function buildInMemory(name: string, root = FUNCTIONS_ROOT): Promise<InMemoryBuild> {
  const result = await build({ ...functionBuildOptions(name, root), write: false });
  const output = result.outputFiles.find((file) => file.path.endsWith('.js'));
  if (!output || !result.metafile) throw new Error(`esbuild produced no index.js for ${name}`);
  return { code: output.contents, metafile: result.metafile };
}

/** Writes cloudfunctions/<name>/index.js; returns its size in bytes. */
export async function buildToDisk(name: string, root = FUNCTIONS_ROOT): Promise<number> {
  const result = await build(functionBuildOptions(name, root));
  return Object.values(result.metafile?.outputs ?? {}).reduce((sum, output) => sum + output.bytes, 0);
}

/** Compares the index.js on disk with a fresh in-memory build, byte for byte. */
export function builtState(onDisk: Uint8Array | undefined, fresh: Uint8Array): BuiltState {
  if (!onDisk) return 'missing';
  return Buffer.compare(Buffer.from(onDisk), Buffer.from(fresh)) === 0 ? 'fresh' : 'stale';
}

export function readBuiltFile(name: string, root = FUNCTIONS_ROOT): Uint8Array | undefined {
  const file = path.join(root, name, 'index.js');
  return existsSync(file) ? readFileSync(file) : undefined;
}

function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0] as string);
}

/** Run-time imports of the bundle that are neither Node built-ins nor platform dependencies. */
export function disallowedImports(metafile: Metafile): string[] {
  const imports = Object.values(metafile.outputs).flatMap((output) => output.imports);
  const external = imports.filter((entry) => entry.external).map((entry) => entry.path);
  const allowed = (specifier: string): boolean =>
    isNodeBuiltin(specifier) || PLATFORM_DEPENDENCIES.some((dep) => specifier === dep || specifier.startsWith(`${dep}/`));
  return [...new Set(external.filter((specifier) => !allowed(specifier)))].sort();
}
