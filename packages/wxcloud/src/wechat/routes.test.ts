/** WeChat's server API over HTTP, as a server calls it: the emulator with the WeChat service alone. */
import { createHmac } from 'node:crypto';
import { useStartedEmulator } from '../../test-support/use-emulator';
import { startEmulator } from '../host/emulator';
import { DEFAULT_LOCAL_APP } from './apps';
import { wechatService } from './service';

const started = useStartedEmulator(() => startEmulator({ inMemory: true, port: 0, services: [wechatService()] }));
const base = () => started.emulator.baseUrl;
const { appid, secret } = DEFAULT_LOCAL_APP;

async function post(path: string, body: unknown, contentType = 'application/json') {
  const response = await fetch(`${base()}${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: JSON.stringify(body),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}
async function get(path: string, query: Record<string, string>) {
  const response = await fetch(`${base()}${path}?${new URLSearchParams(query)}`);
  return (await response.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

it('exchanges a phone’s code through sns/jscode2session, once', async () => {
  const { body } = await post('/wechat/login-code', { openid: 'o-http', appid, unionid: 'u-http' });
  const query = { appid, secret, js_code: body.code, grant_type: 'authorization_code' };
  expect(await get('/wechat-api/sns/jscode2session', query)).toEqual({
    openid: 'o-http',
    unionid: 'u-http',
    session_key: expect.any(String),
  });
  expect(await get('/wechat-api/sns/jscode2session', query)).toEqual({ errcode: 40163, errmsg: 'code been used' });
  expect(await get('/wechat-api/sns/jscode2session', { ...query, grant_type: 'password' })).toMatchObject({
    errcode: 40002,
  });
  expect(await get('/wechat-api/sns/jscode2session', { ...query, appid: 'wx-unknown' })).toMatchObject({
    errcode: 40013,
  });
});

it('gives access tokens and checks a session signature with one', async () => {
  const token = await get('/wechat-api/cgi-bin/token', { grant_type: 'client_credential', appid, secret });
  expect(token).toEqual({ access_token: expect.any(String), expires_in: 7200 });
  const stable = await post('/wechat-api/cgi-bin/stable_token', { grant_type: 'client_credential', appid, secret });
  expect(
    (await post('/wechat-api/cgi-bin/stable_token', { grant_type: 'client_credential', appid, secret })).body
      .access_token,
  ).toBe(stable.body.access_token);
  expect(
    await get('/wechat-api/cgi-bin/token', { grant_type: 'client_credential', appid, secret: 'wrong' }),
  ).toMatchObject({ errcode: 40125 });

  const { body } = await post('/wechat/login-code', { openid: 'o-check', appid });
  const { session_key: key } = await get('/wechat-api/sns/jscode2session', {
    appid,
    secret,
    js_code: body.code,
    grant_type: 'authorization_code',
  });
  const check = (signature: string) =>
    get('/wechat-api/wxa/checksession', {
      access_token: token.access_token,
      openid: 'o-check',
      signature,
      sig_method: 'hmac_sha256',
    });
  expect(await check(createHmac('sha256', key).update('').digest('hex'))).toEqual({ errcode: 0, errmsg: 'ok' });
  expect(await check('0'.repeat(64))).toMatchObject({ errcode: 87009 });
});

it('refuses bad bodies on its own endpoints with 400 and writes nothing', async () => {
  expect(await post('/wechat/login-code', { openid: 'o1' })).toMatchObject({ status: 400, body: { errcode: 40097 } });
  expect(await post('/wechat/login-code', { openid: 'o1', appid, extra: 1 })).toMatchObject({ status: 400 });
  // the host's guard: JSON only
  expect(await post('/wechat/login-code', { openid: 'o1', appid }, 'text/plain')).toMatchObject({ status: 415 });
  expect(await post('/wechat/encrypted-data', { openid: 'o-never', appid, data: {} })).toMatchObject({
    status: 400,
    body: { errmsg: expect.stringMatching(/wx.login first/) },
  });
  expect(await post('/wechat/session', { openid: 'o1', appid })).toEqual({ status: 200, body: { valid: false } });
});
