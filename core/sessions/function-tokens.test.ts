import { verifyAccessToken } from '../tokens/access-token';
import { tokenSettingsFromEnv, withTokens } from './function-tokens';
import { createMemorySessionsStore } from './memory-sessions-store';

const USER = {
  openid: 'o-fn',
  appid: 'wx-fn',
  createdAt: '2026-01-01T00:00:00.000Z',
  lastLoginAt: '2026-01-01T00:00:00.000Z',
  loginCount: 1,
};

describe('tokens from the login function', () => {
  it('are off without a signing key, and refuse a malformed one', () => {
    expect(tokenSettingsFromEnv({})).toBeNull();
    expect(() => tokenSettingsFromEnv({ AUTH_TOKEN_SECRET: 'short' })).toThrow(/at least 32/);
    expect(tokenSettingsFromEnv({ AUTH_TOKEN_SECRET: 's'.repeat(32), AUTH_ACCESS_TTL_SECONDS: '120' })).toMatchObject({
      accessTtlSeconds: 120,
    });
  });

  it('add a verifiable access token and a refresh token to a successful login only', async () => {
    const settings = tokenSettingsFromEnv({ AUTH_TOKEN_SECRET: 's'.repeat(32) });
    if (!settings) throw new Error('expected settings');
    const deps = { ...settings, store: createMemorySessionsStore(), now: () => new Date() };
    const result = await withTokens({ ok: true, data: { user: USER, isNewUser: true } }, deps);
    if (!result.ok || !result.data.accessToken) throw new Error('expected tokens');
    expect(
      await verifyAccessToken(settings.ring, result.data.accessToken, { appid: 'wx-fn', now: new Date() }),
    ).toMatchObject({ ok: true, claims: { openid: 'o-fn' } });
    expect(deps.store.all()[0]).not.toHaveProperty('sealedSessionKey');
    const failed = { ok: false as const, error: { code: 'UNAVAILABLE' as const, message: 'x', retryable: true } };
    expect(await withTokens(failed, deps)).toBe(failed);
  });
});
