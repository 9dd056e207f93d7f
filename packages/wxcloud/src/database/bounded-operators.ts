/**
 * Expression operators whose one call can allocate without bound, bounded the way MongoDB bounds
 * them (by a memory limit, answered with a request failure): `$range` may produce at most
 * MAX_RANGE_ELEMENTS numbers. A time budget alone cannot stop an allocation that fills the heap
 * before the budget ends. Spread into the emulator's mingo context (mingo/context.ts).
 */
import { evalExpr } from 'mingo/core';
import { $range } from 'mingo/operators/expression';
import { EmulatorError } from '../host/errors';
import { MAX_RANGE_ELEMENTS } from '../limits';

const boundedRange: typeof $range = (obj, expr, options) => {
  if (Array.isArray(expr)) {
    const [start, end, step = 1] = evalExpr(obj, expr, options) as unknown[];
    if (typeof start === 'number' && typeof end === 'number' && typeof step === 'number' && step !== 0) {
      const count = Math.ceil((end - start) / step);
      if (count > MAX_RANGE_ELEMENTS) {
        throw new EmulatorError(
          'DATABASE_REQUEST_FAILED',
          `$range would produce ${count} elements, more than the ${MAX_RANGE_ELEMENTS} a request may build`,
        );
      }
    }
  }
  return $range(obj, expr, options);
};

export const boundedExpressionOperators = { $range: boundedRange };
