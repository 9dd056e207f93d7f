/**
 * `wxcloud [options]` (`npm run emulator -- [options]` in this repository): runs the local cloud (database and the
 * project's cloud functions) in the foreground on 127.0.0.1 and prints where it is (the first line holds
 * `ready at <URL>`).
 * Ctrl-C / SIGTERM stop it cleanly (journal flushed; with --export, data exported first).
 * `wxcloud exec [options] -- CMD ...` runs CMD against it instead (cli/exec.ts); `wxcloud trigger <function>
 * --url URL` fires a timer trigger of a running one now (cli/trigger.ts); `wxcloud doctor` checks the
 * project offline (cli/doctor.ts).
 */
import { runCommand } from './cli/command-line';
import { DOCTOR_USAGE, runDoctor } from './cli/doctor';
import { runExec } from './cli/exec';
import { USAGE, parseCliOptions } from './cli/options';
import { startCliSession } from './cli/session';
import { runTrigger } from './cli/trigger';

export { parseCliOptions } from './cli/options';

async function serve(argv: string[]): Promise<void> {
  const parsed = parseCliOptions(argv);
  const session = await startCliSession(parsed, (line) => console.log(line));
  console.log('Ctrl-C 停止 / to stop');
  const stop = (signal: string) =>
    void session.stop().then(() => {
      console.log(`模拟器已停止 / emulator stopped (${signal})`);
      process.exit(0);
    });
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/** The `wxcloud` command: serve, `exec -- CMD`, `trigger <function>` on a running emulator, or `doctor`. */
export function runCli(argv = process.argv.slice(2)): void {
  if (argv[0] === 'doctor') return runCommand(DOCTOR_USAGE, async (args) => runDoctor(args), argv.slice(1));
  runCommand(
    USAGE,
    async (args) => {
      if (args[0] === 'trigger') return runTrigger(args.slice(1), (line) => console.log(line));
      if (args[0] !== 'exec') return serve(args);
      process.exit(await runExec(args.slice(1)));
    },
    argv,
  );
}

if (require.main === module) runCli();
