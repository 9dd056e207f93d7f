/**
 * One cloud function call made from the mini-program, turned into a typed result whatever
 * happened: a transport failure (no network, platform error) becomes an error with a client code,
 * an answer that is not the function's contract becomes FUNCTION_ERROR.
 */
import { errorBody, type ErrorBody } from '../shared/error-codes';
import type { CallOutcome } from './login-transport';

export type ClientResult<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

const TRANSIENT_FAILURE = /timeout|timed out|network|ECONN|request:fail|socket|-50400[13]|system error|busy/i;

export function toClientResult<T>(outcome: CallOutcome, isData: (data: unknown) => data is T): ClientResult<T> {
  if (outcome.kind === 'failure') {
    const detail = outcome.errCode === undefined ? outcome.errMsg : `${outcome.errCode} ${outcome.errMsg}`;
    return { ok: false, error: errorBody(TRANSIENT_FAILURE.test(detail) ? 'NETWORK' : 'FUNCTION_ERROR', detail) };
  }
  const result = outcome.result as {
    ok?: unknown;
    data?: unknown;
    error?: { code?: unknown; message?: unknown; retryable?: unknown };
  } | null;
  if (result?.ok === true && isData(result.data)) return { ok: true, data: result.data };
  if (result?.ok === false && typeof result.error?.code === 'string' && typeof result.error.message === 'string')
    return { ok: false, error: result.error as ErrorBody };
  return { ok: false, error: errorBody('FUNCTION_ERROR', 'unexpected answer from the cloud function') };
}
