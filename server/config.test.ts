import { ConfigError, loadConfig } from './config';

const VALID = { WX_APPID: 'wx1', WX_APPSECRET: 'secret', AUTH_TOKEN_SECRET: 's'.repeat(32) };

describe('loadConfig', () => {
  it('fills the defaults: loopback, 15-minute access tokens, headers of 云托管 not trusted', () => {
    expect(loadConfig(VALID)).toMatchObject({
      HOST: '127.0.0.1',
      PORT: 3000,
      WX_API_BASE: 'https://api.weixin.qq.com',
      AUTH_TOKEN_KID: 'k1',
      AUTH_ACCESS_TTL_SECONDS: 900,
      TRUST_CLOUD_RUN_HEADERS: false,
      TRUST_PROXY: 0,
      ALLOWED_ORIGINS: [],
    });
    expect(loadConfig({ ...VALID, TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ ...VALID, TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(() => loadConfig({ ...VALID, TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY/);
    expect(
      loadConfig({
        ...VALID,
        TRUST_CLOUD_RUN_HEADERS: 'true',
        ALLOWED_ORIGINS: 'https://a.example, https://b.example',
      }),
    ).toMatchObject({
      TRUST_CLOUD_RUN_HEADERS: true,
      ALLOWED_ORIGINS: ['https://a.example', 'https://b.example'],
    });
  });

  it(
    'reads WX_APPS, the other apps of the Open Platform account, and ' +
      'refuses malformed entries without echoing secrets',
    () => {
      expect(loadConfig({ ...VALID, WX_APPS: 'MP:S1:miniprogram, WEB:S2:mp,SITE:S3:website' }).WX_APPS).toEqual([
        { appid: 'MP', secret: 'S1', kind: 'miniprogram' },
        { appid: 'WEB', secret: 'S2', kind: 'mp' },
        { appid: 'SITE', secret: 'S3', kind: 'website' },
      ]);
      expect(loadConfig(VALID).WX_APPS).toEqual([]);
      expect(() => loadConfig({ ...VALID, WX_APPS: 'WEB:very-secret:oa' })).toThrow(
        /WX_APPS: entry 1 must be APPID:SECRET:KIND/,
      );
      expect(() => loadConfig({ ...VALID, WX_APPS: 'WEB:very-secret:oa' })).not.toThrow(/very-secret/);
    },
  );

  it('names every problem at once, never echoing a value', () => {
    let error: unknown;
    try {
      loadConfig({
        AUTH_TOKEN_SECRET: 'short-secret',
        AUTH_ACCESS_TTL_SECONDS: '5',
        PORT: 'x',
        TRUST_CLOUD_RUN_HEADERS: 'yes',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    expect(problems.map((problem) => problem.split(':')[0])).toEqual([
      'WX_APPID',
      'WX_APPSECRET',
      'AUTH_TOKEN_SECRET',
      'AUTH_ACCESS_TTL_SECONDS',
      'TRUST_CLOUD_RUN_HEADERS',
      'PORT',
    ]);
    expect(message).not.toContain('short-secret');
  });
});
