/**
 * The HTTP wire of every capability: `<base>/wechat-api/<httpPath>?access_token=…`, what a
 * developer's own server calls instead of https://api.weixin.qq.com (with its own code or any
 * WeChat SDK pointed at the base). Checked in WeChat's order: the access token (41001 missing,
 * 40001 invalid, 42001 expired), then the body, read as WeChat reads it (JSON whatever the content
 * type, 47001 when it is not JSON), then the capability's own checks. Every answer is WeChat's
 * `{ errcode, errmsg, … }`; the host's guard refuses foreign Hosts and cross-site Origins before this.
 */
import type { Context } from 'hono';
import { multipartBoundary, parseMultipart } from '../host/multipart';
import type { EmulatorApp } from '../host/server';
import { WECHAT_API_ERRORS, WechatError } from '../wechat/errors';
import { WECHAT_API_PATH } from '../wechat/names';
import { BINARY_ANSWER, isBinaryAnswer, type OpenApiCapability } from './capability';

type Json = Record<string, unknown>;

export interface HttpWireParts {
  capabilities(): OpenApiCapability[];
  /** The app an access token belongs to; throws WechatError (41001, 40001, 42001). */
  appOfToken(accessToken: string): string;
}

export function registerHttpWire(app: EmulatorApp, parts: HttpWireParts): void {
  // A fallback route: the WeChat service's own routes (token, jscode2session …) answer first.
  app.on(['GET', 'POST'], `${WECHAT_API_PATH}/*`, async (c) => {
    const path = c.req.path.slice(WECHAT_API_PATH.length + 1);
    const capability = parts.capabilities().find((candidate) => candidate.httpPath === path);
    if (!capability) {
      const errmsg =
        `${WECHAT_API_ERRORS.API_UNAUTHORIZED.errmsg}: 本地云开发没有模拟 ${path} / ` +
        `the local cloud does not serve ${path}`;
      return c.json({ errcode: WECHAT_API_ERRORS.API_UNAUTHORIZED.errcode, errmsg }, 404);
    }
    let appid: string;
    try {
      appid = parts.appOfToken(c.req.query('access_token') ?? '');
    } catch (error) {
      if (error instanceof WechatError) return c.json(error.body);
      throw error;
    }
    const data = await requestData(c);
    if (!data)
      return c.json({
        ...WECHAT_API_ERRORS.INVALID_PARAMETER_FORMAT,
        errmsg: `${WECHAT_API_ERRORS.INVALID_PARAMETER_FORMAT.errmsg}: the body is not JSON`,
      });
    const answer = await capability.handle(data, { appid, wire: 'http' });
    if (isBinaryAnswer(answer)) {
      const { bytes, contentType } = answer[BINARY_ANSWER];
      return new Response(bytes, { headers: { 'content-type': contentType } });
    }
    return c.json(answer);
  });
}

/**
 * The query's parameters (but the token) and, for a POST, the JSON body's, or a form's fields (a
 * file as bytes: imgSecCheck's `media`): undefined when the body is neither a JSON object nor a form.
 */
async function requestData(c: Context): Promise<Json | undefined> {
  const { access_token: _token, ...query } = c.req.query();
  if (c.req.method !== 'POST') return query;
  const boundary = multipartBoundary(c.req.header('content-type'));
  if (boundary) {
    try {
      return { ...query, ...parseMultipart(Buffer.from(await c.req.arrayBuffer()), boundary) };
    } catch {
      return undefined;
    }
  }
  const text = await c.req.text();
  if (text.trim() === '') return query;
  try {
    const body: unknown = JSON.parse(text);
    return body !== null && typeof body === 'object' && !Array.isArray(body)
      ? { ...query, ...(body as Json) }
      : undefined;
  } catch {
    return undefined;
  }
}
