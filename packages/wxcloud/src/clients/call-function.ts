/**
 * The typed client of the `POST /functions/<name>` wire: a cloud function called as a simulated
 * user (what wx.cloud.callFunction does on that user's phone), or as the console with no user.
 * The phone, the tests, the benchmark and `npm start` all call functions through it.
 *
 * @example
 *   const answer = await callFunctionAs(baseUrl, 'login', {}, { OPENID: 'o1', APPID: 'wx1' });
 *   if (answer.ok) console.log(answer.result);
 */
import type { WxContext } from './wx-context';

export type CallFunctionAnswer =
  | { ok: true; status: 200; result: unknown; requestID: string }
  /** The platform or the transport failed the call itself (no function result); status 0 when nothing answered. */
  | { ok: false; status: number; errCode: number; errMsg: string };

export async function callFunctionAs(
  baseUrl: string,
  name: string,
  data: unknown,
  wxContext?: WxContext,
  headers: Record<string, string> = {},
): Promise<CallFunctionAnswer> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/functions/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ data, ...(wxContext ? { wxContext } : {}) }),
    });
  } catch (error) {
    const reason =
      error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    return { ok: false, status: 0, errCode: -1, errMsg: `cloud.callFunction:fail request:fail ${reason}` };
  }
  const body = (await response.json().catch(() => undefined)) as
    { result?: unknown; requestID?: string; errCode?: number; errMsg?: string } | undefined;
  if (!body)
    return {
      ok: false,
      status: response.status,
      errCode: -1,
      errMsg: `cloud.callFunction:fail request:fail HTTP ${response.status}`,
    };
  if (response.status === 200 && typeof body.errCode !== 'number')
    return { ok: true, status: 200, result: body.result, requestID: body.requestID ?? '' };
  return {
    ok: false,
    status: response.status,
    errCode: body.errCode ?? -1,
    errMsg: body.errMsg ?? 'cloud.callFunction:fail',
  };
}
