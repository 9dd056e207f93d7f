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
    `Port${where} is already in use, perhaps by another emulator or npm start. Choose another (--port N), leave --port out to get a free one, or stop the process that holds it.`,
  ].join('\n');
}

/** One line for any failure: the busy port message, or the error's own message. */
export function describeFailure(error: unknown): string {
  return busyPortMessage(error) ?? (error instanceof Error ? error.message : String(error));
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
