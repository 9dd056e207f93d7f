/**
 * Builds for deployment: writes the bundles (like `npm run build`), builds them in memory to tell
 * whether the index.js on disk is what src/ produces today ("stale" otherwise), and lists the
 * modules a bundle still imports at run time (everything but Node's built-ins must be bundled:
 * the functions deploy with nothing for the cloud to install).
 */
import { builtinModules } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Metafile } from 'esbuild';
import { FUNCTIONS_ROOT, bundleFunction } from '../functions';

/**
 * Modules the cloud would install from a function's package.json: none. wx-server-sdk is bundled
 * into index.js (cloudbaserc.json `installDependency: false`), so a function needs only Node.
 */
export const PLATFORM_DEPENDENCIES: readonly string[] = [];

export type BuiltState = 'fresh' | 'stale' | 'missing';

export interface InMemoryBuild {
  code: Uint8Array;
  metafile: Metafile;
}

/** Bundles cloudfunctions/<name>/src without touching the disk. */
export async function buildInMemory(name: string, root = FUNCTIONS_ROOT): Promise<InMemoryBuild> {
  const { code, metafile } = await bundleFunction(name, { root, write: false });
  return { code, metafile };
}

/** Writes cloudfunctions/<name>/index.js; returns its size in bytes. */
export async function buildToDisk(name: string, root = FUNCTIONS_ROOT): Promise<number> {
  return (await bundleFunction(name, { root })).bytes;
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
    isNodeBuiltin(specifier) ||
    PLATFORM_DEPENDENCIES.some((dep) => specifier === dep || specifier.startsWith(`${dep}/`));
  return [...new Set(external.filter((specifier) => !allowed(specifier)))].sort();
}
