/**
 * The access token: a short-lived JWT (HS256, the algorithm pinned on both sides, `kid` in the
 * header) that a server verifies with no database read, with jose. It names the user (`sub` = openid), the
 * app (`aud` = appid) and the login session (`sid`), so that a logout can revoke it before it expires.
 *
 * @example
 *   const token = await signAccessToken(ring, { openid: 'o1', appid: 'wx1', sid: 's1' }, {
 *     now: new Date(),
 *     ttlSeconds: 900,
 *   });
 *   const verified = await verifyAccessToken(ring, token, { appid: 'wx1', now: new Date() });
 */
import { errors, jwtVerify, type JWTPayload } from 'jose';
import type { KeyRing } from './key-ring';
import { TOKEN_ALGORITHM, TOKEN_ISSUER, type AccessClaims } from './sign-access-token';

export { signAccessToken, TOKEN_ALGORITHM, TOKEN_ISSUER, type AccessClaims } from './sign-access-token';

/** Seconds of clock difference tolerated between the servers that sign and verify. */
const CLOCK_TOLERANCE_SECONDS = 5;

export type VerifiedAccess = AccessClaims & { expiresAt: Date };
export type AccessFailure = 'expired' | 'invalid';

/** Verifies signature, algorithm, key id, issuer, audience and expiry; nothing is read from a database. */
export async function verifyAccessToken(
  ring: KeyRing,
  token: string,
  /** `appid`: the app the token must be for, or the apps of one server (any of them). */
  expect: { appid: string | readonly string[]; now: Date },
): Promise<{ ok: true; claims: VerifiedAccess } | { ok: false; reason: AccessFailure; detail: string }> {
  try {
    const { payload } = await jwtVerify(
      token,
      (header) => {
        const key = header.kid === undefined ? undefined : ring.byKid.get(header.kid);
        if (!key) throw new errors.JWSSignatureVerificationFailed('unknown key id');
        return key.secret;
      },
      {
        algorithms: [TOKEN_ALGORITHM],
        issuer: TOKEN_ISSUER,
        audience: typeof expect.appid === 'string' ? expect.appid : [...expect.appid],
        currentDate: expect.now,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      },
    );
    const claims = claimsOf(payload, typeof expect.appid === 'string' ? expect.appid : audienceOf(payload));
    return claims ? { ok: true, claims } : { ok: false, reason: 'invalid', detail: 'claims missing' };
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, reason: 'expired', detail: 'token expired' };
    return { ok: false, reason: 'invalid', detail: error instanceof Error ? error.message : String(error) };
  }
}

/** The one app a token was signed for (jose has checked it is one of those expected). */
function audienceOf(payload: JWTPayload): string | undefined {
  return typeof payload.aud === 'string' ? payload.aud : payload.aud?.length === 1 ? payload.aud[0] : undefined;
}

function claimsOf(payload: JWTPayload, appid: string | undefined): VerifiedAccess | null {
  const { sub, sid, unionid, exp } = payload;
  if (!appid) return null;
  if (typeof sub !== 'string' || !sub || typeof sid !== 'string' || !sid || typeof exp !== 'number') return null;
  return {
    openid: sub,
    appid,
    sid,
    ...(typeof unionid === 'string' ? { unionid } : {}),
    expiresAt: new Date(exp * 1000),
  };
}
