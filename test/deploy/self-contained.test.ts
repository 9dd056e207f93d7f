/**
 * Each cloud function, built and placed alone in an empty folder with only its package.json
 * dependencies (none), loads in a fresh node, exports main, and requires nothing but Node
 * built-ins: wx-server-sdk is inside index.js. Its uploaded files fit the size budget. Fixtures
 * prove the check can fail.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { PLATFORM_DEPENDENCIES, buildInMemory, disallowedImports } from '../../scripts/deploy/build';
import { listFiles, selectDeployedFiles } from '../../scripts/deploy/files';
import { loadCloudbaserc } from '../../scripts/deploy/facts';
import { FUNCTION_FILES_BUDGET_BYTES, INDEX_JS_BUDGET_BYTES } from '../../scripts/deploy/limits';
import { FUNCTIONS_ROOT, PROJECT_ROOT, listBuildableFunctions } from '../../scripts/functions';
import { isolateFunction, loadInChild } from './isolated-function';

jest.setTimeout(60_000);

const allowedRequest = (request: string): boolean =>
  request.startsWith('node:') ||
  builtinModules.includes(request.split('/')[0] as string) ||
  PLATFORM_DEPENDENCIES.some((dep) => request === dep || request.startsWith(`${dep}/`));

let workDir: string;
beforeAll(() => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'fn-isolated-'));
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const functionNames = listBuildableFunctions();

it('finds the project functions to check', () => {
  expect(functionNames).toContain('login');
});

describe.each(functionNames)('cloud function %s', (name) => {
  it('declares no dependencies, loads alone, exports main, and requires only Node built-ins', async () => {
    const isolated = await isolateFunction(FUNCTIONS_ROOT, name, workDir, PROJECT_ROOT);
    expect(isolated.uninstallable).toEqual([]);
    expect(readdirSync(path.join(isolated.dir, 'node_modules'))).toEqual([]);
    expect(disallowedImports(isolated.metafile)).toEqual([]);
    const report = await loadInChild(isolated.dir);
    expect(report).toMatchObject({ loaded: true, mainType: 'function' });
    expect(report.requests.filter((request) => !allowedRequest(request))).toEqual([]);
  });

  it('keeps its uploaded files within the size budget', async () => {
    const { config } = loadCloudbaserc(PROJECT_ROOT);
    const entry = config?.functions?.find((fn) => fn.name === name);
    const fresh = await buildInMemory(name);
    const onDisk = listFiles(path.join(FUNCTIONS_ROOT, name), new Set(['node_modules'])).filter(
      (file) => file.path !== 'index.js',
    );
    const files = selectDeployedFiles(
      [...onDisk, { path: 'index.js', bytes: fresh.code.byteLength }],
      entry?.ignore ?? [],
      true,
    );
    const total = files.reduce((sum, file) => sum + file.bytes, 0);
    expect(files.map((file) => file.path)).toEqual(expect.arrayContaining(['index.js', 'package.json']));
    expect(files.some((file) => file.path.startsWith('src/'))).toBe(false);
    expect(fresh.code.byteLength).toBeLessThanOrEqual(INDEX_JS_BUDGET_BYTES);
    expect(total).toBeLessThanOrEqual(FUNCTION_FILES_BUDGET_BYTES);
  });
});

describe('the self-containment check itself', () => {
  let fixtures: string;
  const writeFunction = (name: string, source: string, dependencies: Record<string, string>): void => {
    mkdirSync(path.join(fixtures, name, 'src'), { recursive: true });
    writeFileSync(path.join(fixtures, name, 'src', 'index.ts'), source);
    writeFileSync(path.join(fixtures, name, 'package.json'), JSON.stringify({ name, dependencies }));
  };
  beforeAll(() => {
    fixtures = mkdtempSync(path.join(os.tmpdir(), 'fn-fixtures-'));
    writeFunction(
      'dynamic',
      "const lib = ['mini', 'match'].join('');\nconst loaded: unknown = " +
        'require(lib);\nexport const main = async () => typeof loaded;\n',
      {},
    );
    writeFunction(
      'fine',
      "import { createHash } from 'node:crypto';\nimport cloud from " +
        "'wx-server-sdk';\nexport const main = async () => [typeof cloud, " +
        "createHash('sha1').digest('hex')];\n",
      {},
    );
  });
  afterAll(() => rmSync(fixtures, { recursive: true, force: true }));

  it('catches a run-time require that esbuild could not bundle', async () => {
    const isolated = await isolateFunction(fixtures, 'dynamic', workDir, PROJECT_ROOT);
    const report = await loadInChild(isolated.dir);
    expect(report.loaded).toBe(false);
    expect(report.requests.filter((request) => !allowedRequest(request))).toEqual(['minimatch']);
  });

  it('passes a function that uses wx-server-sdk and node built-ins, with the SDK inside its index.js', async () => {
    const isolated = await isolateFunction(fixtures, 'fine', workDir, PROJECT_ROOT);
    const report = await loadInChild(isolated.dir);
    expect(report).toMatchObject({ loaded: true, mainType: 'function' });
    expect(report.requests).toEqual(expect.arrayContaining(['node:crypto']));
    expect(report.requests.filter((request) => !allowedRequest(request))).toEqual([]);
    expect(report.requests).not.toContain('wx-server-sdk');
  });
});
