/** Reading timer triggers from config.json and cloudbaserc.json, and refusing bad ones at start. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator } from '../host/emulator';
import { functionsService } from './service';
import { readTimerTriggers, TriggerConfigError } from './timer-triggers';

let root: string;
const functionsRoot = () => path.join(root, 'cloudfunctions');

function addFunction(name: string, config?: unknown): void {
  const dir = path.join(functionsRoot(), name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'index.js'), 'exports.main = async () => null;\n');
  if (config !== undefined) writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config));
}

const timer = (name: string, config: string) => ({ name, type: 'timer', config });
const read = (names: string[]) => readTimerTriggers(functionsRoot(), names, root);

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'wxcloud-triggers-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('readTimerTriggers', () => {
  it('reads config.json, and cloudbaserc.json for functions whose config.json declares none', () => {
    addFunction('daily', { triggers: [timer('nightly', '0 0 2 * * * *')] });
    addFunction('sweep', { timeout: 10 });
    addFunction('plain');
    writeFileSync(
      path.join(root, 'cloudbaserc.json'),
      JSON.stringify({
        envId: 'x',
        functions: [
          { name: 'sweep', triggers: [timer('everyMinute', '0 * * * * * *')] },
          { name: 'daily', triggers: [timer('ignored', '0 0 3 * * * *')] },
        ],
      }),
    );
    expect(
      read(['daily', 'plain', 'sweep']).map(({ functionName, name, cron }) => ({ functionName, name, cron })),
    ).toEqual([
      { functionName: 'daily', name: 'nightly', cron: '0 0 2 * * * *' },
      { functionName: 'sweep', name: 'everyMinute', cron: '0 * * * * * *' },
    ]);
  });

  it.each([
    [
      'a bad cron',
      [timer('broken', '0 0 25 * * * *')],
      /云函数 daily 的定时触发器 .*"broken".*invalid cron "0 0 25 \* \* \* \*"/,
    ],
    ['a cron without the year field', [timer('sixFields', '0 0 2 * * *')], /"sixFields".*expected 7 fields/],
    [
      'two triggers',
      [timer('a', '* * * * * * *'), timer('b', '* * * * * * *')],
      /function daily.*one trigger per function/,
    ],
    ['a bad name', [timer('1st', '* * * * * * *')], /"1st".*starting with a letter/],
    ['another type', [{ name: 'cos', type: 'cos', config: 'x' }], /"cos"/],
  ])('refuses %s, naming the function and the trigger', (_what, triggers, message) => {
    addFunction('daily', { triggers });
    expect(() => read(['daily'])).toThrow(TriggerConfigError);
    expect(() => read(['daily'])).toThrow(message);
  });
});

it('a bad trigger stops the emulator from starting, with the function and trigger named', async () => {
  addFunction('daily', { triggers: [timer('nightly', 'every night')] });
  const start = startEmulator({
    inMemory: true,
    services: [functionsService({ functionsRoot: functionsRoot(), projectRoot: root })],
  });
  await expect(start).rejects.toThrow(/function daily "nightly"/);
});
