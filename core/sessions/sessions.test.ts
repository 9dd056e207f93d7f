import { decodeProtectedHeader } from 'jose';
import { verifyAccessToken } from '../tokens/access-token';
import { keyRing, signingKey } from '../tokens/key-ring';
import { createMemorySessionsStore } from './memory-sessions-store';
import { refreshSession, startSession, type SessionDeps } from './sessions';

const ring = keyRing(signingKey('k1', 'x'.repeat(32)));
const ALICE = { openid: 'o-alice', appid: 'wx-app', unionid: 'u-alice' };

function deps(): SessionDeps & { store: ReturnType<typeof createMemorySessionsStore>; clock: { now: number } } {
  const clock = { now: Date.parse('2026-03-01T00:00:00Z') };
  return {
    store: createMemorySessionsStore(),
    ring,
    accessTtlSeconds: 600,
    refreshTtlSeconds: 3600,
    now: () => new Date(clock.now),
    clock,
  };
}

describe('sessions', () => {
  it(
    'starts a session: an access token naming the user, app and session, ' + 'a refresh token stored only as a hash',
    async () => {
      const d = deps();
      const tokens = await startSession(d, ALICE, 'sealed-key');
      expect(decodeProtectedHeader(tokens.accessToken)).toEqual({ alg: 'HS256', kid: 'k1', typ: 'JWT' });
      const verified = await verifyAccessToken(ring, tokens.accessToken, { appid: 'wx-app', now: d.now() });
      expect(verified).toMatchObject({ ok: true, claims: { openid: 'o-alice', unionid: 'u-alice', sid: tokens.sid } });
      const [stored] = d.store.all();
      expect(JSON.stringify(stored)).not.toContain(tokens.refreshToken.split('.')[1]);
      expect(stored).toMatchObject({ _id: tokens.sid, sealedSessionKey: 'sealed-key', revoked: false });
    },
  );

  it('rotates the refresh token on every use; the used one coming back revokes the session', async () => {
    const d = deps();
    const first = await startSession(d, ALICE);
    const second = await refreshSession(d, first.refreshToken);
    if (!second.ok) throw new Error('refresh failed');
    expect(second.tokens.refreshToken).not.toBe(first.refreshToken);
    expect(await refreshSession(d, first.refreshToken)).toEqual({ ok: false, reason: 'reused' });
    expect(await refreshSession(d, second.tokens.refreshToken)).toEqual({ ok: false, reason: 'revoked' });
    expect(d.store.all()[0]).toMatchObject({ revoked: true, revokedBecause: 'reuse' });
  });

  it('refuses forged, malformed and expired refresh tokens without writing', async () => {
    const d = deps();
    const { refreshToken, sid } = await startSession(d, ALICE);
    const before = JSON.stringify(d.store.all());
    expect(await refreshSession(d, 'not-a-token')).toEqual({ ok: false, reason: 'invalid' });
    expect(await refreshSession(d, `${sid}.${'A'.repeat(43)}`)).toEqual({ ok: false, reason: 'invalid' });
    expect(await refreshSession(d, `${'B'.repeat(24)}.${'A'.repeat(43)}`)).toEqual({ ok: false, reason: 'invalid' });
    d.clock.now += 3600_000;
    expect(await refreshSession(d, refreshToken)).toEqual({ ok: false, reason: 'expired' });
    expect(JSON.stringify(d.store.all())).toBe(before);
  });

  it('lets only one of two concurrent refreshes of one token win, and revokes on the loser', async () => {
    const d = deps();
    const { refreshToken } = await startSession(d, ALICE);
    const results = await Promise.all([refreshSession(d, refreshToken), refreshSession(d, refreshToken)]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(d.store.all()[0]?.revoked).toBe(true);
  });
});
