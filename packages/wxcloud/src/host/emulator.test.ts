/**
 * The host through its public API: request counters, fault injection, import/export, reset, a
 * service added from outside (its actions, routes, reset and stop), and the CLI's option parsing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { parseCliOptions } from '../cli';
import { useEmulator } from '../../test-support/use-emulator';
import { databaseService, DATABASE_SERVICE, type DatabaseService } from '../database/service';
import { startEmulator, type Emulator } from './emulator';
import { parseFaultSpec } from './faults';
import { IDLE_CONNECTION_MS } from './server';
import type { EmulatorService, Host } from './service';

const databaseOf = (emulator: Emulator) => emulator.service<DatabaseService>(DATABASE_SERVICE) as DatabaseService;

/** A small service added without touching the others: it answers callFunction and counts the calls. */
const calls: string[] = [];
let stops = 0;
const callee = (host: Host): EmulatorService => ({
  name: 'callee',
  actions: {
    'functions.invokeFunction': {
      schema: z.object({ function_name: z.string() }),
      handle: (params: { function_name: string }) => {
        calls.push(params.function_name);
        return { data: { response_data: JSON.stringify({ called: params.function_name, env: host.envId }) } };
      },
    },
  },
  routes: (app) => app.get('/callee/calls', (c) => c.json({ calls, baseUrl: host.baseUrl })),
  reset: () => void (calls.length = 0),
  stop: () => void (stops += 1),
});

const emu = useEmulator({ collections: ['users'], services: [callee] });

test('keeps an idle connection open longer than its clients do, so none is reused as it closes', async () => {
  const response = await fetch(`${emu.emulator.baseUrl}/callee/calls`);
  await response.arrayBuffer();
  expect(response.headers.get('keep-alive')).toBe(`timeout=${IDLE_CONNECTION_MS / 1000}`);
});

test('closes the connection after an answer given without reading the body, and only then', async () => {
  const unread = await fetch(`${emu.emulator.baseUrl}/no-such-route`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"a":1}',
  });
  await unread.arrayBuffer();
  expect([unread.status, unread.headers.get('connection')]).toEqual([404, 'close']);
  const read = await fetch(`${emu.emulator.baseUrl}/admin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'database.addCollection', collectionName: 'kept_open' }),
  });
  await read.arrayBuffer();
  expect([read.status, read.headers.get('connection')]).toEqual([200, 'keep-alive']);
});

test('stats count requests by action and collection; resetStats clears them', async () => {
  const db = emu.database();
  await db
    .collection('users')
    .doc('u1')
    .set({ data: { a: 1 } });
  await db.collection('users').doc('u1').get();
  await db.collection('users').doc('u1').get();
  const stats = emu.emulator.stats();
  expect(stats.total).toBe(3);
  expect(stats.byAction['database.getDocument']).toEqual({ total: 2, byCollection: { users: 2 } });
  expect(stats.byAction['database.modifyDocument']?.total).toBe(1);
  emu.emulator.resetStats();
  expect(emu.emulator.stats()).toEqual({ total: 0, byAction: {} });
});

test('fault: an injected 5xx before the action writes nothing', async () => {
  const db = emu.database();
  emu.emulator.setFaults([{ kind: 'error', actions: ['database.insertDocument'], status: 502 }]);
  await expect(db.collection('users').add({ data: { _id: 'x' } })).rejects.toThrow(/502/);
  emu.emulator.clearFaults();
  expect((await db.collection('users').count()).total).toBe(0);
});

test('fault: a connection reset after the action leaves the write done but unacknowledged', async () => {
  const db = emu.database();
  emu.emulator.setFaults([{ kind: 'reset', actions: ['database.insertDocument'], when: 'after' }]);
  await expect(db.collection('users').add({ data: { _id: 'y' } })).rejects.toThrow();
  emu.emulator.clearFaults();
  expect((await db.collection('users').doc('y').get()).data).toEqual({ _id: 'y' });
});

test('fault: latency holds only the chosen action back, and rate 0 never fires', async () => {
  const db = emu.database();
  emu.emulator.setFaults([
    { kind: 'error', rate: 0 },
    { kind: 'latency', latencyMs: 500, actions: ['database.getDocument'] },
  ]);
  const finished: string[] = [];
  const slow = db
    .collection('users')
    .where({})
    .get()
    .then(() => finished.push('get'));
  const fast = db
    .collection('users')
    .count()
    .then(() => finished.push('count'));
  await Promise.all([slow, fast]);
  expect(finished).toEqual(['count', 'get']);
});

test('fault specs from the CLI parse into rules, and bad ones are refused', () => {
  expect(
    parseFaultSpec('kind=reset,actions=database.getDocument+database.modifyDocument,rate=0.25,when=after'),
  ).toEqual({
    kind: 'reset',
    actions: ['database.getDocument', 'database.modifyDocument'],
    rate: 0.25,
    when: 'after',
    latencyMs: 1000,
    status: 503,
  });
  expect(() => parseFaultSpec('kind=explode')).toThrow(/bad fault/);
  expect(() => parseFaultSpec('rate')).toThrow(/key=value/);
});

test('CLI options', () => {
  const parsed = parseCliOptions([
    '--port',
    '0',
    '--in-memory',
    '--collection',
    'users',
    '--collection',
    'logs',
    '--export',
    'out',
    '--fault',
    'kind=error',
  ]);
  expect(parsed.options).toMatchObject({
    port: 0,
    inMemory: true,
    collections: ['users', 'logs'],
    faults: [{ kind: 'error' }],
  });
  expect(parsed.exportDir).toBe('out');
  expect(() => parseCliOptions(['--port', 'abc'])).toThrow(/--port/);
  expect(() => parseCliOptions(['--in-memory', '--data', 'x'])).toThrow(/exclude/);
  expect(() => parseCliOptions(['--bogus'])).toThrow();
  expect(parseCliOptions(['--template', 'TPL_1:thing1, time2']).options.messages).toEqual({
    templates: [{ id: 'TPL_1', fields: ['thing1', 'time2'] }],
  });
  expect(() => parseCliOptions(['--template', 'TPL_1'])).toThrow(/--template expects/);
  expect(() => parseCliOptions(['--template', 'TPL_1:Thing'])).toThrow(/--template expects/);
});

test('export then import round-trips every collection with its types', async () => {
  const db = emu.database();
  await db.collection('users').add({
    data: [
      { _id: 'a', at: new Date(42), n: 1.5, tags: ['x'] },
      { _id: 2, re: /x/i },
    ],
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emulator-export-'));
  try {
    expect(databaseOf(emu.emulator).exportData(dir)).toEqual({ users: 2 });
    const lines = fs.readFileSync(path.join(dir, 'users.json'), 'utf8').trim().split('\n');
    expect(lines.map((line) => JSON.parse(line) as unknown)).toContainEqual({
      _id: 'a',
      at: { $date: { $numberLong: '42' } },
      n: { $numberDouble: '1.5' },
      tags: ['x'],
    });
    fs.writeFileSync(
      path.join(dir, 'extra.json'),
      JSON.stringify([{ name: 'no id' }, { _id: 'k', d: { $date: '2024-01-01T00:00:00Z' } }]),
    );
    const other = await startEmulator({ inMemory: true, services: [databaseService({ importDir: dir })] });
    try {
      expect(databaseOf(other).exportData(fs.mkdtempSync(path.join(os.tmpdir(), 'emulator-export2-')))).toEqual({
        extra: 2,
        users: 2,
      });
    } finally {
      await other.stop();
    }
    databaseOf(emu.emulator).importData(dir);
    expect((await db.collection('extra').doc('k').get()).data.d).toEqual(new Date('2024-01-01T00:00:00Z'));
    // the SDK itself turns a stored regular expression into { pattern, options } when parsing results
    expect((await db.collection('users').doc(2).get()).data.re).toEqual({ pattern: 'x', options: 'i' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('reset empties data and re-creates the configured collections', async () => {
  const db = emu.database();
  await db.createCollection('temp');
  await db.collection('users').add({ data: { a: 1 } });
  await emu.emulator.reset();
  expect((await db.collection('users').count()).total).toBe(0);
  await expect(db.collection('temp').count()).rejects.toThrow(/collection not exists/);
});

test('a service given to startEmulator serves its actions and routes, knows the base URL, and is reset', async () => {
  const res = await emu.cloud().callFunction({ name: 'login', data: {} });
  expect(res).toMatchObject({ result: { called: 'login', env: emu.emulator.envId } });
  const seen = (await (await fetch(`${emu.emulator.baseUrl}/callee/calls`)).json()) as {
    calls: string[];
    baseUrl: string;
  };
  expect(seen).toEqual({ calls: ['login'], baseUrl: emu.emulator.baseUrl });
  expect(emu.emulator.serviceNames()).toEqual(['database', 'callee']);
  await emu.emulator.reset();
  expect(calls).toEqual([]);
});

test('every service is stopped once, and two services may not serve one action or share a name', async () => {
  const before = stops;
  const other = await startEmulator({ inMemory: true, services: [callee] });
  await Promise.all([other.stop(), other.stop()]);
  expect(stops).toBe(before + 1);
  await expect(
    startEmulator({ inMemory: true, services: [callee, (host) => ({ ...callee(host), name: 'twin' })] }),
  ).rejects.toThrow(/functions.invokeFunction of service "twin" is already served/);
  await expect(startEmulator({ inMemory: true, services: [callee, callee] })).rejects.toThrow(
    /two emulator services are named "callee"/,
  );
});
