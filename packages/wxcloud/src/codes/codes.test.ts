/**
 * Mini-program codes and links through cloud.openapi (real wx-server-sdk) and WeChat's HTTP API:
 * real PNG bytes whose QR code (decoded with jsQR) names the page and scene, WeChat's limits, and a
 * simulated phone that opens a scheme, a link or a code at its page with its query.
 */
import path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { startLocalCloud, type LocalCloud } from '../local-cloud';
import { DEFAULT_LOCAL_APP } from '../wechat/apps';
import { callFunctionAs } from '../clients/call-function';

// Each test runs several functions and draws and decodes PNGs: slow on a loaded machine.
jest.setTimeout(20_000);

const ALICE = { OPENID: 'o-alice-codes', APPID: DEFAULT_LOCAL_APP.appid };
let cloud: LocalCloud;

beforeAll(async () => {
  cloud = await startLocalCloud({ inMemory: true, projectRoot: path.join(__dirname, 'fixtures') });
});
afterAll(() => cloud.stop());
beforeEach(() => cloud.reset());

type Answer = { ok: boolean; value?: Record<string, string>; errCode?: number; errMsg?: string };
async function call(api: string, data: Record<string, unknown>): Promise<Answer> {
  const answer = await callFunctionAs(cloud.baseUrl, 'coder', { api, data }, ALICE);
  if (!answer.ok) throw new Error(`the coder function failed: ${answer.errMsg}`);
  return answer.result as Answer;
}
function decode(png: Buffer): string {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? '';
}
const pageLog = (launch: { app: unknown }) => (launch.app as { globalData: { log: string[] } }).globalData.log;

describe('wxacode', () => {
  it('answers getUnlimited with a PNG that encodes the app, page and scene', async () => {
    const made = await call('wxacode.getUnlimited', { scene: 'id=42&from=poster', page: 'pages/b/b', width: 280 });
    expect(made).toMatchObject({ ok: true, value: { contentType: 'image/png' } });
    const png = Buffer.from(made.value!.png!, 'base64');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const url = new URL(decode(png).replace('wxcloud://', 'http://'));
    expect(Object.fromEntries(url.searchParams)).toEqual({
      appid: ALICE.APPID,
      path: 'pages/b/b',
      scene: 'id=42&from=poster',
      env_version: 'release',
    });
  });

  it("applies WeChat's limits to getUnlimited: scene ≤ 32 characters, a page of the app", async () => {
    expect(await call('wxacode.getUnlimited', { scene: 'x'.repeat(33) })).toMatchObject({ ok: false, errCode: 40169 });
    expect(await call('wxacode.getUnlimited', { scene: '中文' })).toMatchObject({ ok: false, errCode: 40169 });
    expect(await call('wxacode.getUnlimited', { scene: 'a', page: 'pages/nope/nope' })).toMatchObject({
      ok: false,
      errCode: 41030,
    });
    expect(await call('wxacode.getUnlimited', { scene: 'a', page: 'pages/nope/nope', checkPath: false })).toMatchObject(
      { ok: true },
    );
  });

  it('takes a path with its query for wxacode.get and createQRCode, up to 128 bytes', async () => {
    expect(await call('wxacode.get', { path: `pages/a/a?${'q'.repeat(130)}` })).toMatchObject({
      ok: false,
      errCode: 40159,
    });
    const qr = await call('wxacode.createQRCode', { path: 'pages/a/a?id=7' });
    expect(decode(Buffer.from(qr.value!.png!, 'base64'))).toContain('path=pages%2Fa%2Fa%3Fid%3D7');
  });

  it('serves the same code over HTTP with an access token, and the phone opens it as a scan', async () => {
    const token = (await (
      await fetch(
        `${cloud.baseUrl}/wechat-api/cgi-bin/token?grant_type=client_credential` +
          `&appid=${ALICE.APPID}&secret=${DEFAULT_LOCAL_APP.secret}`,
      )
    ).json()) as { access_token: string };
    const response = await fetch(
      `${cloud.baseUrl}/wechat-api/wxa/getwxacodeunlimit?access_token=${token.access_token}`,
      { method: 'POST', body: JSON.stringify({ scene: 'id=9', page: 'pages/b/b' }) },
    );
    expect(response.headers.get('content-type')).toBe('image/png');
    const content = decode(Buffer.from(await response.arrayBuffer()));
    const launch = await cloud.phones
      .phone(ALICE, { miniprogramRoot: path.join(__dirname, '../phone/fixtures/two-pages') })
      .openUrl(content);
    expect(launch.pages().at(-1)?.route).toBe('pages/b/b');
    expect(pageLog(launch)).toContain(`b.onLoad${JSON.stringify({ scene: encodeURIComponent('id=9') })}`);
    launch.close();
    const scheme = await fetch(`${cloud.baseUrl}/wechat-api/wxa/generatescheme?access_token=${token.access_token}`, {
      method: 'POST',
      body: JSON.stringify({ jump_wxa: { path: 'pages/a/a', query: 'x=1' } }),
    });
    expect(await scheme.json()).toEqual({
      errcode: 0,
      errmsg: 'ok',
      openlink: expect.stringMatching(/^weixin:\/\/dl\/business\/\?t=/),
    });
  });
});

describe('URL scheme and URL link', () => {
  const phone = () =>
    cloud.phones.phone(ALICE, { miniprogramRoot: path.join(__dirname, '../phone/fixtures/two-pages') });

  it('makes a scheme the phone opens at its page with its query', async () => {
    const made = await call('urlscheme.generate', {
      jumpWxa: { path: 'pages/b/b', query: 'id=3&from=sms', envVersion: 'release' },
      isExpire: true,
      expireType: 1,
      expireInterval: 7,
    });
    expect(made).toMatchObject({
      ok: true,
      value: { openlink: expect.stringMatching(/^weixin:\/\/dl\/business\/\?t=/) },
    });
    const opened = await cloud.phones.openUrl(ALICE, made.value!.openlink!, {
      miniprogramRoot: path.join(__dirname, '../phone/fixtures/two-pages'),
    });
    expect(cloud.phones.launched()).toEqual([opened]);
    expect(opened.launch.pages().at(-1)?.route).toBe('pages/b/b');
    expect(pageLog(opened.launch)).toContain('b.onLoad{"id":"3","from":"sms"}');
    await expect(phone().openUrl('weixin://dl/business/?t=unknown')).rejects.toThrow(/openUrl:fail/);
  });

  it('makes a URL link; refuses an unknown page, a long query and an expiry beyond 30 days', async () => {
    const made = await call('urllink.generate', { path: 'pages/a/a', query: 'k=v' });
    expect(made.value?.urlLink).toMatch(/^https:\/\/wxaurl\.cn\//);
    const launch = await phone().openUrl(made.value!.urlLink!);
    expect(pageLog(launch)).toContain('a.onLoad{"k":"v"}');
    launch.close();
    expect(await call('urllink.generate', { path: 'pages/nope/nope' })).toMatchObject({ ok: false, errCode: 40165 });
    expect(await call('urlscheme.generate', { jumpWxa: { path: 'pages/a/a', query: 'q'.repeat(513) } })).toMatchObject({
      ok: false,
      errCode: 40212,
    });
    expect(await call('urllink.generate', { path: 'pages/a/a', expireType: 1, expireInterval: 31 })).toMatchObject({
      ok: false,
      errCode: 85400,
    });
  });
});
