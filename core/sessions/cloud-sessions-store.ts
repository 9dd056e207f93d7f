/**
 * SessionsStore on the CloudBase database through @cloudbase/node-sdk (the server uses it
 * directly; the cloud function passes the node-sdk database that wx-server-sdk wraps). Every
 * change is one conditional update, so two refreshes of one token cannot both win.
 */
import { asStoreErrors, classifyDatabaseError, describeError } from '../kit/database-errors';
import { StoreError } from '../kit/store-error';
import { SESSIONS_COLLECTION, USED_HASHES_KEPT, type RevokeReason, type SessionDocument } from './session-record';
import type { SessionsStore } from './sessions-store';

/** The part of a node-sdk database this store uses. */
export interface NodeSdkDatabaseLike {
  command: { push(value: { each: unknown[]; slice: number }): unknown; remove(): unknown };
  collection(name: string): {
    add(document: object): Promise<unknown>;
    where(query: object): { get(): Promise<{ data: unknown[] }>; update(data: object): Promise<{ updated?: number }> };
  };
  createCollection(name: string): Promise<unknown>;
}

export function createCloudSessionsStore(db: NodeSdkDatabaseLike): SessionsStore {
  const sessions = () => db.collection(SESSIONS_COLLECTION);
  const add = (session: SessionDocument) => sessions().add(session);

  // A revoked session keeps no secret: its sealed session_key goes with it.
  const revocation = (now: Date, reason: RevokeReason) => ({
    revoked: true,
    revokedAt: now,
    revokedBecause: reason,
    sealedSessionKey: db.command.remove(),
  });

  return {
    insert: (session) =>
      asStoreErrors(async () => {
        try {
          await add(session);
        } catch (error) {
          if (classifyDatabaseError(error) !== 'collection-missing') throw error;
          await db.createCollection(SESSIONS_COLLECTION).catch((created: unknown) => {
            if (!/ALREADY_EXIST|already exist/i.test(describeError(created))) throw created;
          });
          await add(session);
        }
      }),
    find: (sid) =>
      asStoreErrors(async () => {
        const { data } = await sessions().where({ _id: sid }).get();
        const found = data[0] as SessionDocument | undefined;
        return found ? withDates(found) : null;
      }).catch(noneIfCollectionMissing(null)),
    rotate: ({ sid, fromHash, toHash, now, refreshExpiresAt }) =>
      asStoreErrors(async () => {
        const answer = await sessions()
          .where({ _id: sid, refreshHash: fromHash, revoked: false })
          .update({
            refreshHash: toHash,
            refreshedAt: now,
            refreshExpiresAt,
            usedRefreshHashes: db.command.push({ each: [fromHash], slice: -USED_HASHES_KEPT }),
          });
        return (answer.updated ?? 0) === 1;
      }).catch(noneIfCollectionMissing(false)),
    revoke: (sid, now, reason) =>
      asStoreErrors(
        async () => void (await sessions().where({ _id: sid, revoked: false }).update(revocation(now, reason))),
      ).catch(noneIfCollectionMissing(undefined)),
    revokeAllOf: (openid, now, reason) =>
      asStoreErrors(
        async () => (await sessions().where({ openid, revoked: false }).update(revocation(now, reason))).updated ?? 0,
      ).catch(noneIfCollectionMissing(0)),
  };
}

/** Dates as Date, whichever way the SDK hands them back. */
function withDates(session: SessionDocument): SessionDocument {
  const date = (value: Date | string | undefined) => (value === undefined ? undefined : new Date(value));
  return {
    ...session,
    createdAt: new Date(session.createdAt),
    refreshedAt: new Date(session.refreshedAt),
    refreshExpiresAt: new Date(session.refreshExpiresAt),
    ...(session.revokedAt ? { revokedAt: date(session.revokedAt) } : {}),
  };
}

/** No collection yet means no session: what a read or a conditional write of a missing one answers. */
function noneIfCollectionMissing<T>(none: T) {
  return (error: unknown): T => {
    if (error instanceof StoreError && error.kind === 'collection-missing') return none;
    throw error;
  };
}
