/**
 * The console's API over HTTP against the whole local cloud: edits go through the database's
 * actions (counted, refused with the service's code, nothing written on bad input), import and
 * export in the CLI's format, reset, a panel contributed by a service, and live events.
 */
import { useStartedEmulator } from '../../test-support/use-emulator';
import { startLocalCloud } from '../local-cloud';
import type { EmulatorService } from '../host/service';
import { maskOpenid } from './mask';
import { DEFAULT_LOCAL_APP } from '../wechat/apps';
import {
  apiPath,
  type CollectionsResponse,
  type ConsoleError,
  type OverviewResponse,
  type PanelBlock,
  type PanelContent,
  type QueryResponse,
} from './api-types';

const example: EmulatorService = {
  name: 'example',
  consolePanels: [
    {
      id: 'example',
      title: { zh: '示例', en: 'Example' },
      content: () => ({
        blocks: [
          { kind: 'table', columns: [{ key: 'file', title: { zh: '文件', en: 'File' } }], rows: [{ file: 'a.png' }] },
        ],
      }),
    },
  ],
};
let clock = Date.now();
const emu = useStartedEmulator(() =>
  startLocalCloud({
    inMemory: true,
    port: 0,
    collections: ['users'],
    services: [() => example],
    wechat: { now: () => clock },
  }),
);

async function call<T>(
  path: string,
  body?: unknown,
  contentType = 'application/json',
): Promise<{ status: number; json: T & { error?: ConsoleError } }> {
  const init =
    body === undefined
      ? {}
      : {
          method: 'POST',
          headers: { 'content-type': contentType },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        };
  const response = await fetch(`${emu.emulator.baseUrl}${apiPath(path)}`, init);
  return { status: response.status, json: (await response.json()) as T & { error?: ConsoleError } };
}

const ids = async (collection = 'users') =>
  (await call<QueryResponse>('database/query', { collection })).json.documents.map((doc) => doc.id);

test('GET / serves the page with a tab per panel, a contributed one included', async () => {
  const response = await fetch(`${emu.emulator.baseUrl}/`);
  expect(response.headers.get('content-type')).toMatch(/text\/html/);
  const page = await response.text();
  expect(page).toContain('<html lang="zh-CN">');
  expect(page).toMatch(/data-tab="example"[^>]*>示例 <small lang="en">Example<\/small>/);
  const script = await fetch(`${emu.emulator.baseUrl}${/src="([^"]+)"/.exec(page)?.[1]}`);
  expect(script.headers.get('content-type')).toMatch(/javascript/);
  expect((await script.text()).length).toBeGreaterThan(1000);
  const { json } = await call<OverviewResponse>('overview');
  expect(json.panels.map((panel) => `${panel.id}:${panel.builtIn}`)).toEqual([
    'database:true',
    'functions:true',
    'phones:true',
    'users:true',
    'wechat:false',
    'pay:false',
    'messages:false',
    'storage:false',
    'example:false',
  ]);
  expect((await call('panels/example')).json).toEqual({
    blocks: [expect.objectContaining({ kind: 'table', rows: [{ file: 'a.png' }] })],
  });
  expect((await call('panels/nope')).status).toBe(404);
});

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
  clock += 6 * 60_000;
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

test('add, replace and delete a document through the database actions', async () => {
  const added = await call<{ id: string }>('database/documents', {
    collection: 'users',
    document: '{"_id": "d1", "at": {"$date": "2026-01-02T00:00:00Z"}, "n": 1}',
  });
  expect(added).toEqual({ status: 200, json: { id: 'd1' } });
  expect(
    (
      await call('database/documents', {
        collection: 'users',
        id: 'd1',
        document: '{"_id": "d1", "at": {"$date": "2026-01-02T00:00:00Z"}, "n": 2}',
      })
    ).status,
  ).toBe(200);
  const [doc] = (await call<QueryResponse>('database/query', { collection: 'users', filter: '{"n": 2}' })).json
    .documents;
  expect(doc?.ejson).toEqual({ _id: 'd1', at: { $date: '2026-01-02T00:00:00Z' }, n: 2 });
  expect((await call('database/documents/delete', { collection: 'users', id: 'd1' })).status).toBe(200);
  expect(await ids()).toEqual([]);
  const actions = emu.emulator.stats().byAction;
  expect([
    actions['database.insertDocument']?.total,
    actions['database.modifyDocument']?.total,
    actions['database.removeDocument']?.total,
  ]).toEqual([1, 1, 1]);
});

test('bad input gets a stable code and a readable message, and writes nothing', async () => {
  await call('database/documents', { collection: 'users', document: '{"_id": "k", "n": 1}' });
  const cases: Array<[string, unknown, number, string, string?]> = [
    ['database/documents', { collection: 'users', document: '{"n": ' }, 400, 'INVALID_ARGUMENT'],
    ['database/documents', { collection: 'users', document: '[1]' }, 400, 'INVALID_ARGUMENT'],
    ['database/documents', { collection: 'users', id: 'k', document: '{"_id": "other"}' }, 400, 'INVALID_ARGUMENT'],
    ['database/documents', { collection: 'users', id: 'missing', document: '{}' }, 404, 'NOT_FOUND'],
    [
      'database/documents',
      { collection: 'users', document: '{"_id": "k"}' },
      422,
      'REJECTED',
      'DATABASE_DUPLICATE_WRITE',
    ],
    ['database/documents', { collection: 'users', document: '{"$bad": 1}' }, 422, 'REJECTED', 'INVALID_PARAM'],
    ['database/documents/delete', { collection: 'users', id: 'missing' }, 404, 'NOT_FOUND'],
    ['database/query', { collection: 'a/b' }, 400, 'INVALID_ARGUMENT'],
    ['database/collections', { name: 'has space' }, 400, 'INVALID_ARGUMENT'],
    ['database/collections', { name: '用户' }, 400, 'INVALID_ARGUMENT'],
    [
      'database/import',
      {
        files: [
          { name: 'fine.json', text: '{"_id": 1}' },
          { name: 'a$b.json', text: '{}' },
        ],
      },
      422,
      'REJECTED',
      'INVALID_PARAM',
    ],
    ['phones/phone-9/tap', { handler: 'onRetry' }, 404, 'NOT_FOUND'],
  ];
  for (const [path, body, status, code, serviceCode] of cases) {
    const { status: got, json } = await call(path, body);
    expect({ path, got, code: json.error?.code, serviceCode: json.error?.serviceCode }).toEqual({
      path,
      got: status,
      code,
      serviceCode,
    });
    expect(json.error?.message.length).toBeGreaterThan(5);
  }
  // A form post is refused by the host before the console sees it (415, as on every route).
  const form = await call<{ errMsg: string }>('database/documents', 'n=1', 'application/x-www-form-urlencoded');
  expect({ status: form.status, errMsg: form.json.errMsg }).toEqual({
    status: 415,
    errMsg: expect.stringMatching(/not accepted here/),
  });
  const { json } = await call<QueryResponse>('database/query', { collection: 'users' });
  expect(json.documents.map((doc) => doc.ejson)).toEqual([{ _id: 'k', n: 1 }]);
  expect((await call<CollectionsResponse>('database/collections')).json.collections.map((c) => c.name)).toEqual([
    'users',
  ]);
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

test('the browser finds an icon at /favicon.ico, not a 404', async () => {
  for (const path of ['/favicon.ico', '/console/assets/favicon.svg']) {
    const response = await fetch(`${emu.emulator.baseUrl}${path}`);
    expect([response.status, response.headers.get('content-type')]).toEqual([200, 'image/svg+xml']);
    expect(await response.text()).toMatch(/^<svg/);
  }
});

test('a dropped connection (an injected fault) answers UNAVAILABLE', async () => {
  emu.emulator.setFaults([{ kind: 'reset', actions: ['database.insertDocument'] }]);
  const { status, json } = await call('database/documents', { collection: 'users', document: '{}' });
  expect([status, json.error?.code]).toEqual([503, 'UNAVAILABLE']);
});

test('export writes JSON Lines the CLI reads back; import takes <collection>.json files', async () => {
  const imported = await call('database/import', {
    files: [{ name: 'books.json', text: '[{"_id": "b1", "at": {"$date": "2026-01-01T00:00:00Z"}}, {"_id": "b2"}]' }],
  });
  expect(imported.json).toEqual({ counts: { books: 2 } });
  const exported = await fetch(`${emu.emulator.baseUrl}${apiPath('database/export/books')}`);
  expect(exported.headers.get('content-disposition')).toBe('attachment; filename="books.json"');
  const lines = (await exported.text()).trim().split('\n');
  expect(lines.map((line) => JSON.parse(line))).toEqual([
    { _id: 'b1', at: { $date: { $numberLong: '1767225600000' } } },
    { _id: 'b2' },
  ]);
  await emu.emulator.reset();
  expect((await call('database/import', { files: [{ name: 'books.json', text: lines.join('\n') }] })).json).toEqual({
    counts: { books: 2 },
  });
  expect(await ids('books')).toEqual(['b1', 'b2']);
  expect((await fetch(`${emu.emulator.baseUrl}${apiPath('database/export/nothing')}`)).status).toBe(404);
});

const objectIdDocumentRoundTrip =
  'a document whose _id is an ObjectId is shown, edited and deleted from the console, and exported as {"$oid"}';
test(objectIdDocumentRoundTrip, async () => {
  const oid = '65a1b2c3d4e5f60718293a4b';
  expect(
    (await call('database/import', { files: [{ name: 'things.json', text: `{"_id": {"$oid": "${oid}"}, "n": 1}` }] }))
      .json,
  ).toEqual({ counts: { things: 1 } });
  const [doc] = (await call<QueryResponse>('database/query', { collection: 'things' })).json.documents;
  expect(doc?.id).toEqual({ $oid: oid });
  expect(
    (
      await call('database/documents', {
        collection: 'things',
        id: doc!.id,
        document: `{"_id": {"$oid": "${oid}"}, "n": 2}`,
      })
    ).status,
  ).toBe(200);
  const exported = await (await fetch(`${emu.emulator.baseUrl}${apiPath('database/export/things')}`)).text();
  expect(JSON.parse(exported)).toEqual({ _id: { $oid: oid }, n: { $numberInt: '2' } });
  expect((await call('database/documents/delete', { collection: 'things', id: doc!.id })).json).toEqual({ deleted: 1 });
  expect(await call('database/documents/delete', { collection: 'things', id: { $oid: 'not hex' } })).toMatchObject({
    status: 400,
  });
});

const editedDocumentKeepsExactValues =
  'an edited document keeps every value exactly: an integer a double would round is refused, not stored rounded';
test(editedDocumentKeepsExactValues, async () => {
  for (const document of [
    '{"_id": "big", "n": 9007199254740993}',
    '{"_id": "big", "n": {"$numberLong": "9007199254740993"}}',
    '{"_id": "big", "a": 1, "a": 2}',
    '{"_id": "big"} {"_id": "two"}',
  ]) {
    const answer = await call('database/documents', { collection: 'users', document });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
  }
  expect(await ids()).not.toContain('big');
});

const phoneOffersWhatItsPageShows =
  'a phone offers to tap exactly what its page shows: signed in, the profile entry and no 微信登录; ' +
  'tapping it opens the profile';
test(
  phoneOffersWhatItsPageShows,
  async () => {
    type Phones = {
      phones: Array<{
        id: string;
        page: { route: string; data: string; taps: Array<{ handler: string; label: string }> } | null;
      }>;
    };
    const launched = await call<{ id: string }>('phones', {
      openid: 'oTaps-phone-0001',
      appid: DEFAULT_LOCAL_APP.appid,
    });
    const top = async () =>
      (await call<Phones>('phones')).json.phones.find((phone) => phone.id === launched.json.id)?.page;
    for (let i = 0; i < 200 && !(await top())?.data.includes('"status": "signedIn"'); i += 1)
      await new Promise((resolve) => setTimeout(resolve, 25));
    expect((await top())?.taps).toEqual([{ handler: 'onOpenProfile', label: '个人资料 头像、昵称、手机号 ›' }]);
    expect((await call(`phones/${launched.json.id}/tap`, { handler: 'onLogin' })).status).toBe(404);
    expect((await call(`phones/${launched.json.id}/tap`, { handler: 'onOpenProfile' })).status).toBe(200);
    const profile = await top();
    expect(profile?.route).toBe('pages/profile/profile');
    expect(profile?.taps.map((target) => target.label)).toEqual(['退出登录', '注销账号']);
    expect((await call(`phones/${launched.json.id}/modal`, { confirm: true })).status).toBe(404);
    expect((await call(`phones/${launched.json.id}/act`, { id: 'no-such-button' })).status).toBe(404);
    expect((await call(`phones/${launched.json.id}/back`, {})).status).toBe(200);
    expect((await top())?.route).toBe('pages/index/index');
    expect((await call(`phones/${launched.json.id}/back`, {})).status).toBe(404);
  },
  20_000,
);

test('a modal and an action sheet wait for the person: nothing is confirmed or picked by itself', async () => {
  const launched = await call<{ id: string }>('phones', {
    openid: 'oSheets-phone-0001',
    appid: DEFAULT_LOCAL_APP.appid,
  });
  const { launch } = emu.emulator.phones.find(launched.json.id)!;
  type Dialogs = { phones: Array<{ id: string; modal: { title: string } | null; actionSheet: string[] | null }> };
  const shown = async () => (await call<Dialogs>('phones')).json.phones.find((phone) => phone.id === launched.json.id);
  const modal = launch.wx.showModal({ title: '确认吗', content: '内容' }) as Promise<{ confirm: boolean }>;
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect((await shown())?.modal).toMatchObject({ title: '确认吗', confirmText: '确定', cancelText: '取消' });
  expect((await call(`phones/${launched.json.id}/modal`, { confirm: false })).status).toBe(200);
  expect(await modal).toMatchObject({ confirm: false, cancel: true });
  const sheet = launch.wx.showActionSheet({ itemList: ['拍照', '从相册选择'] }) as Promise<{ tapIndex: number }>;
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect((await shown())?.actionSheet).toEqual(['拍照', '从相册选择']);
  expect((await call(`phones/${launched.json.id}/action-sheet`, { index: 5 })).status).toBe(400);
  expect((await call(`phones/${launched.json.id}/action-sheet`, { index: 1 })).status).toBe(200);
  expect(await sheet).toMatchObject({ tapIndex: 1 });
  expect((await shown())?.actionSheet).toBeNull();
  const cancelled = (launch.wx.showActionSheet({ itemList: ['a'] }) as Promise<unknown>).catch(
    (error: unknown) => error,
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
  await call(`phones/${launched.json.id}/action-sheet`, { index: null });
  expect(await cancelled).toEqual({ errMsg: 'showActionSheet:fail cancel' });
}, 20_000);

test('reset empties the data and the phones, and tells the open pages', async () => {
  await call('database/documents', { collection: 'users', document: '{"_id": "r"}' });
  const events = await fetch(`${emu.emulator.baseUrl}${apiPath('events')}`);
  const reader = events.body!.getReader();
  expect((await call('reset', {})).json).toEqual({ reset: true });
  let text = '';
  while (!text.includes('event: reset')) text += new TextDecoder().decode((await reader.read()).value);
  await reader.cancel();
  expect(await ids()).toEqual([]);
  expect((await call('phones')).json).toEqual({ phones: [] });
});

test('the API answers its own page only: a sandboxed file on this origin or another site is refused', async () => {
  const post = (headers: Record<string, string>) =>
    fetch(`${emu.emulator.baseUrl}${apiPath('reset')}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: '{}',
    });
  for (const site of ['cross-site', 'same-site']) {
    const response = await post({ 'sec-fetch-site': site });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: ConsoleError }).error.code).toBe('FORBIDDEN');
  }
  // A document served with `sandbox` has an opaque origin: its requests say Origin: null.
  expect((await post({ origin: 'null' })).status).toBe(403);
  const read = await fetch(`${emu.emulator.baseUrl}${apiPath('database/collections')}`, {
    headers: { 'sec-fetch-site': 'cross-site' },
  });
  expect(read.status).toBe(403);
  expect((await post({ 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  expect((await fetch(`${emu.emulator.baseUrl}/`)).headers.get('content-security-policy')).toBe(
    "frame-ancestors 'none'",
  );
});
