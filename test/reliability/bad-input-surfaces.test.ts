/**
 * Every route of the whole local cloud other than `/admin` (which bad-input-admin covers), fed
 * hostile input, property-based: bodies of any JSON (pollution keys, operators, lone surrogates,
 * huge strings), bodies that are not JSON, path segments with broken %-escapes, odd query strings,
 * import files of arbitrary text. Each answer is a refusal with a readable body, never a 5xx, and
 * the local cloud still answers a good request afterwards; Object.prototype is untouched.
 */
import fc from 'fast-check';
import { startLocalCloud, type LocalCloud } from '@wx-cloud-login/wxcloud';
import { recordFigure } from './helpers/figures';
import { hostileValue, prototypeIsClean } from './helpers/hostile';

let cloud: LocalCloud;
let tried = 0;
const statuses = new Map<number, number>();

beforeAll(async () => {
  cloud = await startLocalCloud({ inMemory: true, port: 0, collections: ['users'] });
});
afterAll(async () => {
  recordFigure('badInputsTried', tried, 'every route but /admin');
  await cloud.stop();
});

async function send(method: string, path: string, body?: string, contentType = 'application/json') {
  const response = await fetch(`${cloud.baseUrl}${path}`, {
    method,
    ...(body === undefined ? {} : { body, headers: { 'content-type': contentType } }),
  });
  const text = await response.text();
  tried++;
  statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
  return { status: response.status, text };
}

/** A refusal a caller can read: 4xx, a body saying why (JSON, or COS's XML on the storage URLs). */
function expectReadableRefusal(answer: { status: number; text: string }, what: string) {
  if (answer.status >= 500) throw new Error(`${what}: ${answer.status} ${answer.text.slice(0, 300)}`);
  expect(answer.text.length).toBeGreaterThan(0);
}

const weirdSegment = fc.oneof(
  fc.constantFrom(
    '%',
    '%E0%A4%A',
    '%ZZ',
    '%ED%A0%80',
    '%00',
    '..',
    '%2e%2e',
    'a%2Fb',
    '__proto__',
    'x'.repeat(3000),
    '%F0%9F%98',
  ),
  fc.string({ maxLength: 20 }).map(encodeURIComponent),
);
const anyBody = fc.oneof(
  hostileValue.map((value) => JSON.stringify(value) ?? 'null'),
  fc.constantFrom('', '{', '[1,', '{"a":"\\ud800"}', 'null', '"\\u0000"', '{"__proto__": {"polluted": true}}'),
  fc.string({ maxLength: 40 }),
);
const query = fc.dictionary(
  fc.constantFrom(
    'appid',
    'secret',
    'js_code',
    'grant_type',
    'access_token',
    'openid',
    'signature',
    'sig_method',
    't',
    'sign',
    'page',
  ),
  fc.oneof(fc.string({ maxLength: 30 }), weirdSegment),
  { maxKeys: 5 },
);
const queryString = (params: Record<string, string>) =>
  Object.entries(params)
    .map(([key, value]) => `${key}=${value}`)
    .join('&');

const JSON_POSTS = [
  '/client/storage',
  '/client/database',
  '/wechat/login-code',
  '/wechat/encrypted-data',
  '/wechat/session',
  '/wechat/phone-code',
  '/wechat-api/cgi-bin/stable_token',
  '/console/api/phones',
  '/console/api/database/collections',
  '/console/api/database/query',
  '/console/api/database/documents',
  '/console/api/database/documents/delete',
  '/console/api/database/import',
];

test.each(JSON_POSTS)(
  'POST %s: any body is refused readably, never a 5xx',
  async (path) => {
    await fc.assert(
      fc.asyncProperty(anyBody, async (body) =>
        expectReadableRefusal(await send('POST', path, body), `POST ${path} ${body.slice(0, 80)}`),
      ),
      { numRuns: 60 },
    );
    expect(prototypeIsClean()).toBe(true);
  },
  60_000,
);

test(
  'console import: files of arbitrary text are accepted whole or ' +
    'refused with a place, never a 5xx, and a refusal writes nothing',
  async () => {
    const collections = async () => (await send('GET', '/console/api/database/collections')).text;
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      hostileValue.map((value) => `${JSON.stringify(value)}\n{"_id": 1, "n": 9007199254740993}`),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 3 }), async (texts) => {
        const before = await collections();
        const answer = await send(
          'POST',
          '/console/api/database/import',
          JSON.stringify({ files: texts.map((item, index) => ({ name: `fuzz${index}.json`, text: item })) }),
        );
        expectReadableRefusal(answer, `import ${JSON.stringify(texts).slice(0, 120)}`);
        if (answer.status === 200) return;
        expect(answer.text).toMatch(/fuzz\d\.json/);
        expect(await collections()).toBe(before);
      }),
      { numRuns: 150 },
    );
  },
  120_000,
);

test('paths and queries: broken escapes, odd names and parameters are refused readably', async () => {
  const routes: Array<(segment: string, params: Record<string, string>) => [string, string, string?, string?]> = [
    (segment, params) => ['GET', `/storage/files/${segment}?${queryString(params)}`],
    (segment) => ['PUT', `/storage/upload/${segment}`, 'bytes', 'application/octet-stream'],
    (segment) => ['POST', `/functions/${segment}`, '{}'],
    (segment, params) => ['GET', `/console/api/panels/${segment}?${queryString(params)}`],
    (_, params) => ['GET', `/console/api/panels/wechat?${queryString(params)}`],
    (segment) => ['GET', `/console/api/database/export/${segment}`],
    (segment) => ['POST', `/console/api/phones/${segment}/tap`, '{"selector": "button"}'],
    (_, params) => ['GET', `/wechat-api/sns/jscode2session?${queryString(params)}`],
    (_, params) => ['GET', `/wechat-api/cgi-bin/token?${queryString(params)}`],
    (_, params) => ['GET', `/wechat-api/wxa/checksession?${queryString(params)}`],
  ];
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...routes), weirdSegment, query, async (route, segment, params) => {
      const [method, path, body, type] = route(segment, params);
      expectReadableRefusal(await send(method, path, body, type), `${method} ${path}`);
    }),
    { numRuns: 400 },
  );
}, 120_000);

test('the local cloud still answers a good request, and no answer was a 5xx', async () => {
  const good = await send(
    'POST',
    '/wechat/login-code',
    JSON.stringify({ openid: 'o-after-fuzz', appid: 'wx-demo-app' }),
  );
  expect(good.status).toBe(200);
  expect([...statuses.keys()].filter((status) => status >= 500)).toEqual([]);
  console.log(
    `bad input to every route: ${tried} requests, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
  );
});
