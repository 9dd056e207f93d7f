/**
 * The entry file's code cache, in a real Node process as an instance loads it: the module sees what `require` gives
 * (its own require, __dirname, dynamic import), a second start is served from the cache, and an edited file is never
 * served from the stale one.
 */
import { execFileSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MIN_CACHED_BYTES } from './code-cache';

let work: string;
let loader: string;
const cacheDir = () => path.join(work, 'cache');

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'code-cache-'));
  loader = path.join(work, 'load.js');
  buildSync({
    stdin: {
      contents: `
        const { requireWithCodeCache } = require('./code-cache');
        const { exports, cache } = requireWithCodeCache(process.argv[2], process.argv[3]);
        Promise.resolve(exports.answer()).then((answer) => console.log(JSON.stringify({ cache, answer })));`,
      resolveDir: __dirname,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    outfile: loader,
    logLevel: 'silent',
  });
  writeFileSync(path.join(work, 'helper.js'), 'module.exports = { name: "helper" };');
  writeFileSync(path.join(work, 'esm.mjs'), 'export const kind = "esm";');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** An entry file over the size worth caching, whose load runs a function (lazily compiled, so cached after load). */
function writeEntry(version: string, { bytes = MIN_CACHED_BYTES + 1024, dynamicImport = false } = {}): string {
  const file = path.join(work, 'index.js');
  writeFileSync(
    file,
    `const padding = ${JSON.stringify('x'.repeat(bytes))};
     const loadedWith = (() => padding.length)();
     exports.answer = async () => ({
       version: ${JSON.stringify(version)},
       dir: __dirname,
       self: module.exports === exports,
       helper: require('./helper').name,
       resolved: require.resolve('./helper'),
       esm: ${dynamicImport ? "(await import('./esm.mjs')).kind" : "'none'"},
       loadedWith,
     });`,
  );
  return file;
}

function start(entry: string): { cache: string; answer: Record<string, unknown> } {
  return JSON.parse(execFileSync(process.execPath, [loader, entry, cacheDir()], { encoding: 'utf8' })) as {
    cache: string;
    answer: Record<string, unknown>;
  };
}

const cacheFiles = () => readdirSync(cacheDir(), { recursive: true }).filter((name) => String(name).endsWith('.bin'));

it('loads the entry file as require does, then serves the next start from the cache', () => {
  const entry = writeEntry('v1');
  const first = start(entry);
  expect(first.cache).toBe('miss');
  expect(first.answer).toEqual({
    version: 'v1',
    dir: work,
    self: true,
    helper: 'helper',
    resolved: path.join(work, 'helper.js'),
    esm: 'none',
    loadedWith: MIN_CACHED_BYTES + 1024,
  });
  expect(cacheFiles()).toHaveLength(1);
  expect(start(entry)).toEqual({ ...first, cache: 'hit' });
});

it('compiles an edited file afresh and keeps only its cache', () => {
  const entry = writeEntry('v2');
  expect(start(entry)).toMatchObject({ cache: 'miss', answer: { version: 'v2' } });
  expect(start(entry)).toMatchObject({ cache: 'hit', answer: { version: 'v2' } });
  expect(cacheFiles()).toHaveLength(1);
});

it('loads a small entry file, or one that may call import(), the plain way', () => {
  expect(start(writeEntry('small', { bytes: 10 }))).toMatchObject({ cache: 'off', answer: { version: 'small' } });
  const importing = writeEntry('esm', { dynamicImport: true });
  for (let run = 0; run < 2; run++)
    expect(start(importing)).toMatchObject({ cache: 'off', answer: { version: 'esm', esm: 'esm' } });
});
