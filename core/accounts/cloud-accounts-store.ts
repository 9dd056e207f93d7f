/**
 * AccountsStore on the CloudBase database through @cloudbase/node-sdk (the server uses it
 * directly; the cloud function passes the node-sdk database that wx-server-sdk wraps). Claims are
 * inserts of deterministic `_id`s and every change is one conditional update, so concurrent
 * sign-ins of one person settle on one account.
 */
import { asStoreErrors, describeError } from '../kit/database-errors';
import { isStoreError } from '../kit/store-error';
import {
  ACCOUNT_LINKS_COLLECTION,
  ACCOUNTS_COLLECTION,
  withDates,
  type AccountDocument,
  type LinkDocument,
} from './account-record';
import type { AccountsStore } from './accounts-store';

interface NodeSdkWhere {
  get(): Promise<{ data?: unknown[]; code?: string }>;
  update(data: object): Promise<{ updated?: number; code?: string }>;
  limit?(count: number): NodeSdkWhere;
}

/** The part of a node-sdk database this store uses. */
export interface NodeSdkAccountsDatabase {
  command: { exists(value: boolean): unknown };
  collection(name: string): { add(document: object): Promise<unknown>; where(query: object): NodeSdkWhere };
  createCollection(name: string): Promise<unknown>;
}

/** node-sdk answers some failures as `{ code, message }` instead of throwing: both become a throw. */
function checked<T>(answer: T): T {
  const code = (answer as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && code) throw answer;
  return answer;
}

/** No collection yet means nothing there: what a read or a conditional write of a missing document answers. */
const noneIfMissing =
  <T>(none: T) =>
  (error: unknown): T => {
    if (isStoreError(error, 'collection-missing')) return none;
    throw error;
  };

export function createCloudAccountsStore(db: NodeSdkAccountsDatabase): AccountsStore {
  const links = () => db.collection(ACCOUNT_LINKS_COLLECTION);
  const accounts = () => db.collection(ACCOUNTS_COLLECTION);

  async function insertCreating(collection: string, document: object): Promise<void> {
    const add = async () => void checked(await db.collection(collection).add(document));
    try {
      await asStoreErrors(add);
    } catch (error) {
      if (!isStoreError(error, 'collection-missing')) throw error;
      await db.createCollection(collection).catch((created: unknown) => {
        if (!/ALREADY_EXIST|already exist/i.test(describeError(created))) throw created;
      });
      await asStoreErrors(add);
    }
  }

  async function findOne<T>(
    collection: () => { where(query: object): NodeSdkWhere },
    query: object,
  ): Promise<T | null> {
    const { data } = checked(await collection().where(query).get());
    const found = data?.[0] as T | undefined;
    return found ? withDates(found as T & object) : null;
  }

  const updated = async (where: NodeSdkWhere, data: object) => (checked(await where.update(data)).updated ?? 0) === 1;

  return {
    findLink: (id) => asStoreErrors(() => findOne<LinkDocument>(links, { _id: id })).catch(noneIfMissing(null)),
    insertLink: (link) => insertCreating(ACCOUNT_LINKS_COLLECTION, link),
    moveLink: (id, from, to) =>
      asStoreErrors(() =>
        updated(links().where({ _id: id, kind: 'identity', accountId: from }), { accountId: to }),
      ).catch(noneIfMissing(false)),
    setLinkUnionid: (id, unionid) =>
      asStoreErrors(
        async () =>
          void (await updated(links().where({ _id: id, kind: 'identity', unionid: db.command.exists(false) }), {
            unionid,
          })),
      ).catch(noneIfMissing(undefined)),
    identitiesOf: (accountId) =>
      asStoreErrors(async () => {
        const { data } = checked(await links().where({ kind: 'identity', accountId }).get());
        return (data ?? []).map((link) => withDates(link as LinkDocument));
      }).catch(noneIfMissing([])),
    insertAccount: (account) =>
      insertCreating(ACCOUNTS_COLLECTION, account).catch((error: unknown) => {
        if (!isStoreError(error, 'duplicate')) throw error;
      }),
    findAccount: (id) =>
      asStoreErrors(() => findOne<AccountDocument>(accounts, { _id: id })).catch(noneIfMissing(null)),
    markMerged: (id, into, now) =>
      asStoreErrors(() =>
        updated(accounts().where({ _id: id, mergedInto: db.command.exists(false) }), {
          mergedInto: into,
          mergedAt: now,
        }),
      ).catch(noneIfMissing(false)),
  };
}
