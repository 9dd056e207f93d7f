import path from 'node:path';
import { authFilePath, loginStateFromAuthFile, parseDotenv, resolveEnvId } from './env';

describe('parseDotenv', () => {
  it('reads KEY=VALUE lines, quotes, export and comments', () => {
    const text = '# comment\nexport A=1\nB="two words"\nC=\'3\'\nD=4 # trailing\n  E = five  \nnot a line\n';
    expect(parseDotenv(text)).toEqual({ A: '1', B: 'two words', C: '3', D: '4', E: 'five' });
  });
});

describe('resolveEnvId', () => {
  const none = { processEnv: {}, dotenv: undefined, dotenvLocal: undefined };

  it('prefers the process environment, then .env.local, then .env (as the tcb CLI does)', () => {
    const all = { processEnv: { CLOUDBASE_ENV_ID: 'from-shell-1' }, dotenvLocal: 'CLOUDBASE_ENV_ID=from-local-1', dotenv: 'CLOUDBASE_ENV_ID=from-dotenv-1' };
    expect(resolveEnvId(all)).toEqual({ ok: true, envId: 'from-shell-1', source: 'environment variable' });
    expect(resolveEnvId({ ...all, processEnv: {} })).toEqual({ ok: true, envId: 'from-local-1', source: '.env.local' });
    expect(resolveEnvId({ ...all, processEnv: {}, dotenvLocal: undefined })).toEqual({ ok: true, envId: 'from-dotenv-1', source: '.env' });
  });

  it('says what is wrong: missing, empty, placeholder or malformed', () => {
    expect(resolveEnvId(none)).toEqual({ ok: false, reason: 'missing' });
    expect(resolveEnvId({ ...none, dotenv: 'CLOUDBASE_ENV_ID=' })).toEqual({ ok: false, reason: 'missing' });
    expect(resolveEnvId({ ...none, dotenv: 'CLOUDBASE_ENV_ID=your-env-id' })).toMatchObject({ ok: false, reason: 'placeholder', source: '.env' });
    expect(resolveEnvId({ ...none, processEnv: { CLOUDBASE_ENV_ID: '{{env.X}}' } })).toMatchObject({ ok: false, reason: 'malformed' });
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
    expect(loginStateFromAuthFile('{"_":"note","credential":{}}', now)).toEqual({ loggedIn: false, reason: 'no credential' });
    expect(loginStateFromAuthFile('not json', now)).toEqual({ loggedIn: false, reason: 'unreadable' });
  });

  it('accepts an API key login and a browser login until its refresh token expires', () => {
    expect(loginStateFromAuthFile(JSON.stringify({ credential: { secretId: 'AKID', secretKey: 'k' } }), now)).toEqual({ loggedIn: true, method: 'api key' });
    const browser = { credential: { tmpSecretId: 'AKID', tmpSecretKey: 'k', refreshToken: 'r', expired: now + 60_000 } };
    expect(loginStateFromAuthFile(JSON.stringify(browser), now)).toEqual({ loggedIn: true, method: 'browser' });
    const old = { credential: { ...browser.credential, expired: now - 1 } };
    expect(loginStateFromAuthFile(JSON.stringify(old), now)).toEqual({ loggedIn: false, reason: 'expired' });
  });
});
