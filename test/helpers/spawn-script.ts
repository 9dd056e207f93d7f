/**
 * Runs one of the project's TypeScript entry points (the emulator CLI, the server) as a real child
 * process, as a developer would, and gives its base URL once it prints `ready at <URL>`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/** The `wxcloud` command run from its sources, as `npm run emulator` runs it. */
export const WXCLOUD_BIN = 'packages/wxcloud/src/bin.ts';

/** Node's arguments that run `wxcloud ARGS…` from its sources (`node --import tsx bin.ts ARGS…`). */
export function wxcloudArgs(...args: string[]): string[] {
  return ['--import', 'tsx', path.join(ROOT, WXCLOUD_BIN), ...args];
}

export interface SpawnedScript {
  child: ChildProcess;
  /** The URL of the first `ready at http://127.0.0.1:PORT` line; rejects if the process exits first. */
  ready: Promise<string>;
  exited: Promise<number | null>;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
}

export function spawnScript(
  script: string,
  args: string[],
  env: Record<string, string | undefined> = process.env,
): SpawnedScript {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, script), ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /ready at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    void exited.then((code) => reject(new Error(`${script} exited (${code}) before it was ready: ${output}`)));
  });
  return { child, ready, exited, output: () => output };
}
