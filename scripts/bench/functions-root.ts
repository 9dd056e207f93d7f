/**
 * A throwaway functions root holding the functions the benchmark runs through the emulator:
 * - `login`: this project's function, freshly bundled from its sources (what `npm run build` makes);
 * - `login-baseline`: the template login (scripts/bench/functions/login-baseline), copied as is;
 * - `login-unbundled`: the same sources as `login`, compiled file by file without bundling, so
 *   they load wx-server-sdk and zod from node_modules the way an unbundled function would after
 *   the cloud installed its dependencies.
 * The runtime resolves packages by walking up from each function, so the root gets a
 * `node_modules` link to the project's. Also measures what each deployed package weighs.
 */
import { transform, type Metafile } from 'esbuild';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FUNCTION_TARGET, FUNCTIONS_ROOT, PROJECT_ROOT, bundleFunction } from '../functions';

export const BENCH_FUNCTIONS = { ours: 'login', baseline: 'login-baseline', unbundled: 'login-unbundled' } as const;
const BASELINE_SOURCE = path.join(__dirname, 'functions', BENCH_FUNCTIONS.baseline);

export interface PackageSize {
  bytes: number;
  files: number;
}

export interface BenchFunctions {
  functionsRoot: string;
  packages: { bundled: PackageSize; unbundled: PackageSize };
  remove(): void;
}

export async function prepareBenchFunctions(): Promise<BenchFunctions> {
  const tempDir = mkdtempSync(path.join(os.tmpdir(), 'login-bench-'));
  try {
    symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(tempDir, 'node_modules'), 'dir');
    const functionsRoot = path.join(tempDir, 'cloudfunctions');
    const metafile = await buildBundled(path.join(functionsRoot, BENCH_FUNCTIONS.ours));
    cpSync(BASELINE_SOURCE, path.join(functionsRoot, BENCH_FUNCTIONS.baseline), { recursive: true });
    const unbundled = await buildUnbundled(path.join(functionsRoot, BENCH_FUNCTIONS.unbundled), metafile);
    const bundledDir = path.join(functionsRoot, BENCH_FUNCTIONS.ours);
    const bundled = sumSizes(['index.js', 'package.json'].map((file) => sizeOf(path.join(bundledDir, file))));
    return {
      functionsRoot,
      packages: { bundled, unbundled },
      remove: () => rmSync(tempDir, { recursive: true, force: true }),
    };
  } catch (error) {
    rmSync(tempDir, { recursive: true, force: true });
    throw error;
  }
}

async function buildBundled(dir: string): Promise<Metafile> {
  mkdirSync(dir, { recursive: true });
  const { metafile } = await bundleFunction(BENCH_FUNCTIONS.ours, { outfile: path.join(dir, 'index.js') });
  for (const file of ['package.json', 'config.json'])
    cpSync(path.join(FUNCTIONS_ROOT, BENCH_FUNCTIONS.ours, file), path.join(dir, file));
  return metafile;
}

/**
 * Compiles every project source the bundle was made of, one file each, keeping the project's
 * layout so relative imports still resolve; index.js re-exports the entry. The package weighs
 * its compiled files plus the packages they require from node_modules.
 */
async function buildUnbundled(dir: string, metafile: Metafile): Promise<PackageSize> {
  const inputs = Object.keys(metafile.inputs);
  const sources = inputs.filter((input) => !input.includes('node_modules/'));
  const sizes: PackageSize[] = [];
  for (const source of sources) {
    const absolute = path.resolve(process.cwd(), source);
    const relative = path.relative(PROJECT_ROOT, absolute).replace(/\.ts$/, '.js');
    const { code } = await transform(readFileSync(absolute, 'utf8'), {
      loader: 'ts',
      format: 'cjs',
      platform: 'node',
      target: FUNCTION_TARGET,
    });
    const target = path.join(dir, relative);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, code);
    sizes.push(sizeOf(target));
  }
  const entry = path.relative(PROJECT_ROOT, path.join(FUNCTIONS_ROOT, BENCH_FUNCTIONS.ours, 'src', 'index.js'));
  writeFileSync(path.join(dir, 'index.js'), `module.exports = require('./${entry.split(path.sep).join('/')}');\n`);
  const packages = packagesOf(inputs);
  writeFileSync(path.join(dir, 'package.json'), unbundledPackageJson(packages));
  cpSync(path.join(FUNCTIONS_ROOT, BENCH_FUNCTIONS.ours, 'config.json'), path.join(dir, 'config.json'));
  sizes.push(sizeOf(path.join(dir, 'index.js')), sizeOf(path.join(dir, 'package.json')));
  for (const name of dependencyClosure(packages)) sizes.push(sizeOf(path.join(PROJECT_ROOT, 'node_modules', name)));
  return sumSizes(sizes);
}

/** Package names of the node_modules inputs of a bundle ("node_modules/zod/v4/..." -> "zod"). */
export function packagesOf(inputs: readonly string[]): string[] {
  const names = new Set<string>();
  for (const input of inputs) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match?.[1]) names.add(match[1]);
  }
  return [...names].sort();
}

function unbundledPackageJson(packages: string[]): string {
  const version = (name: string) =>
    (
      JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
  const dependencies = Object.fromEntries(packages.map((name) => [name, `^${version(name)}`]));
  const manifest = { name: BENCH_FUNCTIONS.unbundled, version: '1.0.0', private: true, main: 'index.js', dependencies };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * The packages and everything they depend on, as installed at the top of node_modules (a copy
 * nested inside a package is counted with that package).
 */
function dependencyClosure(roots: string[]): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    const manifestFile = path.join(PROJECT_ROOT, 'node_modules', name, 'package.json');
    if (seen.has(name) || !existsSync(manifestFile)) return;
    seen.add(name);
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { dependencies?: Record<string, string> };
    for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(dependency);
  };
  roots.forEach(visit);
  return [...seen].sort();
}

/** Bytes and files of a file or a directory tree (links are not followed). */
export function sizeOf(target: string): PackageSize {
  const stat = lstatSync(target);
  if (!stat.isDirectory()) return { bytes: stat.size, files: 1 };
  return sumSizes(readdirSync(target).map((name) => sizeOf(path.join(target, name))));
}

function sumSizes(sizes: readonly PackageSize[]): PackageSize {
  return sizes.reduce((total, size) => ({ bytes: total.bytes + size.bytes, files: total.files + size.files }), {
    bytes: 0,
    files: 0,
  });
}
