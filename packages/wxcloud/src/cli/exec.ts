/**
 * `wxcloud exec [options] -- CMD ...` (like `firebase emulators:exec`): starts the
 * emulator, runs CMD with the environment pointing wx-server-sdk and the functions at it, stops
 * the emulator (exporting first with --export) and answers CMD's exit code. The emulator's own
 * lines go to stderr so that CMD's stdout stays its own.
 */
import { spawn } from 'node:child_process';
import { sdkEnvironment } from '../host/sdk-env';
import { UsageError } from './command-line';
import { parseCliOptions } from './options';
import { startCliSession } from './session';

/** Set for CMD: the emulator's base URL (`POST $CLOUDBASE_EMULATOR_URL/functions/<name>`). */
export const EMULATOR_URL_VARIABLE = 'CLOUDBASE_EMULATOR_URL';

/** Splits `[options] -- CMD ...`; CMD is required. */
export function splitExecArgs(argv: string[]): { options: string[]; command: string[] } {
  const separator = argv.indexOf('--');
  const options = separator === -1 ? argv : argv.slice(0, separator);
  const command = separator === -1 ? [] : argv.slice(separator + 1);
  if (command.length === 0)
    throw new UsageError('exec 需要一个命令 / exec needs a command: wxcloud exec [options] -- CMD ...');
  return { options, command };
}

/** Runs CMD to its end; its exit code (a signal counts as 128 + 1, never 0). */
function runCommandToEnd(command: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    // On Windows `npm`, `npx` and the like are .cmd files, which only a shell runs.
    const child = spawn(command[0] as string, command.slice(1), {
      stdio: 'inherit',
      env,
      shell: process.platform === 'win32',
    });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.once('error', (error) => reject(new Error(`无法运行 / cannot run "${command[0]}": ${error.message}`)));
    child.once('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 129 : 1));
    });
  });
}

export async function runExec(argv: string[]): Promise<number> {
  const { options, command } = splitExecArgs(argv);
  const parsed = parseCliOptions(options);
  const print = (line: string) => console.error(line);
  const session = await startCliSession(parsed, print);
  const { cloud } = session;
  const env = { ...process.env, ...sdkEnvironment(cloud.dbUrl, cloud.envId), [EMULATOR_URL_VARIABLE]: cloud.baseUrl };
  print(`运行 / running: ${command.join(' ')}`);
  let code: number;
  try {
    code = await runCommandToEnd(command, env);
  } finally {
    await session.stop();
  }
  print(`命令退出码 / command exited with ${code}; 模拟器已停止 / emulator stopped`);
  return code;
}
