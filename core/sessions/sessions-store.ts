/**
 * The seam between the token logic and the database: what sessions need, nothing more.
 * `cloud-sessions-store.ts` implements it with node-sdk; the memory store serves unit tests; both
 * run `sessions-store.contract.ts`.
 */
import type { RevokeReason, Rotation, SessionDocument } from './session-record';

export interface SessionsStore {
  /** Inserts a new session (creating the collection on a fresh environment). */
  insert(session: SessionDocument): Promise<void>;
  find(sid: string): Promise<SessionDocument | null>;
  /**
   * Replaces the refresh hash in one conditional write: only while the session is not revoked and
   * its hash is still `fromHash`. Returns false when another rotation or a revocation came first.
   */
  rotate(rotation: Rotation): Promise<boolean>;
  /** Revokes the session and erases its sealed session_key (idempotent: a revoked session keeps its first reason). */
  revoke(sid: string, now: Date, reason: RevokeReason): Promise<void>;
  /** Revokes every live session of a user the same way (an account deleted); answers how many it revoked. */
  revokeAllOf(openid: string, now: Date, reason: RevokeReason): Promise<number>;
}
