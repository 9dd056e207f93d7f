/** The injected environment and context, read back through the real SDKs' own readers. */
import { getCloudbaseContext } from '@cloudbase/node-sdk';
import { buildContextFields, buildInvocationEnv, sourceFromHeader, type EnvPatch } from './invocation-env';

const setting = {
  requestId: 'req-1',
  functionName: 'login',
  envId: 'test-env',
  adminUrl: 'http://127.0.0.1:1234/admin',
  timeoutMs: 3000,
  memoryMb: 256,
};

/** Applies a patch to a copy of process.env, runs `read`, restores. */
function withEnv<T>(patch: EnvPatch, read: () => T): T {
  const saved = { ...process.env };
  try {
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete process.env[key];
      else process.env[key] = value;
    }
    return read();
  } finally {
    process.env = saved;
  }
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const cloud = require('wx-server-sdk') as { getWXContext(): Record<string, unknown> };

describe('buildInvocationEnv', () => {
  it('gives getWXContext the user, ENV and SOURCE', () => {
    const env = buildInvocationEnv(
      { user: { OPENID: 'o1', APPID: 'wx1', UNIONID: 'u1' }, source: 'wx_client' },
      setting,
    );
    const wxContext = withEnv(env, () => cloud.getWXContext());
    expect(wxContext).toEqual({
      OPENID: 'o1',
      APPID: 'wx1',
      UNIONID: 'u1',
      CLIENTIP: '127.0.0.1',
      CLIENTIPV6: '::ffff:127.0.0.1',
      ENV: 'test-env',
      SOURCE: 'wx_client',
    });
  });

  it('removes every user key for a caller without user, so a warm instance forgets the previous one', () => {
    const previous = buildInvocationEnv(
      { user: { OPENID: 'o1', APPID: 'wx1', UNIONID: 'u1' }, source: 'wx_client' },
      setting,
    );
    const next = buildInvocationEnv({ source: 'scf' }, setting);
    const wxContext = withEnv({ ...previous }, () => withEnv(next, () => cloud.getWXContext()));
    expect(wxContext).toEqual({ ENV: 'test-env', SOURCE: 'scf' });
  });

  it('points node-sdk at the emulator and lets it read TCB_ENV and TCB_SOURCE', () => {
    const env = buildInvocationEnv({ source: 'wx_client' }, setting);
    const context = withEnv(env, () => getCloudbaseContext());
    expect(JSON.parse(context.TCB_CONTEXT_CNFG as string)).toEqual({ URL: setting.adminUrl });
    expect(context).toMatchObject({
      TCB_ENV: 'test-env',
      TCB_SOURCE: 'wx_client',
      TENCENTCLOUD_RUNENV: 'SCF',
      SCF_NAMESPACE: 'test-env',
    });
    expect(context.TENCENTCLOUD_SECRETID).toBeTruthy();
  });
});

describe('buildContextFields', () => {
  it('has the platform fields, and an environment node-sdk can parse', () => {
    const env = buildInvocationEnv({ user: { OPENID: 'o2', APPID: 'wx1' }, source: 'wx_client' }, setting);
    const fields = buildContextFields(env, setting);
    expect(fields).toMatchObject({
      memory_limit_in_mb: 256,
      time_limit_in_ms: 3000,
      request_id: 'req-1',
      function_name: 'login',
      namespace: 'test-env',
      function_version: '$LATEST',
    });
    expect(fields.environ).toContain('WX_OPENID=o2');
    expect(fields.environ).not.toContain('WX_UNIONID=');
    const parsed = withEnv({}, () => getCloudbaseContext(fields as never));
    expect(parsed.WX_OPENID).toBe('o2');
  });
});

describe('sourceFromHeader', () => {
  it.each([
    ['wx_client,scf', 'wx_client,scf'],
    [',scf', 'scf'],
    [undefined, 'scf'],
    ['wx_client,scf,scf', 'wx_client,scf,scf'],
  ])('%s -> %s', (header, source) => expect(sourceFromHeader(header)).toBe(source));
});
