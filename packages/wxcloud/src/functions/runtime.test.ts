/** The runtime with real instance processes running the fixture functions. */
import { createFunctionRuntime, type FunctionRuntime, type InvocationOutcome } from './runtime';
import type { RuntimeEvent } from './invocation-log';
import { MAX_EVENT_BYTES, MAX_INVOCATION_LOG_BYTES, MAX_LOG_LINE_BYTES } from './limits';
import { CLIENT_ERROR_CODES } from './platform-errors';
import { FIXTURE_PROJECT } from '../../test-support/functions';

const userA = { OPENID: 'openid-a', APPID: 'wx-app', UNIONID: 'union-a' };
const userB = { OPENID: 'openid-b', APPID: 'wx-app' };

function okResult(outcome: InvocationOutcome): Record<string, unknown> {
  if (!outcome.ok) throw new Error(`expected success, got ${JSON.stringify(outcome.error)}`);
  return outcome.result as Record<string, unknown>;
}

function failure(outcome: InvocationOutcome) {
  if (outcome.ok) throw new Error(`expected a failure, got ${JSON.stringify(outcome.result)}`);
  return outcome.error;
}

describe('function runtime (one child process per instance)', () => {
  let runtime: FunctionRuntime;
  const events: RuntimeEvent[] = [];

  beforeAll(() => {
    runtime = createFunctionRuntime({
      projectRoot: FIXTURE_PROJECT,
      adminUrl: 'http://127.0.0.1:9/admin',
      maxInstancesPerFunction: 2,
    });
    runtime.subscribe((event) => events.push(event));
  });
  afterAll(() => runtime.stop());

  it('injects each caller into a warm instance: user B does not see user A', async () => {
    const first = await runtime.invoke('echo', { n: 1 }, { user: userA, source: 'wx_client' });
    const second = await runtime.invoke('echo', { n: 2 }, { user: userB, source: 'wx_client' });
    expect(okResult(first).wxContext).toMatchObject({
      OPENID: 'openid-a',
      UNIONID: 'union-a',
      APPID: 'wx-app',
      SOURCE: 'wx_client',
      ENV: 'local-env',
    });
    expect(okResult(second).wxContext).toEqual(expect.objectContaining({ OPENID: 'openid-b', SOURCE: 'wx_client' }));
    expect(okResult(second).wxContext).not.toHaveProperty('UNIONID');
    expect([first.coldStart, second.coldStart]).toEqual([true, false]);
    expect(runtime.invocation(second.requestId)?.instanceId).toBe(runtime.invocation(first.requestId)?.instanceId);
    expect(okResult(second).event).toEqual({ n: 2 });
  });

  it('passes a context argument like the platform', async () => {
    const outcome = await runtime.invoke('echo', {}, {});
    const context = okResult(outcome).context as Record<string, unknown>;
    expect(context).toMatchObject({
      request_id: outcome.requestId,
      function_name: 'echo',
      time_limit_in_ms: 10_000,
      memory_limit_in_mb: 256,
      namespace: 'local-env',
      callbackWaitsForEmptyEventLoop: true,
    });
    expect(okResult(outcome).remainingMs).toEqual(expect.any(Number));
    expect(okResult(outcome).wxContext).toEqual({ ENV: 'local-env' });
    expect(okResult(outcome).tcbContextConfig).toBe('{"URL":"http://127.0.0.1:9/admin"}');
  });

  it('records each call with its own console output, cold or warm, and result code', async () => {
    const [a, b] = await Promise.all([
      runtime.invoke('echo', {}, { user: userA, source: 'wx_client' }),
      runtime.invoke('echo', {}, { user: userB, source: 'wx_client' }),
    ]);
    const recordA = runtime.invocation(a.requestId);
    const recordB = runtime.invocation(b.requestId);
    expect(recordA?.logs.map((line) => line.text)).toEqual(['echo called for openid-a']);
    expect(recordB?.logs.map((line) => line.text)).toEqual(['echo called for openid-b']);
    expect(recordA?.resultCode).toBe(0);
    expect(new Set([recordA?.instanceId, recordB?.instanceId]).size).toBe(2);
    const logged = events
      .filter((event) => event.type === 'invocation')
      .map((event) => event.type === 'invocation' && event.record.requestId);
    expect(logged).toEqual(expect.arrayContaining([a.requestId, b.requestId]));
  });

  it('runs one call per instance and never more instances than the limit', async () => {
    const outcomes = await Promise.all([1, 2, 3, 4].map(() => runtime.invoke('hold', { ms: 50 })));
    const instances = new Set(outcomes.map((outcome) => okResult(outcome).instance));
    expect(instances.size).toBe(2);
    expect(outcomes.filter((outcome) => outcome.coldStart)).toHaveLength(2);
    const starts = events.filter(
      (event) => event.type === 'instance' && event.functionName === 'hold' && event.to === 'starting',
    );
    expect(starts).toHaveLength(2);
  });

  it('stops a function that runs past its timeout, even a busy loop, and starts afresh', async () => {
    const timedOut = await runtime.invoke('slow', { mode: 'spin' });
    expect(failure(timedOut)).toEqual({ kind: 'timeout', message: 'Invoking task timed out after 1 seconds' });
    expect(runtime.invocation(timedOut.requestId)?.resultCode).toBe(CLIENT_ERROR_CODES.FUNCTION_TIMEOUT);
    expect(runtime.invocation(timedOut.requestId)?.logs.map((line) => line.text)).toContain('slow started');
    const next = await runtime.invoke('slow', { mode: 'spin' });
    expect(next.coldStart).toBe(true);
  });

  it('reports a thrown error, a module that fails to load and process.exit as execution errors', async () => {
    const thrown = await runtime.invoke('thrower', {});
    expect(failure(thrown)).toEqual({ kind: 'execution', message: 'Error: boom' });
    expect(runtime.invocation(thrown.requestId)?.resultCode).toBe(CLIENT_ERROR_CODES.FUNCTION_SERVICE_EXECUTE_FAIL);
    expect(thrown.logs[0]?.text).toBe('about to fail');
    const broken = await runtime.invoke('broken', {});
    expect(failure(broken).message).toContain("Cannot find module './no-such-module'");
    const exited = await runtime.invoke('exiter', {});
    expect(failure(exited).message).toContain('exited with code 3');
    expect(okResult(await runtime.invoke('legacy', { n: 21 }))).toEqual({ doubled: 42 });
  });

  it('refuses an event over the platform limit without starting an instance', async () => {
    const outcome = await runtime.invoke('hold', { blob: 'x'.repeat(MAX_EVENT_BYTES) });
    expect(failure(outcome).kind).toBe('invalid_request');
    expect(outcome.coldStart).toBeNull();
  });

  it('passes a deeply nested event to the function, and refuses one too deep to serialize', async () => {
    const nested = (depth: number) => {
      let value: unknown = 'leaf';
      for (let i = 0; i < depth; i++) value = { a: value };
      return value;
    };
    const deep = await runtime.invoke('echo', { deep: nested(2000) }, { user: userA, source: 'wx_client' });
    expect(JSON.stringify(okResult(deep).event)).toContain('"leaf"');
    const tooDeep = await runtime.invoke('echo', { deep: nested(100_000) }, { user: userA, source: 'wx_client' });
    expect(failure(tooDeep).kind).toBe('invalid_request');
    expect(okResult(await runtime.invoke('echo', { n: 3 }, { user: userA, source: 'wx_client' })).event).toEqual({
      n: 3,
    });
  });

  it('answers not found for a function that does not exist', async () => {
    const outcome = await runtime.invoke('nope', {});
    expect(failure(outcome)).toEqual({ kind: 'not_found', message: 'FunctionName parameter could not be found.' });
    expect(runtime.invocation(outcome.requestId)?.resultCode).toBe(CLIENT_ERROR_CODES.FUNCTION_NOT_FOUND);
  });
});

describe('idle instances', () => {
  it('are retired after the idle time', async () => {
    const runtime = createFunctionRuntime({
      projectRoot: FIXTURE_PROJECT,
      adminUrl: 'http://127.0.0.1:9/admin',
      idleTimeoutMs: 30,
    });
    const stopped = new Promise<void>((resolve) =>
      runtime.subscribe((event) => event.type === 'instance' && event.to === 'stopped' && resolve()),
    );
    const outcome = await runtime.invoke('hold', {});
    expect(outcome.coldStart).toBe(true);
    await stopped;
    expect(runtime.instances('hold')).toEqual([]);
    expect((await runtime.invoke('hold', {})).coldStart).toBe(true);
    await runtime.stop();
  });
});

describe('limits that keep a function from taking the host down', () => {
  let runtime: FunctionRuntime;
  beforeAll(() => {
    runtime = createFunctionRuntime({
      projectRoot: FIXTURE_PROJECT,
      adminUrl: 'http://127.0.0.1:9/admin',
      initTimeoutMs: 800,
    });
  });
  afterAll(() => runtime.stop());

  it("refuses a result over 6 MB inside the instance, with the platform's error, and keeps the instance", async () => {
    const tooLarge = await runtime.invoke('hog', { mode: 'result', mb: 7 });
    expect(failure(tooLarge)).toEqual({
      kind: 'response_too_large',
      message: 'The size of response exceeds the upper limit (6MB)',
    });
    expect(runtime.invocation(tooLarge.requestId)?.resultCode).toBe(CLIENT_ERROR_CODES.FUNCTION_SERVICE_EXECUTE_FAIL);
    expect(tooLarge.logs.map((line) => line.text).join('\n')).toMatch(/the result is \d+ bytes/);
    const next = await runtime.invoke('hog', {});
    expect(okResult(next)).toEqual({ small: true });
    expect(next.coldStart).toBe(false);
  });

  it('survives a 100 MB result: refused or out of memory in the instance, never in the host', async () => {
    const before = process.memoryUsage().heapUsed;
    const huge = await runtime.invoke('hog', { mode: 'result', mb: 100 });
    expect(['response_too_large', 'memory']).toContain(failure(huge).kind);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(50 * 1024 * 1024);
    expect(okResult(await runtime.invoke('hog', {}))).toEqual({ small: true });
  });

  it(
    'bounds Buffers beyond the V8 heap: the instance is recycled with the ' + "platform's out-of-memory error",
    async () => {
      const hog = await runtime.invoke('hog', { mode: 'buffers' });
      expect(failure(hog)).toEqual({
        kind: 'memory',
        message: expect.stringMatching(/^MemoryLimitReached: .*memory size 128 MB, it used \d+ MB/),
      });
      expect(runtime.invocation(hog.requestId)?.resultCode).toBe(CLIENT_ERROR_CODES.FUNCTION_SERVICE_EXECUTE_FAIL);
      expect((await runtime.invoke('hog', {})).coldStart).toBe(true);
    },
  );

  it('retires an instance that goes past its memory while idle; the next call starts a fresh one', async () => {
    const retired = new Promise<void>((resolve) => {
      const stop = runtime.subscribe(
        (event) =>
          event.type === 'instance' && event.functionName === 'hog' && event.to === 'stopped' && (stop(), resolve()),
      );
    });
    const first = await runtime.invoke('hog', { mode: 'later' });
    expect(okResult(first)).toBe('returned');
    await retired;
    const next = await runtime.invoke('hog', {});
    expect(okResult(next)).toEqual({ small: true });
    expect(next.coldStart).toBe(true);
  });

  it('cuts a console line longer than 64 KB before it leaves the instance', async () => {
    const logged = await runtime.invoke('hog', { mode: 'log', mb: 10 });
    expect(okResult(logged)).toBe('logged');
    const line = logged.logs[0]?.text ?? '';
    expect(Buffer.byteLength(line)).toBeLessThan(MAX_LOG_LINE_BYTES + 100);
    expect(line).toMatch(/\[log line cut: 10485760 bytes\]$/);
  });

  it("keeps at most 1 MB of one invocation's console output (12 MB written), then one note", async () => {
    const flooded = await runtime.invoke('hog', { mode: 'flood' });
    expect(okResult(flooded)).toBe('flooded');
    const kept = flooded.logs.reduce((sum, line) => sum + Buffer.byteLength(line.text), 0);
    expect(kept).toBeLessThanOrEqual(MAX_INVOCATION_LOG_BYTES + 200);
    expect(flooded.logs.at(-1)?.text).toMatch(/further output of this invocation dropped/);
  });

  it("reports a module-level infinite loop as an init timeout, not as the call's 1 s timeout", async () => {
    const stuck = await runtime.invoke('spinner-at-load', {});
    expect(failure(stuck)).toEqual({
      kind: 'timeout',
      message: 'Function initialization timed out after 0.8 seconds (loading index.js, before main was called)',
    });
  });
});
