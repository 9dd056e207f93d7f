import { SignJWT, UnsecuredJWT } from 'jose';
import { signAccessToken, verifyAccessToken } from './access-token';
import { keyRing, parsePreviousKeys, signingKey } from './key-ring';

const NOW = new Date('2026-03-01T00:00:00Z');
const OLD = signingKey('k1', 'o'.repeat(32));
const NEW = signingKey('k2', 'n'.repeat(32));
const CLAIMS = { openid: 'o-alice', appid: 'wx-app', sid: 'sid-0000000000000001' };
const expectOk = { appid: 'wx-app', now: NOW };

describe('access tokens', () => {
  it('verifies a token of the current key and, after rotation, of a previous key', async () => {
    const before = await signAccessToken(keyRing(OLD), CLAIMS, { now: NOW, ttlSeconds: 60 });
    const rotated = keyRing(NEW, [OLD]);
    expect(await verifyAccessToken(rotated, before, expectOk)).toMatchObject({ ok: true, claims: CLAIMS });
    expect(await verifyAccessToken(keyRing(NEW), before, expectOk)).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it('refuses expired, tampered, foreign-app, alg:none and other-algorithm tokens', async () => {
    const ring = keyRing(OLD);
    const token = await signAccessToken(ring, CLAIMS, { now: NOW, ttlSeconds: 60 });
    expect(await verifyAccessToken(ring, token, { ...expectOk, now: new Date(NOW.getTime() + 120_000) })).toMatchObject(
      { reason: 'expired' },
    );
    const [header, payload, signature] = token.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()), sub: 'o-mallory' }),
    ).toString('base64url');
    expect(await verifyAccessToken(ring, `${header}.${forgedPayload}.${signature}`, expectOk)).toMatchObject({
      ok: false,
      reason: 'invalid',
    });
    expect(await verifyAccessToken(ring, token, { ...expectOk, appid: 'wx-other' })).toMatchObject({
      ok: false,
      reason: 'invalid',
    });
    const none = new UnsecuredJWT({ sid: CLAIMS.sid })
      .setSubject('o-mallory')
      .setAudience('wx-app')
      .setIssuer('wx-cloud-login')
      .setExpirationTime('1h')
      .encode();
    expect(await verifyAccessToken(ring, none, expectOk)).toMatchObject({ ok: false, reason: 'invalid' });
    const hs512 = await new SignJWT({ sid: CLAIMS.sid })
      .setProtectedHeader({ alg: 'HS512', kid: 'k1' })
      .setSubject('o-mallory')
      .setAudience('wx-app')
      .setIssuer('wx-cloud-login')
      .setExpirationTime(Math.floor(NOW.getTime() / 1000) + 60)
      .sign(new TextEncoder().encode('o'.repeat(64)));
    expect(await verifyAccessToken(ring, hs512, expectOk)).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it('checks keys: length, ids, duplicates', () => {
    expect(() => signingKey('k1', 'short')).toThrow(/at least 32/);
    expect(() => signingKey('bad id', 'x'.repeat(32))).toThrow(/key id/);
    expect(() => keyRing(OLD, [OLD])).toThrow(/two signing keys/);
    expect(parsePreviousKeys(`k0:${'z'.repeat(32)}`).map((key) => key.kid)).toEqual(['k0']);
    expect(() => parsePreviousKeys('nocolon')).toThrow(/kid:secret/);
  });
});
