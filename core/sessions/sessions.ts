/**
 * The token flow's sessions, shared by the cloud function and the developer's server: start one
 * (an access token and a refresh token), refresh it (the refresh token rotates; a used one coming
 * back revokes the whole session, since one of its two holders is not the user), end it.
 *
 * @example
 *   const tokens = await startSession(deps, { openid: 'o1', appid: 'wx1' });
 *   const next = await refreshSession(deps, tokens.refreshToken);
 */
import type { KeyRing } from '../tokens/key-ring';
import { signAccessToken } from '../tokens/sign-access-token';
import { hashRefreshToken, newRefreshToken, newSessionId, sessionIdOf } from '../tokens/refresh-token';
import type { SessionDocument } from './session-record';
import type { SessionsStore } from './sessions-store';

export interface TokenSettings {
  ring: KeyRing;
  /** Access token lifetime (default 15 minutes: also how long a logout may take to reach other instances). */
  accessTtlSeconds: number;
  /** Refresh token lifetime, counted from its last rotation. */
  refreshTtlSeconds: number;
}

export interface SessionDeps extends TokenSettings {
  store: SessionsStore;
  now(): Date;
  random?(bytes: number): Buffer;
}

export interface SessionOwner {
  openid: string;
  appid: string;
  unionid?: string;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds the access token lives. */
  expiresIn: number;
}

export type RefreshFailure = 'invalid' | 'expired' | 'revoked' | 'reused';

export const DEFAULT_ACCESS_TTL_SECONDS = 15 * 60;
export const DEFAULT_REFRESH_TTL_SECONDS = 30 * 24 * 3600;

export async function startSession(
  deps: SessionDeps,
  owner: SessionOwner,
  sealedSessionKey?: string,
): Promise<TokenPair & { sid: string }> {
  const now = deps.now();
  const sid = newSessionId(deps.random);
  const refreshToken = newRefreshToken(sid, deps.random);
  const session: SessionDocument = {
    _id: sid,
    openid: owner.openid,
    appid: owner.appid,
    ...(owner.unionid ? { unionid: owner.unionid } : {}),
    refreshHash: hashRefreshToken(refreshToken),
    usedRefreshHashes: [],
    ...(sealedSessionKey ? { sealedSessionKey } : {}),
    createdAt: now,
    refreshedAt: now,
    refreshExpiresAt: new Date(now.getTime() + deps.refreshTtlSeconds * 1000),
    revoked: false,
  };
  await deps.store.insert(session);
  return { sid, refreshToken, ...(await accessFor(deps, session, now)) };
}

/** A new pair for a valid refresh token; nothing is written for one that names no session. */
export async function refreshSession(
  deps: SessionDeps,
  refreshToken: string,
): Promise<{ ok: true; tokens: TokenPair; session: SessionDocument } | { ok: false; reason: RefreshFailure }> {
  const sid = sessionIdOf(refreshToken);
  const session = sid ? await deps.store.find(sid) : null;
  if (!sid || !session) return { ok: false, reason: 'invalid' };
  if (session.revoked) return { ok: false, reason: 'revoked' };
  const hash = hashRefreshToken(refreshToken);
  const now = deps.now();
  if (hash !== session.refreshHash) {
    if (!session.usedRefreshHashes.includes(hash)) return { ok: false, reason: 'invalid' };
    await deps.store.revoke(sid, now, 'reuse');
    return { ok: false, reason: 'reused' };
  }
  if (session.refreshExpiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  const next = newRefreshToken(sid, deps.random);
  const refreshExpiresAt = new Date(now.getTime() + deps.refreshTtlSeconds * 1000);
  if (!(await deps.store.rotate({ sid, fromHash: hash, toHash: hashRefreshToken(next), now, refreshExpiresAt }))) {
    // Another refresh of this same token won the race: this one is a replay of a used token.
    await deps.store.revoke(sid, now, 'reuse');
    return { ok: false, reason: 'reused' };
  }
  return { ok: true, session, tokens: { refreshToken: next, ...(await accessFor(deps, session, now)) } };
}

async function accessFor(
  deps: TokenSettings,
  session: SessionDocument,
  now: Date,
): Promise<Omit<TokenPair, 'refreshToken'>> {
  const claims = {
    openid: session.openid,
    appid: session.appid,
    sid: session._id,
    ...(session.unionid ? { unionid: session.unionid } : {}),
  };
  return {
    accessToken: await signAccessToken(deps.ring, claims, { now, ttlSeconds: deps.accessTtlSeconds }),
    expiresIn: deps.accessTtlSeconds,
  };
}
