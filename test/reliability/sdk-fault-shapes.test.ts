/**
 * What the real wx-server-sdk throws under each fault the emulator injects (HTTP 5xx, connection
 * reset, request timeout; before or after the action ran), for each database action the login
 * sends, and whether the login's classifier calls it `transient` (safe to retry): anything else
 * would turn a passing fault into INTERNAL. The probe runs in its own Node process: see its header.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { recordFigure } from './helpers/figures';

interface ProbeLine {
  fault: string;
  when: 'before' | 'after';
  action: string;
  faults: number;
  kind: string;
  shape: unknown;
}

const ROOT = path.resolve(__dirname, '..', '..');
let lines: ProbeLine[] = [];

beforeAll(async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'helpers', 'fault-shapes-probe.ts')],
    {
      cwd: ROOT,
      timeout: 30_000,
    },
  );
  lines = stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as ProbeLine);
  for (const line of lines) recordFigure('faultsInjected', line.faults, line.fault);
}, 40_000);

test('every fault kind, before and after, on every action the login sends, was injected and probed', () => {
  const seen = new Set(lines.map((line) => `${line.fault} ${line.when} ${line.action}`));
  expect(seen.size).toBe(5 * 2 * 4);
  expect(lines.every((line) => line.faults === 1)).toBe(true);
});

test('every error the SDK threw under a fault is classified transient', () => {
  const notTransient = lines
    .filter((line) => line.kind !== 'transient')
    .map((line) => `${line.fault} ${line.when} ${line.action}: ${line.kind} ${JSON.stringify(line.shape)}`);
  expect(notTransient).toEqual([]);
});

test('HTTP 5xx through wx-server-sdk keeps only the status text in errMsg under the catch-all -501001', () => {
  const insert503 = lines.find((line) => line.fault === 'http503' && line.action === 'database.insertDocument');
  expect(insert503?.shape).toMatchObject({
    errCode: -501001,
    errMsg: expect.stringMatching(/resource system error\. 503 Service Unavailable \| \[/),
  });
});
