/**
 * Signing an access token: a compact JWS, HS256, `kid` in the header. Signing is a fixed recipe
 * (base64url of two JSON objects, one HMAC) that node:crypto does in a few lines, so the `login`
 * cloud function signs without carrying jose (its package stays within its size budget and its
 * cold start stays short); verification, where the care lies (algorithm pinning, claims, expiry),
 * is jose's, in access-token.ts. Every token signed here is verified by jose in the tests.
 */
import { createHmac } from 'node:crypto';
import type { KeyRing } from './key-ring';

export const TOKEN_ISSUER = 'wx-cloud-login';
export const TOKEN_ALGORITHM = 'HS256';

export interface AccessClaims {
  openid: string;
  appid: string;
  unionid?: string;
  /** The login session the token belongs to. */
  sid: string;
}

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

export async function signAccessToken(
  ring: KeyRing,
  claims: AccessClaims,
  at: { now: Date; ttlSeconds: number },
): Promise<string> {
  const issuedAt = Math.floor(at.now.getTime() / 1000);
  const header = { alg: TOKEN_ALGORITHM, kid: ring.current.kid, typ: 'JWT' };
  const payload = {
    sid: claims.sid,
    ...(claims.unionid ? { unionid: claims.unionid } : {}),
    iss: TOKEN_ISSUER,
    sub: claims.openid,
    aud: claims.appid,
    iat: issuedAt,
    exp: issuedAt + at.ttlSeconds,
  };
  const signingInput = `${encode(header)}.${encode(payload)}`;
  const signature = createHmac('sha256', ring.current.secret).update(signingInput).digest('base64url');
  return `${signingInput}.${signature}`;
}
