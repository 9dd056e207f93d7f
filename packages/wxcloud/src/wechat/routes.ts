/**
 * HTTP over the WeChat state: the emulator's own endpoints (`/wechat/...`, what a phone and tests
 * use) and WeChat's server API (`/wechat-api/...`, what the developer's server calls instead of
 * https://api.weixin.qq.com). Errors answer HTTP 200 `{ errcode, errmsg }`, as WeChat does.
 */
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { EmulatorApp } from '../host/server';
import { WECHAT_API_ERRORS, WechatError } from './errors';
import type { WechatState } from './state';

/** Bodies of the emulator's own endpoints are small JSON objects. */
const MAX_BODY_BYTES = 64 * 1024;

const id = z.string().min(1).max(128);
const UserSchema = z.strictObject({ openid: id, appid: id, unionid: id.optional() });
const EncryptSchema = z.strictObject({ openid: id, appid: id, data: z.record(z.string(), z.unknown()) });
const SessionSchema = z.strictObject({ openid: id, appid: id });
const StableTokenSchema = z.object({
  grant_type: z.literal('client_credential'),
  appid: z.string(),
  secret: z.string(),
  force_refresh: z.boolean().optional(),
});

function invalidArgs(c: Context, detail: string) {
  return c.json({ ...WECHAT_API_ERRORS.INVALID_ARGS, errmsg: `invalid args: ${detail}` }, 400);
}

/** Runs `run`, answering a WechatError as WeChat would. */
export function answer(c: Context, run: () => object) {
  try {
    return c.json(run());
  } catch (error) {
    if (error instanceof WechatError) return c.json(error.body);
    throw error;
  }
}

/** A JSON body; `anyType`: read as WeChat's API reads it, whatever the content type says (wechatpy sends none). */
async function jsonBody<T>(
  c: Context,
  schema: z.ZodType<T>,
  anyType = false,
): Promise<{ ok: true; data: T } | { ok: false; message: string }> {
  if (!anyType && !(c.req.header('content-type') ?? '').includes('application/json'))
    return { ok: false, message: 'content-type must be application/json' };
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    return { ok: false, message: 'body is not valid JSON' };
  }
  const parsed = schema.safeParse(body);
  return parsed.success
    ? { ok: true, data: parsed.data }
    : { ok: false, message: z.prettifyError(parsed.error).replace(/\n/g, ' ') };
}

export function registerWechatRoutes(app: EmulatorApp, state: WechatState): void {
  const limit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => invalidArgs(c, `body exceeds ${MAX_BODY_BYTES} bytes`),
  });

  app.post('/wechat/login-code', limit, async (c) => {
    const body = await jsonBody(c, UserSchema);
    if (!body.ok) return invalidArgs(c, body.message);
    return answer(c, () => ({ code: state.issueCode(body.data) }));
  });
  app.post('/wechat/encrypted-data', limit, async (c) => {
    const body = await jsonBody(c, EncryptSchema);
    if (!body.ok) return invalidArgs(c, body.message);
    if (!state.sessionKey(body.data.appid, body.data.openid))
      return invalidArgs(c, 'this user has no session_key: call wx.login first');
    return answer(c, () => state.encryptOpenData(body.data, body.data.data));
  });
  app.post('/wechat/session', limit, async (c) => {
    const body = await jsonBody(c, SessionSchema);
    if (!body.ok) return invalidArgs(c, body.message);
    return c.json({ valid: state.sessionKey(body.data.appid, body.data.openid) !== undefined });
  });

  app.get('/wechat-api/sns/jscode2session', (c) => {
    const q = (name: string) => c.req.query(name) ?? '';
    if (q('grant_type') !== 'authorization_code') return c.json(WECHAT_API_ERRORS.INVALID_GRANT_TYPE);
    return answer(c, () => state.exchangeCode(q('appid'), q('secret'), q('js_code')));
  });
  app.get('/wechat-api/cgi-bin/token', (c) => {
    if (c.req.query('grant_type') !== 'client_credential') return c.json(WECHAT_API_ERRORS.INVALID_GRANT_TYPE);
    return answer(c, () => state.accessToken(c.req.query('appid') ?? '', c.req.query('secret') ?? ''));
  });
  app.post('/wechat-api/cgi-bin/stable_token', limit, async (c) => {
    const body = await jsonBody(c, StableTokenSchema, true);
    if (!body.ok) return c.json({ ...WECHAT_API_ERRORS.INVALID_ARGS, errmsg: `invalid args: ${body.message}` });
    return answer(c, () => state.stableToken(body.data.appid, body.data.secret, body.data.force_refresh ?? false));
  });
  app.get('/wechat-api/wxa/checksession', (c) => {
    if ((c.req.query('sig_method') ?? 'hmac_sha256') !== 'hmac_sha256')
      return c.json({ ...WECHAT_API_ERRORS.INVALID_ARGS, errmsg: 'invalid sig_method' });
    return answer(c, () => {
      state.checkSession(
        c.req.query('access_token') ?? '',
        c.req.query('openid') ?? '',
        c.req.query('signature') ?? '',
      );
      return { errcode: 0, errmsg: 'ok' };
    });
  });
}
