/**
 * Expression operators whose one call can allocate without bound, bounded the way MongoDB bounds
 * them (by a memory limit, answered with a request failure): `$range` may produce at most
 * MAX_RANGE_ELEMENTS numbers. A time budget alone cannot stop an allocation that fills the heap
 * before the budget ends. mingo's built-in operators cannot be replaced through its options (its
 * own context wins a merge), so the lookup of `$range` is wrapped, once, here.
 */
import { Context } from 'mingo';
import { EmulatorError } from '../host/errors';
import { MAX_RANGE_ELEMENTS } from '../limits';

type Operator = (obj: unknown, expr: unknown, options: unknown) => unknown;
// mingo's subpath exports are invisible to this project's module resolution; the types are mingo's own.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { evalExpr } = require('mingo/core') as { evalExpr: Operator };
const INSTALLED = Symbol.for('wx-cloud-emulator.bounded-operators');

function boundedRange(range: Operator): Operator {
  return (obj, expr, options) => {
    if (Array.isArray(expr)) {
      const [start, end, step = 1] = evalExpr(obj, expr, options) as unknown[];
      if (typeof start === 'number' && typeof end === 'number' && typeof step === 'number' && step !== 0) {
        const count = Math.ceil((end - start) / step);
        if (count > MAX_RANGE_ELEMENTS) {
          throw new EmulatorError('DATABASE_REQUEST_FAILED', `$range would produce ${count} elements, more than the ${MAX_RANGE_ELEMENTS} a request may build`);
        }
      }
    }
    return range(obj, expr, options);
  };
}

/** Bounds `$range` in every mingo evaluation of this process (idempotent). */
export function installBoundedOperators(): void {
  const prototype = Context.prototype as unknown as Record<string | symbol, unknown>;
  if (prototype[INSTALLED]) return;
  const getOperator = prototype.getOperator as (this: Context, type: string, name: string) => Operator | null;
  const bounded = new WeakMap<Operator, Operator>();
  prototype.getOperator = function (this: Context, type: string, name: string): Operator | null {
    const operator = getOperator.call(this, type, name);
    if (!operator || type !== 'expression' || name !== '$range') return operator;
    let wrapped = bounded.get(operator);
    if (!wrapped) bounded.set(operator, (wrapped = boundedRange(operator)));
    return wrapped;
  };
  prototype[INSTALLED] = true;
}
