/**
 * Every command a developer runs answers --help Chinese first, English alongside, each option
 * described in Chinese (npm start's own test covers it).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

const COMMANDS: Array<[string, string[]]> = [
  ['scripts/build.ts', []],
  ['scripts/deploy/index.ts', []],
  ['scripts/doctor.ts', []],
  ['scripts/bench.ts', []],
  ['scripts/console-screenshots.ts', []],
  ['server/main.ts', []],
  ['packages/wxcloud/src/bin.ts', []],
  ['packages/wxcloud/src/bin.ts', ['doctor']],
];

it.each(COMMANDS)('%s %s --help speaks Chinese first', (script, args) => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', script, ...args, '--help'], { cwd: root, encoding: 'utf8' });
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/^用法 \/ Usage/);
  expect(run.stdout).toMatch(/-h, --help\s+显示帮助 \/ show this help/);
  const optionLines = run.stdout.split('\n').filter((line) => /^ {2}-/.test(line));
  expect(optionLines.length).toBeGreaterThan(0);
  for (const line of optionLines) expect(line).toMatch(/[\u4e00-\u9fff]/);
}, 30_000);
