/**
 * Over HTTP on 127.0.0.1: the client endpoint (wx.cloud.callFunction for a simulated user) and
 * cloud.callFunction from inside a function, sent by the real wx-server-sdk to the admin action.
 */
import { postJson, startTestServer, type TestServer } from '../../test-support/functions';

const wxContext = { OPENID: 'openid-1', APPID: 'wx-app', UNIONID: 'union-1' };

describe('client endpoint and callFunction action', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  const call = (name: string, body: unknown) => postJson(`${server.url}/functions/${name}`, body);

  it('runs the function as the simulated user, with the platform userInfo in the event', async () => {
    const { status, body } = await call('echo', { data: { a: 1, userInfo: { openId: 'forged' } }, wxContext });
    expect(status).toBe(200);
    expect(body).toMatchObject({ errMsg: 'cloud.callFunction:ok', requestID: expect.any(String) });
    const result = body.result as { event: unknown; wxContext: unknown };
    expect(result.event).toEqual({ a: 1, userInfo: { appId: 'wx-app', openId: 'openid-1' } });
    expect(result.wxContext).toMatchObject({
      OPENID: 'openid-1',
      APPID: 'wx-app',
      UNIONID: 'union-1',
      SOURCE: 'wx_client',
    });
  });

  it('without wxContext calls as from the console: no OPENID, no userInfo', async () => {
    const { status, body } = await call('echo', { data: { a: 2 } });
    expect(status).toBe(200);
    const result = body.result as { event: unknown; wxContext: Record<string, unknown> };
    expect(result.event).toEqual({ a: 2 });
    expect(result.wxContext.OPENID).toBeUndefined();
  });

  it('answers the platform errors: not found, thrown, timeout, invalid body', async () => {
    const missing = await call('nope', {});
    expect(missing).toEqual({
      status: 404,
      body: {
        errCode: -501000,
        errMsg: 'cloud.callFunction:fail Error: errCode: -501000  | errMsg: FunctionName parameter could not be found.',
      },
    });
    const thrown = await call('thrower', { wxContext });
    expect(thrown.status).toBe(500);
    expect(thrown.body.errCode).toBe(-404011);
    expect(thrown.body.errMsg).toMatch(
      new RegExp(
        String.raw`^cloud\.callFunction:fail requestID [\w-]+, ` +
          String.raw`cloud function service error code -504002, error message Error: boom$`,
      ),
    );
    const slow = await call('slow', {});
    expect(slow).toEqual({
      status: 504,
      body: {
        errCode: -504003,
        errMsg: 'cloud.callFunction:fail Error: errCode: -504003  | errMsg: Invoking task timed out after 1 seconds',
      },
    });
    const invalid = await call('echo', { wxContext: { OPENID: '' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errCode).toBe(-501007);
  });

  it('lets a function call another through wx-server-sdk, which runs with no user and the source chain', async () => {
    const { status, body } = await call('caller', { data: { target: 'echo', data: { x: 1 } }, wxContext });
    expect(status).toBe(200);
    const result = body.result as {
      own: Record<string, unknown>;
      callee: { event: unknown; wxContext: Record<string, unknown> };
    };
    expect(result.own).toMatchObject({ OPENID: 'openid-1', SOURCE: 'wx_client' });
    expect(result.callee.event).toEqual({ x: 1 });
    expect(result.callee.wxContext).toEqual({ ENV: 'local-env', SOURCE: 'wx_client,scf' });
    const fromConsole = await call('caller', { data: { target: 'echo' } });
    expect((fromConsole.body.result as { callee: { wxContext: unknown } }).callee.wxContext).toEqual({
      ENV: 'local-env',
      SOURCE: 'scf',
    });
  });

  // wx-server-sdk 4.0.2 lets node-sdk throw on an error body, so the caller sees errCode -1 and the message.
  it('turns a failing callee into the SDK error the caller catches', async () => {
    const thrown = await call('caller', { data: { target: 'thrower' } });
    const error = (thrown.body.result as { error: { errCode: number; errMsg: string } }).error;
    expect(error).toEqual({ errCode: -1, errMsg: 'callFunction:fail Error: boom' });
    const missing = await call('caller', { data: { target: 'nope' } });
    expect((missing.body.result as { error: { errMsg: string } }).error.errMsg).toContain(
      'FunctionName parameter could not be found.',
    );
  });
});
