/**
 * wx.cloud.callFunction for a simulated device: a POST to the emulator's client endpoint with the
 * device's user as the caller, answered the way the mini-program base library answers.
 */
import { callFunctionAs } from '../clients/call-function';
import { answer } from './answer';
import type { WxContext } from '../clients/wx-context';

/** The WeChat user a simulated phone is signed in as. */
export type SimulatedUser = WxContext;

export interface CallFunctionOptions {
  name: string;
  data?: unknown;
  success?(res: { result: unknown; requestID: string; errMsg: string }): void;
  fail?(err: { errCode: number; errMsg: string }): void;
  complete?(res: unknown): void;
}

export interface CallRecord {
  name: string;
  startedAt: number;
  endedAt: number;
  ok: boolean;
  /** What the call gave the app: the function's result, or the fail callback's error. */
  answer?: unknown;
}

export function createCallFunction(baseUrl: string, user: () => SimulatedUser | undefined, calls: CallRecord[]) {
  return (options: CallFunctionOptions): Promise<unknown> | void => {
    const startedAt = performance.now();
    const call = callFunctionAs(baseUrl, options.name, options.data ?? {}, user()).then((res) => {
      const error = res.ok ? undefined : { errCode: res.errCode, errMsg: res.errMsg };
      calls.push({
        name: options.name,
        startedAt,
        endedAt: performance.now(),
        ok: res.ok,
        answer: res.ok ? res.result : error,
      });
      if (!res.ok) throw error;
      return { result: res.result, requestID: res.requestID, errMsg: 'cloud.callFunction:ok' };
    });
    return answer(options, () => call);
  };
}
