/** SessionsStore in memory: for unit tests, and the reference the contract suite holds the cloud store to. */
import { USED_HASHES_KEPT, type SessionDocument } from './session-record';
import type { SessionsStore } from './sessions-store';

export function createMemorySessionsStore(): SessionsStore & { all(): SessionDocument[] } {
  const sessions = new Map<string, SessionDocument>();
  return {
    all: () => [...sessions.values()].map((session) => structuredClone(session)),
    insert: async (session) => {
      if (sessions.has(session._id)) throw new Error(`duplicate session ${session._id}`);
      sessions.set(session._id, structuredClone(session));
    },
    find: async (sid) => structuredClone(sessions.get(sid) ?? null),
    rotate: async ({ sid, fromHash, toHash, now, refreshExpiresAt }) => {
      const session = sessions.get(sid);
      if (!session || session.revoked || session.refreshHash !== fromHash) return false;
      session.usedRefreshHashes = [...session.usedRefreshHashes, fromHash].slice(-USED_HASHES_KEPT);
      Object.assign(session, { refreshHash: toHash, refreshedAt: now, refreshExpiresAt });
      return true;
    },
    revoke: async (sid, now, reason) => {
      const session = sessions.get(sid);
      if (session && !session.revoked)
        Object.assign(session, { revoked: true, revokedAt: now, revokedBecause: reason });
    },
  };
}
