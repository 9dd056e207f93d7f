/**
 * Drives logins: a closed loop of `concurrency` lanes, each sending its next login as soon as the
 * previous one answers (as that many busy clients would), and the login itself as a real client
 * sends it: `POST <baseUrl>/functions/<name>`, the emulator's wx.cloud.callFunction.
 */
import type { LoginKind } from './report';
import { callFunctionAs } from '@wx-cloud-login/wxcloud';
import type { WxContext as WxUser } from '@wx-cloud-login/wxcloud';

export interface LoadResult {
  /** Milliseconds of each login, in completion order. */
  latencies: number[];
  /** Wall-clock milliseconds from the first send to the last answer. */
  elapsedMs: number;
}

/**
 * Runs `call` once per item with at most `concurrency` in flight; any failure stops the run and
 * is thrown (a figure measured over failed logins would mean nothing).
 */
export async function runClosedLoop<T>(
  items: readonly T[],
  concurrency: number,
  call: (item: T) => Promise<void>,
  clock: () => number = () => performance.now(),
): Promise<LoadResult> {
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  const latencies: number[] = [];
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      const began = clock();
      await call(item);
      latencies.push(clock() - began);
    }
  };
  const began = clock();
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  return { latencies, elapsedMs: clock() - began };
}

/**
 * What the mini-program sends: on a first launch its device stores no user (miniprogram/services/auth.ts), which
 * lets our login try the insert first; the template ignores the event.
 */
const EVENT_OF: Record<LoginKind, object> = { first: { newOnDevice: true }, returning: {} };

/** One login through the client endpoint; throws unless the platform and the function both say ok. */
export async function loginOverHttp(
  baseUrl: string,
  functionName: string,
  user: WxUser,
  kind: LoginKind = 'returning',
): Promise<unknown> {
  const answer = await callFunctionAs(baseUrl, functionName, EVENT_OF[kind], user);
  if (!answer.ok)
    throw new Error(
      `${functionName} failed for ${user.OPENID}: HTTP ${answer.status} ${answer.errCode} ${answer.errMsg}`,
    );
  const result = answer.result as { ok?: boolean; error?: unknown } | undefined;
  if (result?.ok === false)
    throw new Error(`${functionName} answered an error for ${user.OPENID}: ${JSON.stringify(result.error)}`);
  return result;
}
