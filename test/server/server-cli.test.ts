/**
 * `npm run emulator -- --app APPID:SECRET` and `npm run server -- --emulator <base> --port 0` as a
 * developer runs them, in two processes: both print `ready`, a phone's code logs in through the
 * server; a server without its configuration stops with a readable message and exit code 2.
 */
import { parseCliOptions } from '../../packages/wxcloud/src/cli';
import { spawnScript, WXCLOUD_BIN, type SpawnedScript } from '../helpers/spawn-script';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function post(url: string, body: unknown): Promise<Record<string, any>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Record<string, unknown>;
}

/** This process's environment without the server's own settings (a developer's shell). */
function withoutServerEnv(): Record<string, string | undefined> {
  const env = { ...process.env };
  for (const key of ['WX_APPID', 'WX_APPSECRET', 'AUTH_TOKEN_SECRET', 'WX_API_BASE']) delete env[key];
  return env;
}

test('--app adds known apps (repeatable)', () => {
  const { options } = parseCliOptions(['--app', 'wx-a:secret-a', '--app', 'wx-b:secret-b:mp']);
  expect(options.wechat?.apps).toEqual([
    { appid: 'wx-a', secret: 'secret-a', kind: 'miniprogram' },
    { appid: 'wx-b', secret: 'secret-b', kind: 'mp' },
  ]);
  expect(() => parseCliOptions(['--app', 'wx-a'])).toThrow(/APPID:SECRET/);
});

test('the emulator and the server, as two processes, log a phone’s code in', async () => {
  const emulator = spawnScript(WXCLOUD_BIN, ['--in-memory', '--app', 'wx-cli-app:cli-app-secret']);
  const rest = withoutServerEnv();
  let server: SpawnedScript | undefined;
  try {
    const base = await emulator.ready;
    server = spawnScript('server/main.ts', ['--emulator', base, '--port', '0'], {
      ...rest,
      WX_APPID: 'wx-cli-app',
      WX_APPSECRET: 'cli-app-secret',
    });
    const url = await server.ready;
    expect(emulator.output()).toMatch(/WeChat API at .*\/wechat-api（应用 \/ apps wx-cli-app）/);
    expect(emulator.output()).not.toContain('cli-app-secret');
    const { code } = await post(`${base}/wechat/login-code`, { openid: 'o-cli', appid: 'wx-cli-app' });
    expect(await post(`${url}/auth/login`, { code })).toMatchObject({
      ok: true,
      data: { isNewUser: true, user: { openid: 'o-cli', appid: 'wx-cli-app' } },
    });
  } finally {
    server?.child.kill('SIGTERM');
    emulator.child.kill('SIGTERM');
    await Promise.all([server?.exited, emulator.exited]);
  }
}, 30_000);

test('a server without its configuration stops with exit code 2 naming what is missing', async () => {
  const rest = withoutServerEnv();
  const server = spawnScript('server/main.ts', [], { ...rest, AUTH_TOKEN_SECRET: 'too-short' });
  void server.ready.catch(() => undefined);
  expect(await server.exited).toBe(2);
  expect(server.output()).toMatch(/WX_APPID: WX_APPID is required/);
  expect(server.output()).toMatch(/AUTH_TOKEN_SECRET: AUTH_TOKEN_SECRET must be at least 32/);
  expect(server.output()).not.toContain('too-short');
}, 30_000);

test('a busy port stops the server with a message in Chinese and English saying what to do', async () => {
  const { createServer } = await import('node:net');
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const { port } = holder.address() as { port: number };
  try {
    const server = spawnScript(
      'server/main.ts',
      ['--emulator', 'http://127.0.0.1:9', '--port', String(port)],
      withoutServerEnv(),
    );
    void server.ready.catch(() => undefined);
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain(`端口 ${port} 已被占用`);
    expect(server.output()).toMatch(/--port N/);
  } finally {
    holder.close();
  }
}, 30_000);
