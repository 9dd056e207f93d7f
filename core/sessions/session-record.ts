/**
 * A login session of the token flow, as stored in the `auth_sessions` collection: who it is for,
 * the hash of its one valid refresh token, the hashes already used (to recognise a replay), the
 * user's session_key sealed (server logins only), and whether it was revoked.
 */
export const SESSIONS_COLLECTION = 'auth_sessions';

/** How many used refresh-token hashes a session remembers to recognise their reuse. */
export const USED_HASHES_KEPT = 20;

export type RevokeReason = 'logout' | 'reuse' | 'account-deleted';

export interface SessionDocument {
  _id: string;
  openid: string;
  appid: string;
  unionid?: string;
  refreshHash: string;
  usedRefreshHashes: string[];
  /**
   * The WeChat session_key, encrypted with the server's key (never stored in the clear); erased when the session is
   * revoked.
   */
  sealedSessionKey?: string;
  createdAt: Date;
  refreshedAt: Date;
  /** The refresh token is refused after this (moves forward on every rotation). */
  refreshExpiresAt: Date;
  revoked: boolean;
  revokedAt?: Date;
  revokedBecause?: RevokeReason;
}

export interface Rotation {
  sid: string;
  fromHash: string;
  toHash: string;
  now: Date;
  refreshExpiresAt: Date;
}
