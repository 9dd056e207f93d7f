/**
 * The local-only guard through real HTTP (node:http, so Host and Origin can be forged as a
 * rebinding page or a cross-site form would): foreign Host and Origin get 403, non-JSON bodies
 * 415, bodies over a route's limit 413 before they are read, each in its route's wire; the real SDK
 * still gets through.
 */
import http from 'node:http';
import path from 'node:path';
import { clientDatabaseService } from '../client-database/service';
import { databaseService } from '../database/service';
import { MAX_CLIENT_DATABASE_BODY_BYTES } from '../client-database/client-database';
import { functionsService } from '../functions/service';
import { MAX_CLIENT_CALL_BYTES } from '../functions/limits';
import { FIXTURE_PROJECT } from '../../test-support/functions';
import { useStartedEmulator } from '../../test-support/use-emulator';
import { startEmulator } from './emulator';
import { z } from 'zod';
import { defineAction } from './actions';
import { DEFAULT_ROUTE_BODY_BYTES } from './guard';
import type { EmulatorService } from './service';

/** Stands in for an open API service: records what the multipart form of `wx.openApi` carried. */
const openApiCalls: Array<Record<string, unknown>> = [];
const openApi = (): EmulatorService => ({
  name: 'open-api-probe',
  actions: {
    'wx.openApi': defineAction({
      schema: z.object({ apiName: z.string(), requestData: z.string() }).passthrough(),
      handle: (params) => (openApiCalls.push(params), { data: {} }),
    }),
  },
});

/**
 * A route that takes a raw body (as the storage upload URL does), declared through bodyTypes; refusals in a wire of its
 * own.
 */
const rawBodies = (): EmulatorService => ({
  name: 'raw-body-probe',
  bodyTypes: { '/raw/': ['*'] },
  bodyLimits: { '/raw/': 1024 },
  refusals: { '/raw/': ({ status, message }) => ({ status: 200, body: { refused: status, why: message } }) },
  routes: (app) => app.put('/raw/:name', async (c) => c.json({ bytes: (await c.req.arrayBuffer()).byteLength })),
});

const emu = useStartedEmulator(() =>
  startEmulator({
    inMemory: true,
    services: [
      databaseService({ collections: ['users'] }),
      functionsService({ projectRoot: FIXTURE_PROJECT }),
      clientDatabaseService({ functionsRoot: path.join(FIXTURE_PROJECT, 'cloudfunctions') }),
      openApi,
      rawBodies,
    ],
  }),
);

interface Sent {
  status: number;
  body: Record<string, unknown>;
}

/**
 * One request with any headers. A number as `body` writes that many bytes and then holds the
 * request open without ending it: only a server that answers before reading the whole body replies.
 */
function send(
  pathname: string,
  headers: Record<string, string>,
  body: string | number = '',
  method = 'POST',
): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port: emu.emulator.port, path: pathname, method, headers, agent: false },
      (response) => {
        clearTimeout(timer);
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
          }),
        );
      },
    );
    const timer = setTimeout(
      () => (request.destroy(), reject(new Error('no answer while the rest of the body was held back'))),
      5000,
    );
    request.on('error', () => undefined); // the server may close while bytes are still in flight
    if (typeof body === 'string') request.end(body);
    else if (body > 0) request.write(Buffer.alloc(body, 'a'));
    else request.flushHeaders();
  });
}

const json = { 'content-type': 'application/json' };
const host = () => `127.0.0.1:${emu.emulator.port}`;
const insert = JSON.stringify({
  action: 'database.insertDocument',
  collectionName: 'users',
  data: ['{"_id":"forged"}'],
});
const stored = async () => (await emu.database().collection('users').count()).total as number;

test('a foreign Host (DNS rebinding) gets 403 on every route, and nothing is written', async () => {
  for (const forged of [
    'evil.example:' + emu.emulator.port,
    `127.0.0.1:${emu.emulator.port + 1}`,
    '127.0.0.1',
    'localhost.evil.example',
  ]) {
    const admin = await send('/admin', { ...json, host: forged }, insert);
    expect(admin).toMatchObject({
      status: 403,
      body: { code: 'PERMISSION_DENIED', message: expect.stringContaining(forged) },
    });
    expect((await send('/functions/echo', { ...json, host: forged }, '{}')).status).toBe(403);
    expect((await send('/client/database', { ...json, host: forged }, '{}')).status).toBe(403);
  }
  expect(await stored()).toBe(0);
});

test('the loopback names of this port are accepted as Host', async () => {
  for (const name of ['127.0.0.1', 'localhost', 'LOCALHOST', '[::1]']) {
    const reply = await send(
      '/admin',
      { ...json, host: `${name}:${emu.emulator.port}` },
      JSON.stringify({ action: 'database.calculateDocument', collectionName: 'users', query: '{}' }),
    );
    expect(reply).toMatchObject({ status: 200, body: { data: { total: 0 } } });
  }
});

test("a cross-site Origin gets 403; the emulator's own origin is served", async () => {
  for (const origin of [
    'http://evil.example',
    'null',
    `https://127.0.0.1:${emu.emulator.port}`,
    `http://127.0.0.1:${emu.emulator.port + 1}`,
  ]) {
    expect(await send('/admin', { ...json, host: host(), origin }, insert)).toMatchObject({
      status: 403,
      body: { code: 'PERMISSION_DENIED' },
    });
    expect((await send('/functions/echo', { ...json, host: host(), origin }, '{}')).body).toMatchObject({
      errCode: -1,
      errMsg: expect.stringContaining('cross-site'),
    });
  }
  expect(await stored()).toBe(0);
  for (const origin of [`http://127.0.0.1:${emu.emulator.port}`, `http://localhost:${emu.emulator.port}`]) {
    expect((await send('/functions/echo', { ...json, host: host(), origin }, '{}')).status).toBe(200);
  }
});

test('a body that is not JSON (a cross-site form can send text/plain) gets 415 and writes nothing', async () => {
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', '']) {
    const headers: Record<string, string> = { host: host(), ...(type ? { 'content-type': type } : {}) };
    expect(await send('/admin', headers, insert)).toMatchObject({ status: 415, body: { code: 'INVALID_PARAM' } });
    expect(await send('/functions/echo', headers, '{}')).toMatchObject({ status: 415, body: { errCode: -501007 } });
    expect((await send('/client/database', headers, '{}')).status).toBe(415);
  }
  expect(await stored()).toBe(0);
  expect(
    (await send('/functions/echo', { host: host(), 'content-type': 'application/json; charset=utf-8' }, '{}')).status,
  ).toBe(200);
});

test.each([
  ['/functions/echo', MAX_CLIENT_CALL_BYTES],
  ['/client/database', MAX_CLIENT_DATABASE_BODY_BYTES],
  ['/no-such-route', DEFAULT_ROUTE_BODY_BYTES],
])(
  '%s answers 413 from a Content-Length over %d bytes before reading ' +
    'the body, and as soon as a streamed body passes it',
  async (route, limit) => {
    const declared = await send(route, { ...json, host: host(), 'content-length': String(1024 ** 3) }, 0);
    expect(declared.status).toBe(413);
    expect(declared.body).toEqual(expect.objectContaining({ errMsg: `request body exceeds ${limit} bytes` }));
    const streamed = await send(route, { ...json, host: host(), 'transfer-encoding': 'chunked' }, limit + 64 * 1024);
    expect(streamed.status).toBe(413);
  },
);

test('/admin answers 413 in its own wire', async () => {
  expect(await send('/admin', { ...json, host: host(), 'content-length': String(1024 ** 3) }, 0)).toMatchObject({
    status: 413,
    body: { code: 'INVALID_PARAM' },
  });
});

test(
  'the real SDK gets through: JSON to /admin, and the multipart form of ' + 'cloud.openapi reaches the action table',
  async () => {
    await emu
      .database()
      .collection('users')
      .add({ data: { _id: 'sdk' } });
    expect(await stored()).toBe(1);
    const cloud = emu.cloud() as unknown as { openapi: { security: { msgSecCheck(data: object): Promise<unknown> } } };
    // the probe's answer is not a real one
    await cloud.openapi.security.msgSecCheck({ content: 'hello' }).catch(() => undefined);
    expect(openApiCalls).toEqual([
      expect.objectContaining({
        action: 'wx.openApi',
        apiName: 'security.msgSecCheck',
        requestData: expect.any(String),
      }),
    ]);
  },
);

test("a service's bodyTypes let its path take a raw body; other paths still take JSON only", async () => {
  expect(await send('/raw/file', { host: host() }, 'raw bytes', 'PUT')).toEqual({ status: 200, body: { bytes: 9 } });
  expect(await send('/raw/file', { host: host(), 'content-type': 'application/octet-stream' }, 'xy', 'PUT')).toEqual({
    status: 200,
    body: { bytes: 2 },
  });
  expect((await send('/functions/echo', { host: host(), 'content-type': 'text/plain' }, '{}')).status).toBe(415);
});

test(
  "a service's refusals word the guard's answers on its paths (as " + "WeChat's API does under /wechat-api/)",
  async () => {
    expect(await send('/raw/file', { host: 'evil.example' }, 'x', 'PUT')).toEqual({
      status: 200,
      body: { refused: 403, why: expect.stringContaining('evil.example') },
    });
    expect(await send('/raw/file', { host: host(), 'content-length': String(4096) }, 0, 'PUT')).toEqual({
      status: 200,
      body: { refused: 413, why: 'request body exceeds 1024 bytes' },
    });
    expect((await send('/functions/echo', { ...json, host: 'evil.example' }, '{}')).body).toMatchObject({
      errCode: -1,
    });
  },
);
