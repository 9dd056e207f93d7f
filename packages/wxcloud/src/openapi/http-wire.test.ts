/**
 * Capabilities over WeChat's HTTP API, as a developer's server calls them: our own requests (no
 * content type, as wechatpy sends) and node-easywechat pointed at the local cloud's base URL.
 */
import http from 'node:http';
import path from 'node:path';
import { MiniApp, type CacheInterface } from 'node-easywechat';
import type { ServiceFactory } from '../host/service';
import { startLocalCloud, type LocalCloud } from '../local-cloud';
import { DEFAULT_LOCAL_APP } from '../wechat/apps';
import { OPENAPI_SERVICE, type OpenApiService } from './service';

const { appid, secret } = DEFAULT_LOCAL_APP;
const ALICE = { openid: 'o-alice-http', appid };
let cloud: LocalCloud;
let now = Date.now();

/** A service of a test's own: it contributes a capability without touching the openapi service's table. */
const ocrService: ServiceFactory = () => ({
  name: 'ocr',
  openApis: [
    {
      cloudName: 'ocr.printedText',
      httpPath: 'cv/ocr/comm',
      handle: (data, caller) => ({ errcode: 0, errmsg: 'ok', items: [{ text: String(data.img_url) }], caller }),
    },
  ],
});

beforeAll(async () => {
  cloud = await startLocalCloud({
    inMemory: true,
    projectRoot: path.join(__dirname, 'fixtures'),
    wechat: { now: () => now },
    services: [ocrService],
  });
});
afterAll(() => cloud.stop());
beforeEach(async () => {
  now = Date.now();
  await cloud.reset();
});

const api = (apiPath: string, token?: string) =>
  `${cloud.baseUrl}/wechat-api/${apiPath}${token === undefined ? '' : `?access_token=${encodeURIComponent(token)}`}`;
/** A POST with no content type at all, as wechatpy sends its JSON. */
async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers, body: new TextEncoder().encode(body) });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}
async function token(): Promise<string> {
  const { body } = await post(
    api('cgi-bin/stable_token'),
    JSON.stringify({ grant_type: 'client_credential', appid, secret }),
  );
  return body.access_token as string;
}
const phoneCode = () => cloud.service<OpenApiService>(OPENAPI_SERVICE)!.mintPhoneCode(ALICE, '13800138000').code;

describe('wxa/business/getuserphonenumber', () => {
  it('answers a stable_token POST and a phone-number POST sent without a content type', async () => {
    const { status, body } = await post(
      api('wxa/business/getuserphonenumber', await token()),
      JSON.stringify({ code: phoneCode() }),
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      errcode: 0,
      errmsg: 'ok',
      phone_info: { phoneNumber: '13800138000', countryCode: '86', watermark: { appid } },
    });
  });

  it('checks the access token first: 41001 missing, 40001 invalid, 42001 expired; the code stays unused', async () => {
    const code = phoneCode();
    const body = JSON.stringify({ code });
    expect((await post(api('wxa/business/getuserphonenumber'), body)).body).toMatchObject({ errcode: 41001 });
    expect((await post(api('wxa/business/getuserphonenumber', 'not-a-token'), body)).body).toMatchObject({
      errcode: 40001,
    });
    const old = await token();
    now += 7201 * 1000;
    expect((await post(api('wxa/business/getuserphonenumber', old), body)).body).toMatchObject({ errcode: 42001 });
    expect((await post(api('wxa/business/getuserphonenumber', await token()), body)).body).toMatchObject({
      errcode: 0,
    });
  });

  it("answers the API's own errors: a used or unknown code 40029, a body that is not JSON 47001", async () => {
    const access = await token();
    const code = phoneCode();
    expect((await post(api('wxa/business/getuserphonenumber', access), JSON.stringify({ code }))).body).toMatchObject({
      errcode: 0,
    });
    expect((await post(api('wxa/business/getuserphonenumber', access), JSON.stringify({ code }))).body).toMatchObject({
      errcode: 40029,
    });
    expect((await post(api('wxa/business/getuserphonenumber', access), 'code=1')).body).toMatchObject({
      errcode: 47001,
    });
  });
});

describe('a capability another service contributes', () => {
  it('is served on both wires, with each wire’s checks', async () => {
    const response = await fetch(`${cloud.baseUrl}/functions/openapi-caller`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        data: { api: 'ocr.printedText', data: { imgUrl: 'a.png' } },
        wxContext: { OPENID: ALICE.openid, APPID: appid },
      }),
    });
    const { result } = (await response.json()) as { result: Record<string, unknown> };
    expect(result).toMatchObject({
      ok: true,
      value: {
        items: [{ text: 'a.png' }],
        caller: { appid, openid: ALICE.openid, functionName: 'openapi-caller', wire: 'cloud' },
      },
    });
    expect((await post(api('cv/ocr/comm', await token()), JSON.stringify({ img_url: 'b.png' }))).body).toEqual({
      errcode: 0,
      errmsg: 'ok',
      items: [{ text: 'b.png' }],
      caller: { appid, wire: 'http' },
    });
    expect((await post(api('cv/ocr/comm'), '{}')).body).toMatchObject({ errcode: 41001 });
  });
});

describe('wxa/img_sec_check', () => {
  it('reads the image from a multipart form, as WeChat takes it', async () => {
    const form = (text: string | Buffer) => {
      const body = new FormData();
      body.append(
        'media',
        new Blob([Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.from(text)])], { type: 'image/png' }),
        'a.png',
      );
      return body;
    };
    const check = async (text: string | Buffer) =>
      (await fetch(api('wxa/img_sec_check', await token()), { method: 'POST', body: form(text) })).json();
    expect(await check('a cat')).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await check('risky-image')).toMatchObject({ errcode: 87014 });
    // the API's own limit, not the guard's
    expect(await check(Buffer.alloc(1_100_000))).toMatchObject({ errcode: 40006 });
  });
});

describe("WeChat's answers to every refusal", () => {
  it(
    'answers an API the local cloud does not serve, a body too large and ' +
      'a cross-site request as { errcode, errmsg }',
    async () => {
      const access = await token();
      expect(await post(api('wxa/not_an_api', access), '{}')).toMatchObject({
        status: 404,
        body: { errcode: 48001, errmsg: expect.stringContaining('wxa/not_an_api') },
      });
      const large = JSON.stringify({ content: 'x'.repeat(1_100_000) });
      expect((await post(api('wxa/msg_sec_check', access), large)).body).toMatchObject({ errcode: 45002 });
      const crossSite = await post(api('wxa/msg_sec_check', access), '{}', {
        origin: 'https://evil.example',
        'content-type': 'text/plain',
      });
      expect(crossSite).toMatchObject({
        status: 403,
        body: { errcode: 61004, errmsg: expect.stringContaining('cross-site') },
      });
    },
  );

  it('refuses a foreign Host (a DNS-rebinding page) in WeChat’s shape', async () => {
    const url = new URL(api('cgi-bin/stable_token'));
    const answer = await new Promise<string>((resolve, reject) => {
      const request = http.request(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { host: 'evil.example' } },
        (response) => {
          let text = '';
          response.on('data', (chunk) => (text += chunk));
          response.on('end', () => resolve(text));
        },
      );
      request.on('error', reject);
      request.end('{}');
    });
    expect(JSON.parse(answer)).toMatchObject({ errcode: 61004 });
  });
});

describe('node-easywechat pointed at the local cloud', () => {
  class MemoryCache implements CacheInterface {
    private readonly values = new Map<string, unknown>();
    async get(key: string) {
      return this.values.get(key);
    }
    async has(key: string) {
      return this.values.has(key);
    }
    async set(key: string, data?: unknown) {
      this.values.set(key, data);
      return true;
    }
    async delete(key: string) {
      return this.values.delete(key);
    }
  }

  function miniApp() {
    const app = new MiniApp({
      app_id: appid,
      secret,
      token: '',
      aes_key: '',
      http: { baseURL: `${cloud.baseUrl}/wechat-api/`, throw: false },
    });
    app.setCache(new MemoryCache());
    return app;
  }

  it('gets a phone number and checks a text through the SDK’s own token handling', async () => {
    const client = miniApp().getClient();
    const phone = (await client.postJson('wxa/business/getuserphonenumber', { code: phoneCode() })).toObject();
    expect(phone).toMatchObject({ errcode: 0, phone_info: { purePhoneNumber: '13800138000' } });
    const checked = (
      await client.postJson('wxa/msg_sec_check', {
        content: '我爱赌博',
        version: 2,
        scene: 1,
        openid: ALICE.openid,
      })
    ).toObject();
    expect(checked).toMatchObject({ errcode: 0, result: { suggest: 'risky', label: 20006 } });
  });
});
