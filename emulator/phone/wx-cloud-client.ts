/**
 * wx.cloud.callFunction for a simulated device: a POST to the emulator's client endpoint with the
 * device's user as the caller, answered the way the mini-program base library answers.
 */
export interface SimulatedUser {
  OPENID: string;
  APPID: string;
  UNIONID?: string;
}

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
    const answer = post(`${baseUrl}/functions/${encodeURIComponent(options.name)}`, { data: options.data ?? {}, wxContext: user() }).then(
      (res) => {
        calls.push({ name: options.name, startedAt, endedAt: performance.now(), ok: res.ok, answer: res.ok ? res.value.result : res.error });
        if (!res.ok) throw res.error;
        return res.value;
      },
    );
    if (!options.success && !options.fail && !options.complete) return answer;
    answer.then(
      (value) => {
        options.success?.(value);
        options.complete?.(value);
      },
      (error: { errCode: number; errMsg: string }) => {
        options.fail?.(error);
        options.complete?.(error);
      },
    );
  };
}

type Posted =
  | { ok: true; value: { result: unknown; requestID: string; errMsg: string } }
  | { ok: false; error: { errCode: number; errMsg: string } };

async function post(url: string, body: unknown): Promise<Posted> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch (error) {
    const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    return { ok: false, error: { errCode: -1, errMsg: `cloud.callFunction:fail request:fail ${reason}` } };
  }
  const text = await response.text();
  let json: { result?: unknown; requestID?: string; errMsg?: string; errCode?: number };
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    return { ok: false, error: { errCode: -1, errMsg: `cloud.callFunction:fail request:fail HTTP ${response.status}` } };
  }
  if (typeof json.errCode === 'number' && json.errCode !== 0) {
    return { ok: false, error: { errCode: json.errCode, errMsg: json.errMsg ?? 'cloud.callFunction:fail' } };
  }
  return { ok: true, value: { result: json.result, requestID: json.requestID ?? '', errMsg: json.errMsg ?? 'cloud.callFunction:ok' } };
}
