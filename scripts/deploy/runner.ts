/**
 * Running the tcb CLI: an interface so the deploy shell can be driven by the real CLI, by a fake
 * `tcb` executable on a temporary PATH (tests), or by anything else that takes the same argv.
 * The spawn implementation uses the first `tcb` on PATH (npm run puts node_modules/.bin first),
 * falling back to the project's own @cloudbase/cli run with the current node.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';

export interface TcbRunResult {
  exitCode: number;
  /** stdout and stderr, interleaved as received. */
  output: string;
}

export interface TcbRunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Receives output as it arrives, for live progress. */
  onOutput?: (text: string) => void;
}

export interface TcbRunner {
  run(args: string[], options: TcbRunOptions): Promise<TcbRunResult>;
}

export interface TcbCommand {
  command: string;
  prefixArgs: string[];
  /** Windows .cmd shims can only be started through a shell. */
  shell: boolean;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Finds the tcb executable for `env` (PATH first), else the project's bundled CLI. */
export function resolveTcbCommand(
  env: NodeJS.ProcessEnv,
  projectRoot: string,
  platform = process.platform,
): TcbCommand {
  const pathValue = env.PATH ?? env.Path ?? '';
  const names = platform === 'win32' ? ['tcb.cmd', 'tcb.exe', 'tcb'] : ['tcb'];
  for (const dir of pathValue.split(path.delimiter).filter(Boolean)) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate) && isExecutable(candidate)) {
        return { command: candidate, prefixArgs: [], shell: platform === 'win32' && /\.cmd$/i.test(name) };
      }
    }
  }
  const bundled = path.join(projectRoot, 'node_modules', '@cloudbase', 'cli', 'bin', 'tcb');
  return { command: process.execPath, prefixArgs: [bundled], shell: false };
}

/** Quotes for cmd.exe; our arguments are function names and env ids ([A-Za-z0-9_-]). */
function shellQuote(arg: string): string {
  return /^[\w./:@=-]+$/.test(arg) ? arg : `"${arg.replace(/"/g, '""')}"`;
}

export function createSpawnRunner(projectRoot: string): TcbRunner {
  return {
    run(args, { cwd, env, onOutput }) {
      const { command, prefixArgs, shell } = resolveTcbCommand(env, projectRoot);
      const allArgs = [...prefixArgs, ...args];
      return new Promise((resolve, reject) => {
        const child = shell
          ? spawn([command, ...allArgs].map(shellQuote).join(' '), {
              cwd,
              env,
              shell: true,
              stdio: ['inherit', 'pipe', 'pipe'],
            })
          : spawn(command, allArgs, { cwd, env, stdio: ['inherit', 'pipe', 'pipe'] });
        let output = '';
        const collect = (chunk: Buffer): void => {
          const text = chunk.toString('utf8');
          output += text;
          onOutput?.(text);
        };
        child.stdout?.on('data', collect);
        child.stderr?.on('data', collect);
        child.on('error', reject);
        child.on('close', (code, signal) => resolve({ exitCode: code ?? (signal ? 128 : 1), output }));
      });
    },
  };
}
