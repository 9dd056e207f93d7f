/**
 * Bounded work: every database request's evaluation (matching, regular expressions, `$expr`,
 * aggregation) runs under a time budget and is stopped when it runs past it, answered with the
 * service's SERVER_TIMEOUT. JavaScript cannot be interrupted from inside, so the work runs through
 * `vm` with a timeout, whose watchdog terminates whatever JavaScript runs on this thread (a
 * backtracking regular expression included) and returns control here; nothing was committed,
 * because a session commits only when its work returns. Regular expressions also get V8's
 * linear-time engine as soon as one backtracks excessively, so most pathological patterns answer
 * at once instead of using up the budget (patterns that engine cannot run, such as backreferences
 * or case-insensitive ones, are stopped by the budget). Operators that allocate without bound in
 * one call are bounded too (bounded-operators.ts).
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { EmulatorError } from '../host/errors';

v8.setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');

const context = vm.createContext({ run: undefined as (() => unknown) | undefined });
const runner = new vm.Script('run()', { filename: 'database-time-budget' });
let running = false;

/** Runs `work` synchronously, stopping it with SERVER_TIMEOUT once it has run `budgetMs` milliseconds. */
export function withinBudget<T>(budgetMs: number, what: string, work: () => T): T {
  if (running) return work(); // already inside a budget
  running = true;
  context.run = work;
  try {
    return runner.runInContext(context, { timeout: budgetMs }) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      throw new EmulatorError(
        'SERVER_TIMEOUT',
        `${what} ran longer than the ${budgetMs} ms a database request may take and was stopped; nothing was written`,
      );
    }
    throw error;
  } finally {
    context.run = undefined;
    running = false;
  }
}
