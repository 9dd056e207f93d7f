/** What the console shows: ids masked as the mini-program masks them, wherever they appear; users and documents. */
import { maskOpenid } from './mask';
import type { InvocationRecord } from '../functions/invocation-log';
import { documentView, invocationView, userRow } from './views';

const OPENID = 'oSecret-openid-0001';
const UNIONID = 'uSecret-unionid-0001';

test('an invocation masks the caller in its caller, event, result, error and logs', () => {
  const record: InvocationRecord = {
    requestId: 'r1',
    functionName: 'login',
    instanceId: '1',
    coldStart: true,
    startedAt: 0,
    durationMs: 12.345,
    resultCode: 0,
    source: 'wx_client',
    openid: OPENID,
    appid: 'wx1',
    unionid: UNIONID,
    eventJson: JSON.stringify({ userInfo: { openId: OPENID } }),
    resultJson: JSON.stringify({ user: { openid: OPENID, unionid: UNIONID } }),
    errorMessage: `no ${OPENID}`,
    logs: [{ level: 'log', text: `login ${OPENID}`, at: 1 }],
  };
  const view = invocationView(record);
  expect(JSON.stringify(view)).not.toMatch(/oSecret-openid-0001|uSecret-unionid-0001/);
  expect(view.caller).toEqual({
    openid: maskOpenid(OPENID),
    unionid: maskOpenid(UNIONID),
    appid: 'wx1',
    source: 'wx_client',
  });
  expect(view.result).toBe(JSON.stringify({ user: { openid: maskOpenid(OPENID), unionid: maskOpenid(UNIONID) } }));
  expect(view.durationMs).toBe(12.3);
});

test('a users document becomes a row: masked ids, dates as ISO text, extra fields as profile', () => {
  const ejson = documentView(
    JSON.stringify({
      _id: OPENID,
      _openid: OPENID,
      appid: 'wx1',
      unionid: UNIONID,
      createdAt: { $date: { $numberLong: '0' } },
      loginCount: { $numberInt: '3' },
      nickname: '小明',
      recentAttemptIds: ['a'],
    }),
  ).ejson;
  expect(userRow(ejson as Record<string, unknown>)).toEqual({
    openid: maskOpenid(OPENID),
    unionid: maskOpenid(UNIONID),
    appid: 'wx1',
    createdAt: '1970-01-01T00:00:00.000Z',
    lastLoginAt: null,
    loginCount: 3,
    profile: { nickname: '小明' },
  });
});

test('a document keeps dates and ObjectIds tagged in relaxed EJSON', () => {
  const view = documentView(
    '{"_id":"d1","ref":{"$oid":"65a1b2c3d4e5f60718293a4b"},' +
      '"at":{"$date":{"$numberLong":"1767225600000"}},"n":{"$numberInt":"1"}}',
  );
  expect(view).toEqual({
    id: 'd1',
    ejson: { _id: 'd1', ref: { $oid: '65a1b2c3d4e5f60718293a4b' }, at: { $date: '2026-01-01T00:00:00Z' }, n: 1 },
  });
  expect(documentView('{"_id":{"$numberInt":"7"}}').id).toBe(7);
});
