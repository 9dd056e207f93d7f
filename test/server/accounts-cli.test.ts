/**
 * The setup as a developer runs it, in two processes: the emulator started with
 * `--app MP:S1:miniprogram --app WEB:S2:mp --app SITE:S3:website`, the server with WX_APPS for the
 * three. One UnionID signs in through the mini-program and both web apps to one account; another
 * UnionID gets another; a web code is refused by sns/oauth2/access_token the second time.
 */
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

test('one UnionID, one account across a mini-program, a 公众号 and a website; a web code works once', async () => {
  const emulator = spawnScript(WXCLOUD_BIN, [
    '--in-memory',
    '--app',
    'MP:S1:miniprogram',
    '--app',
    'WEB:S2:mp',
    '--app',
    'SITE:S3:website',
  ]);
  const env: Record<string, string | undefined> = {
    ...process.env,
    WX_APPID: 'MP',
    WX_APPSECRET: 'S1',
    WX_APPS: 'MP:S1:miniprogram,WEB:S2:mp,SITE:S3:website',
  };
  for (const key of ['AUTH_TOKEN_SECRET', 'WX_API_BASE', 'WX_OPEN_BASE']) delete env[key];
  let server: SpawnedScript | undefined;
  try {
    const base = await emulator.ready;
    server = spawnScript('server/main.ts', ['--emulator', base, '--port', '0'], env);
    const url = await server.ready;
    expect(emulator.output()).toMatch(/（应用 \/ apps MP, WEB \(mp\), SITE \(website\)）/);
    const webSignIn = async (appid: string, openid: string, scope: string, unionid: string) =>
      post(`${url}/auth/wechat-web`, {
        appid,
        code: (await post(`${base}/wechat/oauth-code`, { appid, openid, unionid, scope })).code,
      });

    const { code } = await post(`${base}/wechat/login-code`, { appid: 'MP', openid: 'o-mp-1', unionid: 'u-1' });
    const mini = await post(`${url}/auth/login`, { code });
    const accountId = mini.data.accountId as string;
    expect(accountId).toMatch(/^acc_/);
    expect((await webSignIn('WEB', 'o-web-1', 'snsapi_userinfo', 'u-1')).data.accountId).toBe(accountId);
    expect((await webSignIn('SITE', 'o-site-1', 'snsapi_login', 'u-1')).data.accountId).toBe(accountId);
    expect((await webSignIn('SITE', 'o-site-2', 'snsapi_login', 'u-2')).data.accountId).not.toBe(accountId);

    const web = await post(`${base}/wechat/oauth-code`, { appid: 'WEB', openid: 'o-web-3', scope: 'snsapi_base' });
    const exchangeQuery = new URLSearchParams({
      appid: 'WEB',
      secret: 'S2',
      code: web.code,
      grant_type: 'authorization_code',
    });
    const exchange = `${base}/wechat-api/sns/oauth2/access_token?${exchangeQuery}`;
    expect(await (await fetch(exchange)).json()).toMatchObject({ openid: 'o-web-3', scope: 'snsapi_base' });
    expect(await (await fetch(exchange)).json()).toEqual({ errcode: 40163, errmsg: 'code been used' });
  } finally {
    server?.child.kill('SIGTERM');
    emulator.child.kill('SIGTERM');
    await Promise.all([server?.exited, emulator.exited]);
  }
}, 60_000);
