/** Timer triggers: the schedule on a fake clock, and one real firing through the emulator. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { apiPath, type FireTriggerResponse, type FunctionsResponse } from '../console/api-types';
import { consoleService } from '../console/service';
import { runTrigger } from '../cli/trigger';
import { startEmulator, type Emulator } from '../host/emulator';
import type { InvocationRecord } from './invocation-log';
import { functionsService, FUNCTIONS_SERVICE, type FunctionsService } from './service';
import type { TimerTrigger } from './timer-triggers';
import { TimerTriggers, TriggerNotFoundError, type TimerEvent } from './timers';

const trigger = (cron: string, name = 'tick'): TimerTrigger => ({
  functionName: 'ticker',
  name,
  cron,
  declaredIn: 'config.json',
});

describe('TimerTriggers on a fake clock', () => {
  afterEach(() => jest.useRealTimers());

  function schedule(cron: string, now: string) {
    jest.useFakeTimers({ now: new Date(now) });
    const fired: Array<{ name: string; event: TimerEvent }> = [];
    const timers = new TimerTriggers([trigger(cron)], async (name, event) => void fired.push({ name, event }));
    timers.start();
    return { timers, fired };
  }

  it('fires */5 * * * * * * every five seconds with the timer event', async () => {
    const { timers, fired } = schedule('*/5 * * * * * *', '2026-12-04T08:00:01.000Z');
    await jest.advanceTimersByTimeAsync(11_000);
    expect(fired).toEqual([
      { name: 'ticker', event: { Type: 'Timer', TriggerName: 'tick', Time: '2026-12-04T08:00:05Z', Message: '' } },
      { name: 'ticker', event: { Type: 'Timer', TriggerName: 'tick', Time: '2026-12-04T08:00:10Z', Message: '' } },
    ]);
    expect(timers.list()[0]?.nextAt).toBe('2026-12-04T08:00:15.000Z');
    timers.stop();
  });

  it('reads the hours in UTC+8, as the service does: 02:00 is 18:00 UTC the day before', async () => {
    const { timers, fired } = schedule('0 0 2 * * * *', '2026-12-04T17:59:58.000Z');
    await jest.advanceTimersByTimeAsync(1_000);
    expect(fired).toEqual([]);
    await jest.advanceTimersByTimeAsync(1_500);
    expect(fired.map((item) => item.event.Time)).toEqual(['2026-12-04T18:00:00Z']);
    timers.stop();
  });

  it('honours the year field: a trigger for 2030 does not fire in 2026', async () => {
    const { timers, fired } = schedule('* * * * * * 2030', '2026-12-04T08:00:00.000Z');
    await jest.advanceTimersByTimeAsync(10_000);
    expect(fired).toEqual([]);
    expect(timers.list()[0]?.nextAt).toBe('2029-12-31T16:00:00.000Z');
    timers.stop();
  });

  it('fires on demand, and names what is missing', async () => {
    const { timers, fired } = schedule('0 0 2 1 * * *', '2026-12-04T08:00:00.000Z');
    await timers.fire('ticker');
    expect(fired[0]?.event).toEqual({ Type: 'Timer', TriggerName: 'tick', Time: '2026-12-04T08:00:00Z', Message: '' });
    await expect(timers.fire('ticker', 'other')).rejects.toThrow(TriggerNotFoundError);
    await expect(timers.fire('nope')).rejects.toThrow('function nope has no timer trigger');
    timers.stop();
  });
});

describe('a timer trigger in config.json, through the emulator', () => {
  let root: string;
  let emulator: Emulator;
  let service: FunctionsService;

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'wxcloud-timers-'));
    const dir = path.join(root, 'cloudfunctions', 'ticker');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'index.js'),
      "exports.main = async (event) => { console.log('tick', event.Time); " +
        'return { event, openid: process.env.WX_OPENID || null, trigger: ' +
        'process.env.TRIGGER_SRC }; };\n',
    );
    writeFileSync(
      path.join(dir, 'config.json'),
      JSON.stringify({ timeout: 5, triggers: [{ name: 'everyFive', type: 'timer', config: '*/5 * * * * * *' }] }),
    );
    emulator = await startEmulator({
      inMemory: true,
      services: [
        functionsService({ functionsRoot: path.join(root, 'cloudfunctions'), projectRoot: root }),
        consoleService(),
      ],
    });
    service = emulator.service<FunctionsService>(FUNCTIONS_SERVICE) as FunctionsService;
  });
  afterAll(async () => {
    await emulator.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('fires on its schedule with the timer event and no user, logged like any invocation', async () => {
    const record = await new Promise<InvocationRecord>((resolve) => {
      const stop = service.runtime.subscribe((event) => event.type === 'invocation' && (stop(), resolve(event.record)));
    });
    expect(record).toMatchObject({ functionName: 'ticker', resultCode: 0, source: 'timer' });
    expect(record.openid).toBeUndefined();
    const result = JSON.parse(record.resultJson ?? '{}') as { event: TimerEvent; openid: null; trigger: string };
    expect(result).toMatchObject({
      event: { Type: 'Timer', TriggerName: 'everyFive', Message: '' },
      openid: null,
      trigger: 'timer',
    });
    expect(new Date(result.event.Time).getUTCSeconds() % 5).toBe(0);
    expect(record.logs[0]?.text).toBe(`tick ${result.event.Time}`);
  }, 10_000);

  it('is listed by the console and fired on demand through its HTTP route', async () => {
    const consoleApi = (route: string, body?: unknown) =>
      fetch(
        `${emulator.baseUrl}${apiPath(route)}`,
        body === undefined
          ? {}
          : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
      );
    const listed = (await (await consoleApi('functions')).json()) as FunctionsResponse;
    expect(listed.functions.find((fn) => fn.name === 'ticker')?.timer).toEqual({
      name: 'everyFive',
      cron: '*/5 * * * * * *',
      nextAt: expect.stringMatching(/Z$/),
    });
    const fired = await consoleApi('functions/ticker/trigger', {});
    const answer = (await fired.json()) as FireTriggerResponse;
    expect(answer.ok).toBe(true);
    expect(service.runtime.invocation(answer.requestId)).toMatchObject({
      functionName: 'ticker',
      source: 'timer',
      eventJson: expect.stringContaining('"TriggerName":"everyFive"'),
    });
    const printed: string[] = [];
    expect(await runTrigger(['ticker', '--url', emulator.baseUrl], (line) => printed.push(line))).toBe(0);
    const firedLine = /^ticker: 已触发，调用成功 \/ fired, the call succeeded \(RequestId [0-9a-f-]{36}\)$/;
    expect(printed[0]).toMatch(firedLine);
    const missing = await consoleApi('functions/nope/trigger', {});
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({
      error: { code: 'NOT_FOUND', message: expect.stringContaining('function nope has no timer trigger') },
    });
  });
});
