/**
 * The harness on its own, against a small stand-in for the client endpoint: it runs the
 * mini-program's own code, keeps storage across launches, and maps platform errors to `fail`.
 * The whole flow against the real emulator is tested in test/e2e.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { AppGlobal } from '../../../../miniprogram/app-global';
import { SimulatedDevice, type Launch } from './device';

type Answer = (body: { data: unknown; wxContext?: { OPENID?: string } }) => { status: number; json: unknown };
let answer: Answer;
let server: http.Server;
let baseUrl: string;
const received: unknown[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk));
    req.on('end', () => {
      const parsed = JSON.parse(body) as Parameters<Answer>[0];
      received.push({ url: req.url, ...parsed });
      const { status, json } = answer(parsed);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => (received.length = 0));

const userResult = (openid: string, loginCount: number) => ({
  result: {
    ok: true,
    data: {
      isNewUser: loginCount === 1,
      user: {
        openid,
        appid: 'wx-app',
        createdAt: '2026-01-01T00:00:00.000Z',
        lastLoginAt: '2026-01-02T00:00:00.000Z',
        loginCount,
      },
    },
  },
  requestID: 'req-1',
  errMsg: 'cloud.callFunction:ok',
});

type View = { status: string; user: { maskedOpenid: string; loginCountText: string } | null; detail: string };
const errorCodeOf = (launch: Launch): string | undefined => {
  const state = (launch.app.globalData as unknown as AppGlobal).auth.getState();
  return state.status === 'failed' ? state.error.code : undefined;
};
const viewOf = (launch: Awaited<ReturnType<SimulatedDevice['launch']>>) =>
  launch.page('pages/index/index').data.view as View;

describe('SimulatedDevice', () => {
  it('runs the app and its index page, calling the login function as the device user', async () => {
    let count = 0;
    answer = (body) => ({ status: 200, json: userResult(body.wxContext?.OPENID ?? '', ++count) });
    const phone = new SimulatedDevice({ baseUrl, user: { OPENID: 'o-phone-0001', APPID: 'wx-app' } });
    const launch = await phone.launch();
    expect(viewOf(launch).status).toBe('loading');
    await launch.settled();
    expect(viewOf(launch)).toMatchObject({
      status: 'signedIn',
      user: { maskedOpenid: 'o-ph****0001', loginCountText: '1 次' },
    });
    expect(received).toEqual([
      {
        url: '/functions/login',
        data: { attemptId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/), newOnDevice: true },
        wxContext: { OPENID: 'o-phone-0001', APPID: 'wx-app' },
      },
    ]);
    expect(launch.calls).toHaveLength(1);
    launch.close();

    const warm = await phone.launch();
    expect(viewOf(warm)).toMatchObject({ status: 'signedIn', user: { loginCountText: '1 次' } });
    await warm.settled();
    expect(viewOf(warm).user?.loginCountText).toBe('2 次');
    // The user taps only what the page shows: signed in, there is no login or retry button.
    await expect(warm.screen.tap('#login')).rejects.toThrow('pages/index/index does not show #login now');
    await expect(warm.screen.tap('#retry')).rejects.toThrow('does not show #retry now');
    warm.close();
  });

  it('keeps each device its own storage', async () => {
    answer = (body) => ({ status: 200, json: userResult(body.wxContext?.OPENID ?? '', 1) });
    const first = new SimulatedDevice({ baseUrl, user: { OPENID: 'o-first-0001', APPID: 'wx-app' } });
    const second = new SimulatedDevice({ baseUrl, user: { OPENID: 'o-second-001', APPID: 'wx-app' } });
    await (await first.launch()).settled();
    expect(first.storage.size).toBe(1);
    expect(second.storage.size).toBe(0);
  });

  it('passes a platform error to the app as a failed callFunction', async () => {
    answer = () => ({ status: 404, json: { errCode: -501000, errMsg: 'FunctionName parameter could not be found' } });
    const phone = new SimulatedDevice({ baseUrl, user: { OPENID: 'o-phone-0002', APPID: 'wx-app' } });
    const launch = await phone.launch();
    await launch.settled();
    expect(viewOf(launch)).toMatchObject({ status: 'failed', detail: '服务暂时不可用，请稍后再试' });
    expect(errorCodeOf(launch)).toBe('FUNCTION_ERROR');
    expect(launch.logs.map((line) => line.text).join('\n')).toContain(
      '-501000 FunctionName parameter could not be found',
    );
  });

  it('reports an unreachable emulator as a network failure after bounded retries', async () => {
    const phone = new SimulatedDevice({
      baseUrl: 'http://127.0.0.1:1',
      user: { OPENID: 'o-phone-0003', APPID: 'wx-app' },
      timeScale: 0,
    });
    const launch = await phone.launch();
    await launch.settled();
    expect(viewOf(launch)).toMatchObject({ status: 'failed' });
    expect(errorCodeOf(launch)).toBe('NETWORK');
    expect(launch.calls.length).toBeGreaterThan(1);
  });
});

const appInitialisesCloudWithEnvId =
  'the app initialises wx.cloud with the env id of its version, and logs the placeholder for the developer';
test(appInitialisesCloudWithEnvId, async () => {
  answer = () => ({ status: 200, json: userResult('o-env', 1) });
  const { CLOUD_ENV_IDS, chooseCloudEnv } = await import('../../../../miniprogram/cloud-envs');
  const launch = await new SimulatedDevice({
    baseUrl,
    user: { OPENID: 'o-env', APPID: 'wx-app' },
    envVersion: 'release',
  }).launch();
  await launch.settled();
  launch.close();
  expect(launch.cloudInit()).toMatchObject({ env: CLOUD_ENV_IDS.release });
  const { problem } = chooseCloudEnv('release');
  expect(launch.logs.filter((line) => line.level === 'error').map((line) => line.text)).toEqual(
    problem ? [problem] : [],
  );
});

describe('pages and navigation', () => {
  const fixture = path.join(__dirname, 'fixtures', 'two-pages');
  const logOf = (launch: Launch) => (launch.app.globalData as unknown as { log: string[] }).log;

  const pagesRunTheirLifecycle =
    'the first page of app.json opens at launch; ' +
    'navigateTo, navigateBack and redirectTo run the lifecycle of every page';
  test(pagesRunTheirLifecycle, async () => {
    const launch = await new SimulatedDevice({
      baseUrl,
      user: { OPENID: 'o1', APPID: 'wx-app' },
      miniprogramRoot: fixture,
    }).launch();
    expect(logOf(launch)).toEqual(['a.onLoad{}', 'a.onShow', 'a.onReady']);
    await launch.wx.navigateTo({ url: '/pages/b/b?id=7&from=a' });
    expect(launch.pages().map((page) => page.route)).toEqual(['pages/a/a', 'pages/b/b']);
    expect(launch.page('pages/b/b').options).toEqual({ id: '7', from: 'a' });
    await launch.wx.navigateBack();
    await launch.wx.redirectTo({ url: '/pages/b/b' });
    expect(logOf(launch).slice(3)).toEqual([
      'a.onHide',
      'b.onLoad{"id":"7","from":"a"}',
      'b.onShow',
      'b.onReady',
      'b.onUnload',
      'a.onShow',
      'a.onUnload',
      'b.onLoad{}',
      'b.onShow',
      'b.onReady',
    ]);
    launch.close();
    expect(logOf(launch).at(-1)).toBe('b.onUnload');
  });

  test('navigating to a page app.json does not list fails as the base library does', async () => {
    const launch = await new SimulatedDevice({
      baseUrl,
      user: { OPENID: 'o1', APPID: 'wx-app' },
      miniprogramRoot: fixture,
    }).launch();
    const fail = jest.fn();
    await new Promise<void>((resolve) =>
      launch.wx.navigateTo({ url: '/pages/nope/nope', fail, complete: () => resolve() }),
    );
    expect(fail).toHaveBeenCalledWith(
      expect.objectContaining({
        message: expect.stringMatching(/navigateTo:fail page "pages\/nope\/nope" is not found/),
      }),
    );
    launch.close();
  });
});
