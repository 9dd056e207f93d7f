/**
 * What every command of the project (`npm run emulator`, `npm start`, `npm run build`,
 * `npm run deploy`, `npm run bench`) does the same way: parse its arguments with node:util
 * parseArgs, answer -h/--help with its usage, and turn a bad argument, a busy port or a failure
 * into one clear bilingual message and an exit code (2 for usage, 1 for failures).
 *
 * @example
 *   runCommand(USAGE, async (argv) => {
 *     const { values } = parseCommandLine(argv, { port: { type: 'string' } });
 *     const port = parsePort(values.port);
 *   });
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
type ParsedCommandLine<O extends OptionsConfig> = ReturnType<
  typeof parseArgs<{ options: O; allowPositionals: boolean; strict: true }>
>;

/** A wrong argument: printed with the usage, exit code 2. */
export class UsageError extends Error {}

/** Parses `argv` strictly; an unknown option or a missing value becomes a UsageError. */
export function parseCommandLine<O extends OptionsConfig>(
  argv: string[],
  options: O,
  settings: { positionals?: boolean } = {},
): ParsedCommandLine<O> {
  try {
    return parseArgs({ args: argv, options, allowPositionals: settings.positionals ?? false, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** `--port` as a number: 0 (a free port) when absent. */
export function parsePort(value: string | undefined): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535)
    throw new UsageError(`--port 必须是 0-65535 的整数 / --port must be an integer 0-65535, got "${value}"`);
  return port;
}

/** True when `argv` asks for help before any `--` (what follows `--` belongs to another command). */
export function asksForHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some((arg) => arg === '-h' || arg === '--help');
}

/** The message for a port another process holds (EADDRINUSE), or undefined for other errors. */
export function busyPortMessage(error: unknown): string | undefined {
  const { code, port } = (error ?? {}) as { code?: string; port?: number };
  if (code !== 'EADDRINUSE') return undefined;
  const where = port === undefined ? '' : ` ${port}`;
  return [
    `端口${where} 已被占用：可能另一个模拟器或 npm start 还在运行。换一个端口（--port N），或去掉 --port 让系统选一个空闲端口，或先停止占用它的进程。`,
    `Port${where} is already in use, perhaps by another emulator or npm start. ` +
      `Choose another (--port N), leave --port out to get a free one, or stop the process that holds it.`,
  ].join('\n');
}

/** What the system errors a command meets most mean, for the Chinese half of the message. */
const SYSTEM_ERRORS: Record<string, string> = {
  ENOENT: '找不到文件或目录',
  EACCES: '没有权限',
  EPERM: '操作不被允许',
  ENOSPC: '磁盘空间不足',
  EROFS: '文件系统是只读的',
  EMFILE: '打开的文件太多',
  ECONNREFUSED: '连接被拒绝：对方没有在这个端口上运行',
  ETIMEDOUT: '连接超时',
  ENOTFOUND: '找不到这个主机名',
};

const HAS_CHINESE = /[\u4e00-\u9fff]/;

/**
 * One message for any failure, Chinese first: the busy port message; a known system error; a
 * message already bilingual as it is; any other (an unexpected error in the code) labelled as such.
 */
export function describeFailure(error: unknown): string {
  const busy = busyPortMessage(error);
  if (busy) return busy;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && SYSTEM_ERRORS[code]) return `${SYSTEM_ERRORS[code]}（${code}）/ ${message}`;
  if (HAS_CHINESE.test(message)) return message;
  return `意外的错误，请带上这段信息报告问题 / unexpected error, please report it with this message: ${message}`;
}

/**
 * Runs a command's `main` with the process arguments: help, usage errors, a busy port and other
 * failures each end the process with their message and exit code. A number from `main` becomes
 * the exit code; otherwise the process ends when its work does.
 */
export function runCommand(
  usage: string,
  main: (argv: string[]) => Promise<number | void>,
  argv = process.argv.slice(2),
): void {
  if (asksForHelp(argv)) {
    console.log(usage);
    return;
  }
  main(argv).then(
    (code) => {
      if (typeof code === 'number') process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof UsageError) {
        console.error(`${error.message}\n\n${usage}`);
        process.exit(2);
      }
      console.error(`失败 / failed: ${describeFailure(error)}`);
      process.exit(1);
    },
  );
}
