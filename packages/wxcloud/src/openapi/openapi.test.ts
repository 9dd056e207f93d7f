/**
 * The openapi service through the real, unmodified wx-server-sdk inside emulated functions: phone
 * codes (single use, per user and app), msgSecCheck v2, open data by CloudID, and the permission
 * error of an API the function's config.json does not declare.
 */
import path from 'node:path';
import { connectSdk } from '../clients/sdk';
import { startLocalCloud, type LocalCloud } from '../local-cloud';
import { OPENAPI_SERVICE, type OpenApiService } from './service';

const ALICE = { OPENID: 'o-alice-openapi', APPID: 'wx-openapi-app' };
const BOB = { OPENID: 'o-bob-openapi', APPID: 'wx-openapi-app' };
let cloud: LocalCloud;

beforeAll(async () => {
  cloud = await startLocalCloud({ inMemory: true, projectRoot: path.join(__dirname, 'fixtures') });
});
afterAll(() => cloud.stop());
beforeEach(() => cloud.reset());

async function call(name: string, data: Record<string, unknown>, user = ALICE) {
  const response = await fetch(`${cloud.baseUrl}/functions/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ data, wxContext: user }),
  });
  return (
    (await response.json()) as {
      result: { ok: boolean; value?: Record<string, unknown>; errCode?: number; errMsg?: string };
    }
  ).result;
}

async function phoneCode(owner = ALICE, phoneNumber = '13800138000') {
  const response = await fetch(`${cloud.baseUrl}/wechat/phone-code`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid: owner.OPENID, appid: owner.APPID, phoneNumber }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { code: string; cloudID: string };
}

describe('phonenumber.getPhoneNumber', () => {
  it('exchanges the code once for the phone number, with a watermark of the app', async () => {
    const { code } = await phoneCode();
    const first = await call('openapi-caller', { api: 'phonenumber.getPhoneNumber', data: { code } });
    expect(first).toMatchObject({
      ok: true,
      value: {
        errCode: 0,
        phoneInfo: {
          phoneNumber: '13800138000',
          purePhoneNumber: '13800138000',
          countryCode: '86',
          watermark: { appid: ALICE.APPID },
        },
      },
    });
    const again = await call('openapi-caller', { api: 'phonenumber.getPhoneNumber', data: { code } });
    expect(again).toMatchObject({ ok: false, errCode: 40029, errMsg: expect.stringMatching(/invalid code/) });
  });

  it('refuses a code minted for another user, and leaves it usable by its owner', async () => {
    const { code } = await phoneCode(ALICE);
    expect(await call('openapi-caller', { api: 'phonenumber.getPhoneNumber', data: { code } }, BOB)).toMatchObject({
      ok: false,
      errCode: 40029,
    });
    expect(
      await call(
        'openapi-caller',
        { api: 'phonenumber.getPhoneNumber', data: { code } },
        { ...ALICE, APPID: 'wx-other-app' },
      ),
    ).toMatchObject({ ok: false, errCode: 40029 });
    expect(await call('openapi-caller', { api: 'phonenumber.getPhoneNumber', data: { code } })).toMatchObject({
      ok: true,
    });
  });

  it('fails with the platform permission error when config.json does not declare the API', async () => {
    const { code } = await phoneCode();
    const refused = await call('undeclared', { api: 'phonenumber.getPhoneNumber', data: { code } });
    expect(refused).toMatchObject({ ok: false, errCode: -604101 });
    expect(await call('openapi-caller', { api: 'phonenumber.getPhoneNumber', data: { code } })).toMatchObject({
      ok: true,
    });
  });

  it('refuses a cloud call from outside a function (no API token) with -604104', async () => {
    const openapi = connectSdk(cloud).openapi as unknown as {
      security: { msgSecCheck(data: object): Promise<unknown> };
    };
    await expect(
      openapi.security.msgSecCheck({ content: 'x', version: 2, scene: 1, openid: ALICE.OPENID }),
    ).rejects.toMatchObject({ errCode: -604104 });
  });

  it(
    'answers a declared API nobody serves with -604100, an undeclared one ' + 'with -604101 whether it exists or not',
    async () => {
      expect(await call('openapi-caller', { api: 'ocr.printedText', data: { img_url: 'x' } })).toMatchObject({
        ok: false,
        errCode: -604100,
      });
      expect(await call('undeclared', { api: 'ocr.printedText', data: { img_url: 'x' } })).toMatchObject({
        ok: false,
        errCode: -604101,
      });
      expect(await call('undeclared', { api: 'security.msgSecCheck', data: { content: 'x' } })).toMatchObject({
        ok: false,
        errCode: -604101,
      });
      expect(
        await call('openapi-caller', { api: 'subscribeMessage.send', data: { touser: ALICE.OPENID } }),
      ).toMatchObject({ ok: false, errCode: -604101 });
    },
  );
});

describe('security.msgSecCheck v2', () => {
  const check = (content: string, extra: Record<string, unknown> = {}) =>
    call('openapi-caller', {
      api: 'security.msgSecCheck',
      data: { content, version: 2, scene: 1, openid: ALICE.OPENID, ...extra },
    });

  it('passes a plain text, finds a risky word and a word to review', async () => {
    expect(await check('小明')).toMatchObject({ ok: true, value: { result: { suggest: 'pass', label: 100 } } });
    expect(await check('我爱赌博')).toMatchObject({
      ok: true,
      value: {
        result: { suggest: 'risky', label: 20006 },
        detail: expect.arrayContaining([expect.objectContaining({ keyword: '赌博' })]),
      },
    });
    expect(await check('待审核的名字')).toMatchObject({ ok: true, value: { result: { suggest: 'review' } } });
  });

  it('uses the words configured on the service', async () => {
    cloud.service<OpenApiService>(OPENAPI_SERVICE)?.setSecCheckWords({ risky: { 小明: 20003 }, review: [] });
    expect(await check('小明')).toMatchObject({ value: { result: { suggest: 'risky', label: 20003 } } });
    expect(await check('我爱赌博')).toMatchObject({ value: { result: { suggest: 'pass' } } });
  });

  it("answers WeChat's errors for an empty text, a bad scene and a missing openid", async () => {
    expect(await check('')).toMatchObject({ ok: false, errCode: 44002 });
    expect(await check('好', { scene: 9 })).toMatchObject({ ok: false, errCode: 40129 });
    expect(await check('好', { openid: undefined })).toMatchObject({ ok: false, errCode: 40003 });
  });
});

describe('security.imgSecCheck', () => {
  const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const image = (text: string) => Buffer.concat([PNG_MAGIC, Buffer.from(text)]);
  const check = (bytes: Buffer, contentType = 'image/png') =>
    call('openapi-caller', {
      api: 'security.imgSecCheck',
      data: {},
      media: { contentType, base64: bytes.toString('base64') },
    });

  it('passes an image, finds a risky one, refuses what is not an image or too large', async () => {
    expect(await check(image('a cat'))).toMatchObject({ ok: true, value: { errCode: 0 } });
    expect(await check(image('tEXt risky-image'))).toMatchObject({ ok: false, errCode: 87014 });
    expect(await check(Buffer.from('plain text'), 'text/plain')).toMatchObject({ ok: false, errCode: 40005 });
    expect(await check(Buffer.concat([PNG_MAGIC, Buffer.alloc(1024 * 1024)]))).toMatchObject({
      ok: false,
      errCode: 40006,
    });
  });
});

describe('open data by CloudID', () => {
  it('gives the data to its user only, through cloud.getOpenData and cloudbase.getOpenData', async () => {
    const { cloudID } = await phoneCode();
    const read = await call('openapi-caller', { getOpenData: [cloudID] });
    expect(read).toMatchObject({
      ok: true,
      value: { list: [{ cloudID, data: { phoneNumber: '13800138000', watermark: { appid: ALICE.APPID } } }] },
    });
    expect(await call('openapi-caller', { getOpenData: [cloudID] }, BOB)).toMatchObject({
      ok: false,
      errCode: -601007,
    });
    const viaOpenApi = await call('openapi-caller', {
      api: 'cloudbase.getOpenData',
      data: { openid: ALICE.OPENID, cloudidList: [cloudID] },
    });
    expect(viaOpenApi).toMatchObject({
      ok: true,
      value: { dataList: [{ cloudId: cloudID, json: expect.stringContaining('13800138000') }] },
    });
  });
});

describe('wx.cloud.CloudID in callFunction data', () => {
  it('reaches the function as { cloudID, data } at any depth, for its user only', async () => {
    const { cloudID } = await phoneCode();
    const echoed = await call('openapi-caller', {
      echo: { phone: { $cloudID: cloudID }, list: [{ $cloudID: cloudID }], plain: 'x' },
    });
    expect(echoed).toMatchObject({
      ok: true,
      value: {
        phone: { cloudID, data: { phoneNumber: '13800138000' } },
        list: [{ cloudID, data: { purePhoneNumber: '13800138000' } }],
        plain: 'x',
      },
    });
    const foreign = await call('openapi-caller', { echo: { phone: { $cloudID: cloudID } } }, BOB);
    expect(foreign).toMatchObject({ ok: true, value: { phone: { cloudID, errCode: -601007 } } });
    expect(JSON.stringify(foreign)).not.toContain('13800138000');
  });
});

describe('POST /wechat/phone-code', () => {
  it('refuses a bad body and a foreign origin', async () => {
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(`${cloud.baseUrl}/wechat/phone-code`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
    expect((await post('{"openid":"o1"}')).status).toBe(400);
    expect((await post('not json')).status).toBe(400);
    expect(
      (
        await post(JSON.stringify({ openid: 'o', appid: 'a', phoneNumber: '13800138000' }), {
          origin: 'https://evil.example',
        })
      ).status,
    ).toBe(403);
    expect((await post('x'.repeat(10_000))).status).toBe(413);
  });
});
