/**
 * Every command a developer runs answers --help Chinese first, English alongside, each option
 * described in Chinese (npm start's own test covers it). The commands start side by side.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const root = path.resolve(__dirname, '..', '..');

const COMMANDS: string[][] = [
  ['scripts/build.ts'],
  ['scripts/deploy/index.ts'],
  ['scripts/doctor.ts'],
  ['scripts/bench.ts'],
  ['scripts/console-screenshots.ts'],
  ['server/main.ts'],
  ['packages/wxcloud/src/bin.ts'],
  ['packages/wxcloud/src/bin.ts', 'doctor'],
];

it('every command answers --help Chinese first, each option in Chinese', async () => {
  const run = (command: string[]) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', ...command, '--help'], { cwd: root, encoding: 'utf8' });
  const outputs = await Promise.all(
    COMMANDS.map(async (command) => ({ command: command.join(' '), stdout: (await run(command)).stdout })),
  );
  for (const { command, stdout } of outputs) {
    expect({ command, start: stdout.startsWith('用法 / Usage:') }).toEqual({ command, start: true });
    expect({ command, help: /-h, --help\s+显示帮助 \/ show this help/.test(stdout) }).toEqual({ command, help: true });
    const optionLines = stdout.split('\n').filter((line) => /^ {2}-/.test(line));
    expect(optionLines.length).toBeGreaterThan(0);
    for (const line of optionLines)
      expect({ command, line }).toEqual({ command, line: expect.stringMatching(/[\u4e00-\u9fff]/) });
  }
}, 60_000);
