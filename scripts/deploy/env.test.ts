import path from 'node:path';
import { authFilePath, loginStateFromAuthFile, parseDotenv, resolveEnvId } from './env';

describe('parseDotenv', () => {
  it('reads KEY=VALUE lines, quotes, export and comments', () => {
    const text = '# comment\nexport A=1\nB="two words"\nC=\'3\'\nD=4 # trailing\n  E = five  \nnot a line\n';
    expect(parseDotenv(text)).toEqual({ A: '1', B: 'two words', C: '3', D: '4', E: 'five' });
  });
});

describe('resolveEnvId', () => {
  const ids = { develop: 'dev-1a2b', trial: 'dev-1a2b', release: 'prod-3c4d' };
  const base = {
    cloudEnvIds: ids,
    envVersion: 'develop' as const,
    processEnv: {},
    dotenv: undefined,
    dotenvLocal: undefined,
  };

  it("takes the chosen version's id from miniprogram/cloud-envs.ts", () => {
    expect(resolveEnvId(base)).toEqual({ ok: true, envId: 'dev-1a2b', source: 'miniprogram/cloud-envs.ts (develop)' });
    expect(resolveEnvId({ ...base, envVersion: 'release' })).toMatchObject({ ok: true, envId: 'prod-3c4d' });
  });

  it('says what is wrong: missing, empty, placeholder or malformed', () => {
    expect(resolveEnvId({ ...base, cloudEnvIds: undefined })).toEqual({
      ok: false,
      reason: 'missing',
      envVersion: 'develop',
    });
    expect(resolveEnvId({ ...base, cloudEnvIds: { ...ids, develop: ' ' } })).toMatchObject({
      ok: false,
      reason: 'missing',
    });
    expect(resolveEnvId({ ...base, cloudEnvIds: { ...ids, develop: 'your-env-id' } })).toMatchObject({
      ok: false,
      reason: 'placeholder',
    });
    expect(resolveEnvId({ ...base, cloudEnvIds: { ...ids, develop: '{{env.X}}' } })).toMatchObject({
      ok: false,
      reason: 'malformed',
    });
  });

  it('accepts CLOUDBASE_ENV_ID only when it agrees, read as the tcb CLI reads it (shell, .env.local, .env)', () => {
    expect(resolveEnvId({ ...base, dotenv: 'CLOUDBASE_ENV_ID=dev-1a2b' })).toMatchObject({
      ok: true,
      envId: 'dev-1a2b',
    });
    expect(resolveEnvId({ ...base, dotenv: 'CLOUDBASE_ENV_ID=your-env-id' })).toMatchObject({
      ok: true,
      envId: 'dev-1a2b',
    });
    const all = {
      ...base,
      processEnv: { CLOUDBASE_ENV_ID: 'shell-1' },
      dotenvLocal: 'CLOUDBASE_ENV_ID=local-1',
      dotenv: 'CLOUDBASE_ENV_ID=dotenv-1',
    };
    expect(resolveEnvId(all)).toEqual({
      ok: false,
      reason: 'disagree',
      envVersion: 'develop',
      value: 'shell-1',
      source: 'environment variable',
      expected: 'dev-1a2b',
    });
    expect(resolveEnvId({ ...all, processEnv: {} })).toMatchObject({ value: 'local-1', source: '.env.local' });
    expect(resolveEnvId({ ...all, processEnv: {}, dotenvLocal: undefined })).toMatchObject({
      value: 'dotenv-1',
      source: '.env',
    });
  });
});

describe('loginStateFromAuthFile', () => {
  const now = 1_700_000_000_000;

  it('finds the CLI credential file under ~/.config/.cloudbase', () => {
    expect(authFilePath('/home/dev')).toBe(path.join('/home/dev', '.config', '.cloudbase', 'auth.json'));
  });

  it('is logged out without a file, with the empty store the CLI creates, or with junk', () => {
    expect(loginStateFromAuthFile(undefined, now)).toEqual({ loggedIn: false, reason: 'no credential file' });
    expect(loginStateFromAuthFile('{}', now)).toEqual({ loggedIn: false, reason: 'no credential' });
    expect(loginStateFromAuthFile('{"_":"note","credential":{}}', now)).toEqual({
      loggedIn: false,
      reason: 'no credential',
    });
    expect(loginStateFromAuthFile('not json', now)).toEqual({ loggedIn: false, reason: 'unreadable' });
  });

  it('accepts an API key login and a browser login until its refresh token expires', () => {
    expect(loginStateFromAuthFile(JSON.stringify({ credential: { secretId: 'AKID', secretKey: 'k' } }), now)).toEqual({
      loggedIn: true,
      method: 'api key',
    });
    const browser = {
      credential: { tmpSecretId: 'AKID', tmpSecretKey: 'k', refreshToken: 'r', expired: now + 60_000 },
    };
    expect(loginStateFromAuthFile(JSON.stringify(browser), now)).toEqual({ loggedIn: true, method: 'browser' });
    const old = { credential: { ...browser.credential, expired: now - 1 } };
    expect(loginStateFromAuthFile(JSON.stringify(old), now)).toEqual({ loggedIn: false, reason: 'expired' });
  });
});
