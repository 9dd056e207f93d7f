/**
 * The console's API over HTTP against the whole local cloud: edits go through the database's
 * actions (counted, refused with the service's code, nothing written on bad input), import and
 * export in the CLI's format, reset, a panel contributed by a service, and who may call it.
 * The tabs' own data is in panels-api.test.ts, the phones in phones-api.test.ts.
 */
import { useConsoleApi } from '../../test-support/console-api';
import {
  apiPath,
  type CollectionsResponse,
  type ConsoleError,
  type OverviewResponse,
  type QueryResponse,
} from './api-types';

const { emu, call, ids } = useConsoleApi();

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

test('import takes a file larger than the 1 MB other console requests are held to', async () => {
  const text = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ _id: `n${i}`, note: 'x'.repeat(1000) })).join(
    '\n',
  );
  expect(text.length).toBeGreaterThan(2 * 1024 * 1024);
  expect((await call('database/import', { files: [{ name: 'notes.json', text }] })).json).toEqual({
    counts: { notes: 3000 },
  });
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
