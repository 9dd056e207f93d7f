/**
 * Turns one call of the login function into a LoginResult, whatever happened on the way:
 * a transport failure (no network, platform error) becomes an error result with a client code.
 */
import { errorBody, type ErrorBody } from '../shared/error-codes';
import type { LoginEvent, LoginResult } from '../../typings/login';

/** What wx.cloud.callFunction gave: the function's result, or its fail callback's error. */
export type CallOutcome = { kind: 'result'; result: unknown } | { kind: 'failure'; errCode?: number; errMsg: string };

export type CallLogin = (event: LoginEvent) => Promise<CallOutcome>;

/** Failures of the call itself that another try may cure: no network, timeouts, platform hiccups. */
const TRANSIENT_FAILURE = /timeout|timed out|network|ECONN|request:fail|socket|-50400[13]|system error|busy/i;

export type ClientLoginResult = LoginResult | { ok: false; error: ErrorBody };

export function toLoginResult(outcome: CallOutcome): ClientLoginResult {
  if (outcome.kind === 'failure') {
    const detail = outcome.errCode === undefined ? outcome.errMsg : `${outcome.errCode} ${outcome.errMsg}`;
    const transient = TRANSIENT_FAILURE.test(`${outcome.errCode ?? ''} ${outcome.errMsg}`);
    return { ok: false, error: errorBody(transient ? 'NETWORK' : 'FUNCTION_ERROR', detail) };
  }
  return looksLikeLoginResult(outcome.result)
    ? outcome.result
    : { ok: false, error: errorBody('FUNCTION_ERROR', 'unexpected answer from the login function') };
}

/** A light check: the function is ours and typed, but an old deployment may answer otherwise. */
function looksLikeLoginResult(value: unknown): value is LoginResult {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { ok?: unknown; data?: { user?: unknown }; error?: { code?: unknown } };
  if (candidate.ok === true) return typeof candidate.data?.user === 'object' && candidate.data.user !== null;
  return candidate.ok === false && typeof candidate.error?.code === 'string';
}
