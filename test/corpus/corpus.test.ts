/**
 * Projects nobody here wrote, run as they are: each folder under fixtures/ holds a public WeChat
 * cloud project's functions, unchanged, with its licence (only MIT / Apache / BSD projects) and a
 * SOURCE.md naming the repository and commit, plus scenario.json: the seed it expects and the
 * events its pages send, as simulated users. `wxcloud exec --project` runs them (driver.js sends
 * the events); every answer must be what the service answers, or name the gap (`gap`, text that
 * docs/emulator.md must hold). Each function gets the wx-server-sdk its package.json asks for, from
 * the versions installed side by side as npm aliases; any other dependency comes with the fixture.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { wxcloudArgs } from '../helpers/spawn-script';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURES = path.join(__dirname, 'fixtures');
const DOCS = readFileSync(path.join(ROOT, 'docs', 'emulator.md'), 'utf8');

/** The wx-server-sdk versions installed, by their folder under node_modules. */
const INSTALLED = [
  'wx-server-sdk-2-1',
  'wx-server-sdk-2-3',
  'wx-server-sdk-2-6',
  'wx-server-sdk-3',
  'wx-server-sdk',
].map((folder) => ({
  folder,
  version: (
    JSON.parse(readFileSync(path.join(ROOT, 'node_modules', folder, 'package.json'), 'utf8')) as { version: string }
  ).version,
}));

/**
 * The installed version a package.json range picks: `latest`, `*`, `~x.y.z` (same minor) or `^x.y.z` (same major);
 * newest first.
 */
function pickSdk(range: string): string {
  const newestFirst = [...INSTALLED].sort((a, b) => b.version.localeCompare(a.version, undefined, { numeric: true }));
  const [major, minor] = range.replace(/^[~^]/, '').split('.');
  const picked = newestFirst.find(({ version }) => {
    if (range === 'latest' || range === '*') return true;
    const [vMajor, vMinor] = version.split('.');
    return vMajor === major && (range.startsWith('^') || vMinor === minor);
  });
  if (!picked) throw new Error(`no installed wx-server-sdk satisfies ${range}`);
  return picked.folder;
}

interface Step {
  page: string;
  user: string;
  name: string;
  data: unknown;
  expect?: unknown;
  /** Why this answer differs from the service's: text docs/emulator.md must contain. */
  gap?: string;
}

interface Scenario {
  calls: Step[];
}

interface Run {
  fileIds: Record<string, string>;
  answers: Array<{ ok: boolean; result?: unknown }>;
}

/** A copy of the fixture whose functions each see the wx-server-sdk their package.json names. */
function projectFrom(fixture: string): string {
  const projectRoot = mkdtempSync(path.join(os.tmpdir(), `corpus-${fixture}-`));
  cpSync(path.join(FIXTURES, fixture), projectRoot, { recursive: true });
  const functionsRoot = path.join(projectRoot, 'cloudfunctions');
  for (const name of readdirSync(functionsRoot)) {
    const manifest = path.join(functionsRoot, name, 'package.json');
    if (!existsSync(manifest)) continue;
    const dependencies =
      (JSON.parse(readFileSync(manifest, 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {};
    mkdirSync(path.join(functionsRoot, name, 'node_modules'), { recursive: true });
    for (const [dependency, range] of Object.entries(dependencies)) {
      // Other dependencies come with the fixture, from the same repository (vendor/<name>).
      const source =
        dependency === 'wx-server-sdk'
          ? path.join(ROOT, 'node_modules', pickSdk(range))
          : path.join(projectRoot, 'vendor', dependency);
      if (!existsSync(source))
        throw new Error(`${fixture}/${name} needs ${dependency}, which the fixture does not provide`);
      symlinkSync(source, path.join(functionsRoot, name, 'node_modules', dependency), 'junction');
    }
  }
  return projectRoot;
}

async function runScenario(projectRoot: string): Promise<Run> {
  const cli = wxcloudArgs('exec', '--in-memory', '--project', projectRoot, '--');
  const command = [process.execPath, path.join(__dirname, 'driver.js'), path.join(projectRoot, 'scenario.json'), ROOT];
  const { stdout } = await promisify(execFile)(process.execPath, [...cli, ...command], { cwd: ROOT, timeout: 110_000 });
  return JSON.parse(stdout.trim()) as Run;
}

/** The expected answer with its placeholders: `$file:<path>`, `$result:<call>.<path>`, `$string`, `$number`. */
function expectation(value: unknown, run: Run): unknown {
  if (value === '$string') return expect.any(String);
  if (value === '$number') return expect.any(Number);
  if (typeof value === 'string' && value.startsWith('$file:')) return run.fileIds[value.slice(6)];
  if (typeof value === 'string' && value.startsWith('$result:')) {
    const [index, ...keys] = value.slice(8).split('.');
    return keys.reduce<unknown>(
      (node, key) => (node as Record<string, unknown> | undefined)?.[key],
      run.answers[Number(index)]?.result,
    );
  }
  if (Array.isArray(value)) return value.map((item) => expectation(item, run));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, expectation(item, run)]));
  return value;
}

const fixtures = readdirSync(FIXTURES);

test.each(fixtures)('%s answers its pages as the service does', async (fixture) => {
  for (const file of ['LICENSE', 'SOURCE.md', 'scenario.json'])
    expect(existsSync(path.join(FIXTURES, fixture, file))).toBe(true);
  expect(readFileSync(path.join(FIXTURES, fixture, 'LICENSE'), 'utf8')).toMatch(/MIT License|Apache License|BSD/);
  const projectRoot = projectFrom(fixture);
  try {
    const scenario = JSON.parse(readFileSync(path.join(projectRoot, 'scenario.json'), 'utf8')) as Scenario;
    const run = await runScenario(projectRoot);
    scenario.calls.forEach((step, index) => {
      const label = `${index} ${step.page}: ${step.name} ${JSON.stringify(step.data)}`;
      if (step.gap !== undefined)
        expect({ label, documented: DOCS.includes(step.gap) }).toEqual({ label, documented: true });
      else
        expect({ label, answer: run.answers[index] }).toMatchObject({ label, answer: expectation(step.expect, run) });
    });
  } finally {
    rmSync(projectRoot, { recursive: true, force: true });
  }
});
