/**
 * Loads a function's entry file with V8's code cache, kept between instances: most of a bundled function's cold start
 * is compiling its one large file, and the functions it runs while loading. The cache is made after the first load, so
 * it holds those too (what Node's own compile cache, made before running, does not). Runs in the instance process.
 * Anything unexpected (no cache yet, a rejected or unreadable one, a small file) loads the file the plain way: the
 * cache only ever changes how fast a function starts. So does a file that may call `import()` (Node 20 loses a vm
 * script's dynamic-import loader when the script comes from a code cache made in another process), and one starting
 * with `#!`, which only Node's own loader accepts.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';

/** Smaller entry files compile in a few milliseconds: not worth a cache file. */
export const MIN_CACHED_BYTES = 64 * 1024;
/** Caches of entry files not started for this long are removed (temporary function folders come and go). */
const UNUSED_CACHE_MS = 7 * 24 * 3600 * 1000;

/** Whether the entry file came from the cache, was compiled and cached, or was loaded the plain way. */
export type CacheUse = 'hit' | 'miss' | 'off';

/** Also matches in strings and comments: such a file only loses the cache. */
const DYNAMIC_IMPORT = /\bimport\s*\(/;

type Loader = (module: Module, filename: string) => void;
interface ModuleInternals {
  _extensions: Record<string, Loader>;
  wrap(source: string): string;
}

/** Per user, readable only by its owner: a code cache is code. */
export function defaultCodeCacheDir(): string {
  const user = typeof process.getuid === 'function' ? String(process.getuid()) : os.userInfo().username;
  return path.join(os.tmpdir(), `wxcloud-${user}`, 'code-cache');
}

/** `require(entryFile)`, compiling the entry file itself from the code cache in `cacheDir`. */
export function requireWithCodeCache(entryFile: string, cacheDir: string): { exports: unknown; cache: CacheUse } {
  const extensions = (Module as unknown as ModuleInternals)._extensions;
  const plain = extensions['.js'];
  if (!plain || !worthCaching(entryFile) || !ownedDirectory(cacheDir))
    return { exports: createRequire(entryFile)(entryFile), cache: 'off' };
  let cache: CacheUse = 'off';
  extensions['.js'] = (module, filename) => {
    if (filename !== entryFile) return plain(module, filename);
    cache = runCached(module, filename, cacheDir, plain);
  };
  try {
    return { exports: createRequire(entryFile)(entryFile), cache };
  } finally {
    extensions['.js'] = plain;
  }
}

function runCached(module: Module, filename: string, cacheDir: string, plain: Loader): CacheUse {
  const source = readFileSync(filename, 'utf8');
  if (DYNAMIC_IMPORT.test(source) || source.startsWith('#!')) {
    plain(module, filename);
    return 'off';
  }
  const folder = path.join(cacheDir, digest(filename));
  const cacheFile = path.join(folder, `${digest(`${process.version}\n${process.execArgv.join(' ')}\n${source}`)}.bin`);
  const cachedData = readIfPresent(cacheFile);
  const script = new vm.Script((Module as unknown as ModuleInternals).wrap(source), { filename, cachedData });
  const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(filename), module, filename, path.dirname(filename));
  if (cachedData && !script.cachedDataRejected) return 'hit';
  saveCache(cacheDir, folder, cacheFile, script);
  return 'miss';
}

function saveCache(cacheDir: string, folder: string, cacheFile: string, script: vm.Script): void {
  try {
    removeUnused(cacheDir);
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    // Only the cache of the file as it is now: an edited or rebuilt file leaves no stale caches behind.
    for (const stale of readdirSync(folder)) rmSync(path.join(folder, stale), { force: true });
    const partial = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(partial, script.createCachedData(), { mode: 0o600 });
    renameSync(partial, cacheFile);
  } catch {
    // A read-only or full temp folder: the next instance compiles again.
  }
}

function removeUnused(cacheDir: string): void {
  const now = Date.now();
  for (const entry of readdirSync(cacheDir)) {
    const folder = path.join(cacheDir, entry);
    if (now - statSync(folder).mtimeMs > UNUSED_CACHE_MS) rmSync(folder, { recursive: true, force: true });
  }
}

function worthCaching(file: string): boolean {
  try {
    return statSync(file).size >= MIN_CACHED_BYTES;
  } catch {
    return false;
  }
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Creates the folder private to this user; refuses one another user owns. */
function ownedDirectory(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const owner = statSync(dir).uid;
    return typeof process.getuid !== 'function' || owner === process.getuid();
  } catch {
    return false;
  }
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 24);
