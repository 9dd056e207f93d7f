/**
 * The client endpoint: `POST /functions/:name` plays wx.cloud.callFunction for a simulated user.
 *
 * Request:  { "data": {...}, "wxContext": { "OPENID": "...", "APPID": "...", "UNIONID": "..." } }
 *           (both optional; no wxContext = called as from the console: no OPENID, no userInfo)
 * Success:  200 { "result": <what main returned>, "requestID": "...", "errMsg": "cloud.callFunction:ok" }
 * Failure:  { "errCode": <platform code>, "errMsg": "cloud.callFunction:fail ..." } with status
 *           400 invalid body, 404 unknown function, 500 the function threw or crashed, 504 timeout.
 *
 * @example
 *   const app = new Hono();
 *   app.route('/', createClientEndpoint(runtime)); // POST /functions/login
 */
import { Hono, type Env } from 'hono';
import { z } from 'zod';
import { formatZodError } from '../zod-messages';
import { WxContextSchema } from '../clients/wx-context';
import type { CallerContext } from './invocation-env';
import { clientErrorBody, clientHttpStatus, type FunctionFailure } from './platform-errors';
import type { FunctionRuntime } from './runtime';

export const ClientCallSchema = z
  .object({
    data: z.record(z.string(), z.unknown()).optional(),
    wxContext: WxContextSchema.optional(),
  })
  .strict();
export type ClientCall = z.infer<typeof ClientCallSchema>;

/** The event main() receives: the data plus the platform's userInfo, which overrides any sent. */
export function clientEvent(call: ClientCall): Record<string, unknown> {
  const data = { ...(call.data ?? {}) };
  if (!call.wxContext) return data;
  return { ...data, userInfo: { appId: call.wxContext.APPID, openId: call.wxContext.OPENID } };
}

export function clientCaller(call: ClientCall): CallerContext {
  const wx = call.wxContext;
  if (!wx) return {};
  return {
    user: { OPENID: wx.OPENID, APPID: wx.APPID, UNIONID: wx.UNIONID },
    source: 'wx_client',
    clientIp: wx.CLIENTIP,
  };
}

export function createClientEndpoint(runtime: FunctionRuntime): Hono {
  const app = new Hono();
  registerClientEndpoint(app, runtime);
  return app;
}

/** What the platform does to a phone's data before the function gets it (e.g. CloudIDs replaced by their open data). */
export type PrepareClientData = (
  data: Record<string, unknown>,
  wxContext: ClientCall['wxContext'],
) => Record<string, unknown>;

/** Adds `POST /functions/:name` to an existing app (same as mounting createClientEndpoint). */
export function registerClientEndpoint<E extends Env>(
  app: Hono<E>,
  runtime: FunctionRuntime,
  prepare?: PrepareClientData,
): void {
  app.post('/functions/:name', async (c) => {
    const parsed = ClientCallSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) {
      const failure: FunctionFailure = {
        kind: 'invalid_request',
        message: `invalid parameters: ${formatZodError(parsed.error)}`,
      };
      return c.json(clientErrorBody(failure, ''), clientHttpStatus(failure));
    }
    const call =
      prepare && parsed.data.data
        ? { ...parsed.data, data: prepare(parsed.data.data, parsed.data.wxContext) }
        : parsed.data;
    const outcome = await runtime.invoke(c.req.param('name'), clientEvent(call), clientCaller(call));
    if (!outcome.ok) return c.json(clientErrorBody(outcome.error, outcome.requestId), clientHttpStatus(outcome.error));
    return c.json({ result: outcome.result, requestID: outcome.requestId, errMsg: 'cloud.callFunction:ok' });
  });
}
