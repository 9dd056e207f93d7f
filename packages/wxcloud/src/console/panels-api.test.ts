/**
 * The tabs' data through the console API against the whole local cloud: Storage lists uploaded
 * files with a preview, WeChat shows login and phone codes (paged, never a secret), and Users masks
 * what identifies a person.
 */
import { useConsoleApi } from '../../test-support/console-api';
import { maskOpenid } from './mask';
import { DEFAULT_LOCAL_APP } from '../wechat/apps';
import { apiPath, type PanelBlock, type PanelContent } from './api-types';

const { emu, clock, call } = useConsoleApi();

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const rowsOf = (content: PanelContent, index: number) =>
  (content.blocks.filter((block) => block.kind === 'table')[index] as Extract<PanelBlock, { kind: 'table' }>).rows;
const post = async (path: string, body: unknown) =>
  (
    await fetch(`${emu.emulator.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  ).json() as Promise<Record<string, string>>;

test('the Storage tab lists files a function and a phone uploaded, with owner, size and an image preview', async () => {
  await emu.cloud().uploadFile({ cloudPath: 'reports/r.txt', fileContent: Buffer.from('hello') });
  const phone = await post('/client/storage', {
    wxContext: { OPENID: 'o-alice-panel', APPID: DEFAULT_LOCAL_APP.appid },
    op: 'uploadFile',
    cloudPath: 'avatars/a.png',
    contentBase64: PNG.toString('base64'),
    contentType: 'image/png',
  });
  expect(phone).toMatchObject({ fileID: expect.stringMatching(/avatars\/a\.png$/) });
  const { json } = await call<PanelContent>('panels/storage');
  const rows = rowsOf(json, 0);
  const byPath = Object.fromEntries(rows.map((row) => [(row.path as { text: string }).text, row]));
  expect(Object.keys(byPath).sort()).toEqual(['avatars/a.png', 'reports/r.txt']);
  expect(byPath['avatars/a.png']).toMatchObject({
    owner: maskOpenid('o-alice-panel'),
    size: `${PNG.length} B`,
    type: 'image/png',
    preview: { image: expect.any(String) },
  });
  expect(byPath['reports/r.txt']).toMatchObject({
    owner: expect.stringMatching(/function/),
    size: '5 B',
    preview: null,
  });
  const image = await fetch((byPath['avatars/a.png']!.preview as { image: string }).image);
  expect(Buffer.from(await image.arrayBuffer())).toEqual(PNG);
  expect(await (await fetch((byPath['reports/r.txt']!.path as { link: string }).link)).text()).toBe('hello');
});

const wechatTabShowsCodesNotSecrets =
  'the WeChat tab shows login codes as used, expired or valid, ' +
  'the apps and phone codes, never a session_key or AppSecret';
test(wechatTabShowsCodesNotSecrets, async () => {
  const user = { openid: 'o-bob-panel', appid: DEFAULT_LOCAL_APP.appid };
  const old = (await post('/wechat/login-code', user)).code!;
  clock.advance(6 * 60_000);
  const used = (await post('/wechat/login-code', user)).code!;
  const valid = (await post('/wechat/login-code', user)).code!;
  const exchange = new URLSearchParams({
    appid: user.appid,
    secret: DEFAULT_LOCAL_APP.secret,
    js_code: used,
    grant_type: 'authorization_code',
  });
  const session = (await (await fetch(`${emu.emulator.baseUrl}/wechat-api/sns/jscode2session?${exchange}`)).json()) as {
    session_key: string;
  };
  expect(session.session_key).toBeTruthy();
  const phone = await post('/wechat/phone-code', { ...user, phoneNumber: '13800001234' });
  const { json } = await call<PanelContent>('panels/wechat');
  const state = (code: string) => rowsOf(json, 0).find((row) => row.code === `${code.slice(0, 6)}…`)?.state;
  expect([state(old), state(used), state(valid)]).toEqual([
    expect.stringMatching(/expired/),
    expect.stringMatching(/used/),
    expect.stringMatching(/valid/),
  ]);
  expect(rowsOf(json, 0)[0]).toMatchObject({ openid: maskOpenid(user.openid), appid: user.appid });
  expect(rowsOf(json, 1)).toEqual([{ appid: DEFAULT_LOCAL_APP.appid, secret: expect.stringMatching(/local default/) }]);
  expect(rowsOf(json, 2)).toEqual([
    expect.objectContaining({
      code: `${phone.code!.slice(0, 6)}…`,
      phoneNumber: '138****1234',
      state: expect.stringMatching(/valid/),
      mintedAt: { time: expect.any(Number) },
    }),
  ]);
  const text = JSON.stringify(json);
  for (const secret of [session.session_key, DEFAULT_LOCAL_APP.secret, old, used, valid, phone.code!, '13800001234'])
    expect(text).not.toContain(secret);
});

test('the WeChat tab pages its codes: 20,000 logins answer one page, not every code', async () => {
  const state = emu.emulator.service<{
    name: string;
    state: { issueCode(user: { openid: string; appid: string }): string };
  }>('wechat')!.state;
  for (let i = 0; i < 20_000; i++) state.issueCode({ openid: `o-many-${i}`, appid: DEFAULT_LOCAL_APP.appid });
  const response = await fetch(`${emu.emulator.baseUrl}${apiPath('panels/wechat')}`);
  const text = await response.text();
  const first = JSON.parse(text) as PanelContent;
  expect(text.length).toBeLessThan(20_000);
  const codes = first.blocks[0] as Extract<PanelBlock, { kind: 'table' }>;
  expect(codes.rows).toHaveLength(50);
  expect(codes.page).toEqual({ index: 0, size: 50, total: 10_000 });
  expect(codes.rows[0]).toMatchObject({ openid: maskOpenid('o-many-19999') });
  const later = (await call<PanelContent>('panels/wechat?page=3')).json.blocks[0] as Extract<
    PanelBlock,
    { kind: 'table' }
  >;
  expect(later.rows[0]).toMatchObject({ openid: maskOpenid(`o-many-${19_999 - 150}`) });
  expect(await call('panels/wechat?page=-1')).toMatchObject({
    status: 400,
    json: { error: { code: 'INVALID_ARGUMENT' } },
  });
});

test('the users view masks ids and the phone number and hides internals, whatever the documents hold', async () => {
  const openid = 'oUsers-view-0001';
  const phone = {
    phoneNumber: '13800138000',
    purePhoneNumber: '13800138000',
    countryCode: '86',
    boundAt: { $date: '2026-01-01T00:00:00Z' },
    codeDigest: 'digest-secret',
  };
  const avatarFileId = `cloud://local-env.6c6f/avatars/${openid}/1.png`;
  const doc = {
    _id: openid,
    _openid: openid,
    loginCount: 2,
    createdAt: { $date: '2026-01-01T00:00:00Z' },
    nickName: '小明',
    avatarFileId,
    phone,
  };
  await call('database/documents', { collection: 'users', document: JSON.stringify(doc) });
  await call('database/documents', {
    collection: 'users',
    document: '{"_id": "x1", "createdAt": 5, "lastLoginAt": "nonsense", "loginCount": "abc"}',
  });
  const { status, json } = await call<{ users: Array<Record<string, unknown>> }>('users');
  expect(status).toBe(200);
  const text = JSON.stringify(json);
  for (const hidden of ['13800138000', 'digest-secret', 'codeDigest', `"${openid}"`])
    expect(text).not.toContain(hidden);
  const row = json.users.find((user) => user.openid === maskOpenid(openid));
  expect(row).toMatchObject({
    loginCount: 2,
    createdAt: '2026-01-01T00:00:00.000Z',
    profile: { nickName: '小明', phone: '138****8000', avatarFileId },
  });
  expect(json.users.find((user) => user.openid === maskOpenid('x1'))).toMatchObject({
    createdAt: null,
    lastLoginAt: null,
    loginCount: null,
  });
});
